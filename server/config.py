"""Configuration from environment variables (12-factor), checked once at start.

`APP_ENV` picks the profile: `demo` (default: mongomock, demo data, fake WeChat),
`test` (like demo, but tests seed what they need and start their own fake WeChat), and
`production` (refuses to start without its secrets, never enables demo features).
"""

import os
import secrets

PROFILES = ("demo", "test", "production")
REQUIRED_IN_PRODUCTION = ("MONGODB_URI", "SECRET_KEY", "WECHAT_APPID", "WECHAT_SECRET")


class ConfigError(RuntimeError):
    """The configuration cannot run: the message says which setting to fix."""


def _int(environ, name, default):
    raw = environ.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from exc


def _float(environ, name, default):
    raw = environ.get(name)
    if raw in (None, ""):
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from exc


def from_environ(environ=None):
    """Read every setting from `environ` (default os.environ) into a dict."""
    env = os.environ if environ is None else environ
    return {
        "APP_ENV": env.get("APP_ENV", "demo"),
        "SECRET_KEY": env.get("SECRET_KEY") or None,
        "MONGODB_URI": env.get("MONGODB_URI") or None,
        "MONGODB_DB": env.get("MONGODB_DB", "shuangjian"),
        # A real MongoDB: every operation's budget (sent as maxTimeMS; a longer job such as
        # an index build opens its own pymongo.timeout), and the connect / socket limits.
        "MONGODB_TIMEOUT_MS": _int(env, "MONGODB_TIMEOUT_MS", 15000),
        "MONGODB_CONNECT_TIMEOUT_MS": _int(env, "MONGODB_CONNECT_TIMEOUT_MS", 5000),
        "MONGODB_SOCKET_TIMEOUT_MS": _int(env, "MONGODB_SOCKET_TIMEOUT_MS", 30000),
        "WECHAT_APPID": env.get("WECHAT_APPID") or None,
        "WECHAT_SECRET": env.get("WECHAT_SECRET") or None,
        "WECHAT_API_BASE": env.get("WECHAT_API_BASE") or None,
        "WECHAT_TIMEOUT": _float(env, "WECHAT_TIMEOUT", 5.0),
        "WECHAT_PUSH_TOKEN": env.get("WECHAT_PUSH_TOKEN") or None,
        "MP_INSTITUTION_PAGE": env.get("MP_INSTITUTION_PAGE") or "pages/institution/detail",
        "POSTER_FONT": env.get("POSTER_FONT") or None,
        "HOST": env.get("HOST", "127.0.0.1"),
        "PORT": _int(env, "PORT", 8000),
        "DEMO_PASSWORD": env.get("DEMO_PASSWORD", "demo-password"),
        "DEMO_INSTITUTIONS": _int(env, "DEMO_INSTITUTIONS", 300),
        "PARENT_TOKEN_TTL": _int(env, "PARENT_TOKEN_TTL", 7 * 24 * 3600),
        "STAFF_TOKEN_TTL": _int(env, "STAFF_TOKEN_TTL", 8 * 3600),
        "RETENTION_DAYS": _int(env, "RETENTION_DAYS", 365),
        "RETENTION_INTERVAL": _int(env, "RETENTION_INTERVAL", 3600),  # seconds between runs
        "PASSWORD_HASH_METHOD": env.get("PASSWORD_HASH_METHOD", "scrypt"),
        "LOG_LEVEL": env.get("LOG_LEVEL", "INFO"),
        # Complaint deadlines in working days, and the parent's rating window in days.
        "ACCEPT_DAYS": _int(env, "ACCEPT_DAYS", 1),
        "RESOLVE_DAYS": _int(env, "RESOLVE_DAYS", 15),
        "EXTEND_DAYS": _int(env, "EXTEND_DAYS", 15),
        "RATING_WINDOW_DAYS": _int(env, "RATING_WINDOW_DAYS", 7),
        "REMIND_HOURS": _int(env, "REMIND_HOURS", 24),
        # Subscribe-message template for status changes (the id WeChat gave the mini-program).
        "WECHAT_TEMPLATE_STATUS": env.get("WECHAT_TEMPLATE_STATUS", "demo-status-template"),
        "WORKER_INTERVAL": _float(env, "WORKER_INTERVAL", 5.0),
        "OUTBOX_LEASE_SECONDS": _int(env, "OUTBOX_LEASE_SECONDS", 60),
        "OUTBOX_MAX_ATTEMPTS": _int(env, "OUTBOX_MAX_ATTEMPTS", 8),
        # Where WeChat fetches photos for mediaCheckAsync (default http://HOST:PORT).
        "PUBLIC_BASE_URL": env.get("PUBLIC_BASE_URL") or None,
        "MEDIA_URL_TTL": _int(env, "MEDIA_URL_TTL", 3600),
        "COMPLAINTS_PER_DAY": _int(env, "COMPLAINTS_PER_DAY", 10),
    }


def finalize(config):
    """Check a settings dict and fill what a profile may default; raise ConfigError if unfit."""
    profile = config.get("APP_ENV")
    if profile not in PROFILES:
        raise ConfigError(f"APP_ENV must be one of {', '.join(PROFILES)}, got {profile!r}")
    if profile == "production":
        missing = [name for name in REQUIRED_IN_PRODUCTION if not config.get(name)]
        if missing:
            raise ConfigError(
                "APP_ENV=production refuses to start: set "
                + ", ".join(missing)
                + " in the environment"
            )
        if len(config["SECRET_KEY"]) < 32:
            raise ConfigError("SECRET_KEY must be at least 32 characters in production")
        config["DEMO"] = False
    else:
        config["DEMO"] = profile == "demo"
        # Demo and test processes sign tokens with a per-process key unless one is given.
        config["SECRET_KEY"] = config.get("SECRET_KEY") or secrets.token_urlsafe(32)
        config.setdefault("WECHAT_APPID", None)
        config["WECHAT_APPID"] = config["WECHAT_APPID"] or "wx-demo-appid"
        config["WECHAT_SECRET"] = config.get("WECHAT_SECRET") or "demo-secret"
    config["WECHAT_PUSH_TOKEN"] = config.get("WECHAT_PUSH_TOKEN") or "demo-push-token"
    base = config.get("PUBLIC_BASE_URL") or f"http://{config.get('HOST')}:{config.get('PORT')}"
    config["PUBLIC_BASE_URL"] = base.rstrip("/")
    # The console's session cookie travels over HTTPS only in production (demo/test use http).
    config.setdefault("SESSION_COOKIE_SECURE", profile == "production")
    # A worker holds a message it sends for the lease; if a WeChat call could outlast it,
    # another worker might take the message over and send it a second time.
    lease, timeout = config.get("OUTBOX_LEASE_SECONDS", 60), config.get("WECHAT_TIMEOUT", 5.0)
    if lease <= 3 * timeout:
        raise ConfigError(
            f"OUTBOX_LEASE_SECONDS ({lease}) must exceed three times WECHAT_TIMEOUT ({timeout})"
        )
    return config


def load(overrides=None):
    """The app's settings: the environment, then `overrides` (tests), checked."""
    config = from_environ()
    config.update(overrides or {})
    return finalize(config)
