"""Configuration from environment variables (12-factor), checked once at start.

The settings and their types live in `server/settings.py`; this module fills what a
profile may default and refuses what cannot run.

`APP_ENV` picks the profile: `demo` (default: mongomock, demo data, fake WeChat),
`test` (like demo, but tests seed what they need and start their own fake WeChat), and
`production` (refuses to start without its secrets, never enables demo features).
"""

import ipaddress
import re
import secrets
from urllib.parse import urlsplit

from server import resilience_config, security_config
from server.settings import ConfigError, read_settings

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


def from_environ():
    """Every setting the environment gives (typed in server/settings.py) as a dict."""
    return read_settings()


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
    _fill_bureau(config, demo=profile != "production")
    base = config.get("PUBLIC_BASE_URL") or f"http://{config.get('HOST')}:{config.get('PORT')}"
    config["PUBLIC_BASE_URL"] = base.rstrip("/")
    _check_push_security(config)
    _check_wxacode(config)
    security_config.finalize(config, ConfigError)
    resilience_config.finalize(config, ConfigError)
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


DEMO_BUREAU = {
    "BUREAU_NAME": "临江县教育局",
    "BUREAU_PHONE": "0579-82345678",
    "BUREAU_HOURS": "工作日 8:30-12:00，14:00-17:30",
    "BUREAU_CENTER": "29.0850,119.6470",  # the demo county's seat
}


def _fill_bureau(config, *, demo):
    """Demo defaults for the bureau outside production; BUREAU_CENTER parsed to (lat, lng)."""
    for name, value in DEMO_BUREAU.items():
        if demo and not config.get(name):
            config[name] = value
    center = config.get("BUREAU_CENTER")
    if center is None or isinstance(center, tuple):
        return
    try:
        lat, lng = (float(part) for part in str(center).split(","))
    except ValueError as exc:
        raise ConfigError(f"BUREAU_CENTER must be 'lat,lng', got {center!r}") from exc
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise ConfigError(f"BUREAU_CENTER is not on Earth: {center!r}")
    config["BUREAU_CENTER"] = (lat, lng)
