"""Configuration from environment variables (12-factor), checked once at start.

`APP_ENV` picks the profile: `demo` (default: mongomock, demo data, fake WeChat),
`test` (like demo, but tests seed what they need and start their own fake WeChat), and
`production` (refuses to start without its secrets, never enables demo features).
"""

import ipaddress
import os
import re
import secrets
from urllib.parse import urlsplit

from server import security_config

PROFILES = ("demo", "test", "production")
REQUIRED_IN_PRODUCTION = (
    "MONGODB_URI",
    "SECRET_KEY",
    "WECHAT_APPID",
    "WECHAT_SECRET",
    "PUBLIC_BASE_URL",
    "WECHAT_PUSH_TOKEN",
    "WECHAT_TEMPLATE_STATUS",
    "DATA_KEY",
)
DEMO_PUSH_TOKEN = "demo-push-token"
DEMO_TEMPLATE_STATUS = "demo-status-template"
# WeChat's console takes a push Token of 3-32 letters or digits; production wants the longest.
PUSH_TOKEN_LENGTH = 32
PUSH_TOKEN_PATTERN = re.compile(r"[A-Za-z0-9]+")
# The EncodingAESKey: 43 letters or digits (base64 of 32 bytes without its "=").
AES_KEY_PATTERN = re.compile(r"[A-Za-z0-9]{43}")
PUSH_MODES = ("plaintext", "compatible", "safe")
WXACODE_ENV_VERSIONS = ("release", "trial", "develop")
BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


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


def _bool(environ, name, default):
    raw = environ.get(name)
    if raw in (None, ""):
        return default
    if raw.strip().lower() not in BOOLEANS:
        raise ConfigError(f"{name} must be true or false, got {raw!r}")
    return BOOLEANS[raw.strip().lower()]


def from_environ(environ=None):
    """Read every setting from `environ` (default os.environ) into a dict."""
    env = os.environ if environ is None else environ
    return {
        "APP_ENV": env.get("APP_ENV", "demo"),
        "SECRET_KEY": env.get("SECRET_KEY") or None,
        # Seals personal data at rest (server/datakeys.py); older keys only to read.
        "DATA_KEY": env.get("DATA_KEY") or None,
        "DATA_KEYS_OLD": env.get("DATA_KEYS_OLD") or None,
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
        # Message push security: the EncodingAESKey turns on safe mode; compatible mode also
        # takes plaintext pushes (what the mini-program's admin console is set to).
        "WECHAT_PUSH_AES_KEY": env.get("WECHAT_PUSH_AES_KEY") or None,
        "WECHAT_PUSH_MODE": env.get("WECHAT_PUSH_MODE") or None,
        "MP_INSTITUTION_PAGE": env.get("MP_INSTITUTION_PAGE") or "pages/institution/detail",
        # getwxacodeunlimit: before launch the page exists only in the trial version, so set
        # false / trial; WeChat's defaults (true / release) answer 41030 until then.
        "WXACODE_CHECK_PATH": _bool(env, "WXACODE_CHECK_PATH", True),
        "WXACODE_ENV_VERSION": env.get("WXACODE_ENV_VERSION") or "release",
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
        "WECHAT_TEMPLATE_STATUS": env.get("WECHAT_TEMPLATE_STATUS") or None,
        "WORKER_INTERVAL": _float(env, "WORKER_INTERVAL", 5.0),
        "OUTBOX_LEASE_SECONDS": _int(env, "OUTBOX_LEASE_SECONDS", 60),
        "OUTBOX_MAX_ATTEMPTS": _int(env, "OUTBOX_MAX_ATTEMPTS", 8),
        # Where WeChat fetches photos for mediaCheckAsync (default http://HOST:PORT).
        "PUBLIC_BASE_URL": env.get("PUBLIC_BASE_URL") or None,
        "MEDIA_URL_TTL": _int(env, "MEDIA_URL_TTL", 3600),
        # How long the photo links in a parent's complaint detail open the photo (seconds).
        "PHOTO_LINK_TTL": _int(env, "PHOTO_LINK_TTL", 3600),
        "COMPLAINTS_PER_DAY": _int(env, "COMPLAINTS_PER_DAY", 10),
        # Per parent: photo uploads and supplements per fixed window of minutes.
        "UPLOADS_PER_WINDOW": _int(env, "UPLOADS_PER_WINDOW", 30),
        "UPLOAD_WINDOW_MINUTES": _int(env, "UPLOAD_WINDOW_MINUTES", 10),
        "SUPPLEMENTS_PER_WINDOW": _int(env, "SUPPLEMENTS_PER_WINDOW", 10),
        "SUPPLEMENT_WINDOW_MINUTES": _int(env, "SUPPLEMENT_WINDOW_MINUTES", 60),
        # Reverse proxies in front of the app (each appends to X-Forwarded-For). 0: none, and
        # the client address (sign-in limits count by it) is the connection's own.
        "PROXY_HOPS": _int(env, "PROXY_HOPS", 0),
        # Photos decoded at once per process (each may hold ~150 MB while it runs).
        "PHOTO_DECODE_SLOTS": _int(env, "PHOTO_DECODE_SLOTS", 2),
        "PHOTO_SLOT_WAIT_SECONDS": _float(env, "PHOTO_SLOT_WAIT_SECONDS", 30.0),
        **security_config.from_environ(env, _int),
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
        _check_production_wechat(config)
    else:
        config["DEMO"] = profile == "demo"
        # Demo and test processes sign tokens with a per-process key unless one is given.
        config["SECRET_KEY"] = config.get("SECRET_KEY") or secrets.token_urlsafe(32)
        config.setdefault("WECHAT_APPID", None)
        config["WECHAT_APPID"] = config["WECHAT_APPID"] or "wx-demo-appid"
        config["WECHAT_SECRET"] = config.get("WECHAT_SECRET") or "demo-secret"
        config["WECHAT_PUSH_TOKEN"] = config.get("WECHAT_PUSH_TOKEN") or DEMO_PUSH_TOKEN
        config["WECHAT_TEMPLATE_STATUS"] = (
            config.get("WECHAT_TEMPLATE_STATUS") or DEMO_TEMPLATE_STATUS
        )
    base = config.get("PUBLIC_BASE_URL") or f"http://{config.get('HOST')}:{config.get('PORT')}"
    config["PUBLIC_BASE_URL"] = base.rstrip("/")
    _check_push_security(config)
    _check_wxacode(config)
    security_config.finalize(config, ConfigError)
    # The console's session cookie travels over HTTPS only in production (demo/test use http).
    config.setdefault("SESSION_COOKIE_SECURE", profile == "production")
    if config.get("PHOTO_DECODE_SLOTS", 2) < 1:
        raise ConfigError("PHOTO_DECODE_SLOTS must be at least 1 (photos decoded at once)")
    # A worker holds a message it sends for the lease; if a WeChat call could outlast it,
    # another worker might take the message over and send it a second time.
    lease, timeout = config.get("OUTBOX_LEASE_SECONDS", 60), config.get("WECHAT_TIMEOUT", 5.0)
    if lease <= 3 * timeout:
        raise ConfigError(
            f"OUTBOX_LEASE_SECONDS ({lease}) must exceed three times WECHAT_TIMEOUT ({timeout})"
        )
    return config


def _check_production_wechat(config):
    """What WeChat needs from a real deployment: a public HTTPS address, a strong push token."""
    base = urlsplit(config["PUBLIC_BASE_URL"])
    if base.scheme != "https" or not base.hostname or _is_loopback(base.hostname):
        raise ConfigError(
            "PUBLIC_BASE_URL must be the https:// address WeChat reaches this server at "
            f"(not loopback), got {config['PUBLIC_BASE_URL']!r}"
        )
    token = config["WECHAT_PUSH_TOKEN"]
    if token == DEMO_PUSH_TOKEN or len(token) != PUSH_TOKEN_LENGTH:
        raise ConfigError(
            f"WECHAT_PUSH_TOKEN must be a secret of {PUSH_TOKEN_LENGTH} letters or digits "
            "(at least 32 for strength; WeChat's admin console accepts at most 32), "
            "never the demo value"
        )
    if not PUSH_TOKEN_PATTERN.fullmatch(token):
        raise ConfigError("WECHAT_PUSH_TOKEN may hold only letters and digits (WeChat's rule)")
    if config["WECHAT_TEMPLATE_STATUS"] == DEMO_TEMPLATE_STATUS:
        raise ConfigError("WECHAT_TEMPLATE_STATUS must be the template id WeChat gave you")


def _is_loopback(hostname):
    """Whether hostname names this machine (WeChat could never reach it)."""
    if hostname == "localhost" or hostname.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(hostname)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _check_push_security(config):
    """The push mode follows the AES key: safe by default with one, plaintext without."""
    key = config.get("WECHAT_PUSH_AES_KEY")
    if key is not None and not AES_KEY_PATTERN.fullmatch(key):
        raise ConfigError("WECHAT_PUSH_AES_KEY must be the 43-character EncodingAESKey")
    mode = config.get("WECHAT_PUSH_MODE") or ("safe" if key else "plaintext")
    if mode not in PUSH_MODES:
        raise ConfigError(f"WECHAT_PUSH_MODE must be one of {', '.join(PUSH_MODES)}, got {mode!r}")
    if mode != "plaintext" and not key:
        raise ConfigError(f"WECHAT_PUSH_MODE={mode} needs WECHAT_PUSH_AES_KEY (EncodingAESKey)")
    if mode == "plaintext" and key:
        raise ConfigError("WECHAT_PUSH_AES_KEY is set: WECHAT_PUSH_MODE must be compatible or safe")
    config["WECHAT_PUSH_MODE"], config["WECHAT_PUSH_AES_KEY"] = mode, key


def _check_wxacode(config):
    """The 小程序码 settings: a page path as app.json names it, a known version."""
    page = config.setdefault("MP_INSTITUTION_PAGE", "pages/institution/detail")
    if not page or page.startswith("/") or "?" in page or any(c.isspace() for c in page):
        raise ConfigError(
            "MP_INSTITUTION_PAGE must be a page path as app.json lists it, without a leading "
            f"'/' or a '?query' (e.g. pages/institution/detail), got {page!r}"
        )
    version = config.setdefault("WXACODE_ENV_VERSION", "release")
    if version not in WXACODE_ENV_VERSIONS:
        raise ConfigError(
            f"WXACODE_ENV_VERSION must be one of {', '.join(WXACODE_ENV_VERSIONS)}, got {version!r}"
        )
    config.setdefault("WXACODE_CHECK_PATH", True)


def load(overrides=None):
    """The app's settings: the environment, then `overrides` (tests), checked."""
    config = from_environ()
    config.update(overrides or {})
    return finalize(config)
