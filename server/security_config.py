"""Settings of staff security (等保 2.0 level 3): audit retention, second factor, passwords,
console idle time-out. Read from the environment by `server.settings`; checked here.
"""

AUDIT_RETENTION_FLOOR_DAYS = 180  # 网络安全法 Art. 21: logs kept at least six months
ADMIN_ROLES = ("admin", "security_admin", "auditor")


def _roles(raw):
    """A comma-separated MFA_REQUIRED_ROLES as a tuple (None: the profile's default)."""
    if raw is None or isinstance(raw, tuple | list):
        return raw
    return tuple(role.strip() for role in raw.split(",") if role.strip())


def finalize(config, error):
    """Fill the profile's defaults and refuse unsafe values (raising `error(message)`)."""
    production = config.get("APP_ENV") == "production"
    config.setdefault("AUDIT_RETENTION_DAYS", 365)
    config.setdefault("PASSWORD_MAX_AGE_DAYS", 90)
    config.setdefault("CONSOLE_IDLE_MINUTES", 30)
    config["MFA_REQUIRED_ROLES"] = _roles(config.get("MFA_REQUIRED_ROLES"))
    if config["MFA_REQUIRED_ROLES"] is None:
        config["MFA_REQUIRED_ROLES"] = ADMIN_ROLES if production else ()
    days = config["AUDIT_RETENTION_DAYS"]
    if production and days < AUDIT_RETENTION_FLOOR_DAYS:
        raise error(
            f"AUDIT_RETENTION_DAYS must be at least {AUDIT_RETENTION_FLOOR_DAYS} in production "
            f"(the security audit is kept at least six months), got {days}"
        )
    if days < 1:
        raise error(f"AUDIT_RETENTION_DAYS must be at least 1, got {days}")
    if config["CONSOLE_IDLE_MINUTES"] < 1:
        raise error("CONSOLE_IDLE_MINUTES must be at least 1")
    if config["PASSWORD_MAX_AGE_DAYS"] < 1:
        raise error("PASSWORD_MAX_AGE_DAYS must be at least 1")
    return config
