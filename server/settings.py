"""Every setting the environment may give, typed, with its default: one line each.

Adding a setting is one line here (name, type, default; a comment when the name does not
say enough). pydantic-settings reads the environment variable of the same name; an empty
variable counts as unset, except `APP_ENV`, where a blank is refused rather than read as
demo. A value that does not parse stops the start with a ConfigError naming the variable.
What a profile fills in or refuses (production's secrets) is checked in `server/config.py`.
"""

from pydantic import ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ConfigError(RuntimeError):
    """The configuration cannot run: the message says which setting to fix."""


class Settings(BaseSettings):
    """The settings as the environment gives them (no profile checks yet)."""

    model_config = SettingsConfigDict(case_sensitive=True, extra="ignore")

    APP_ENV: str = "demo"
    SECRET_KEY: str | None = None
    MONGODB_URI: str | None = None
    MONGODB_DB: str = "shuangjian"
    # A real MongoDB: every operation's budget (sent as maxTimeMS; a longer job such as
    # an index build opens its own pymongo.timeout), and the connect / socket limits.
    MONGODB_TIMEOUT_MS: int = 15000
    MONGODB_CONNECT_TIMEOUT_MS: int = 5000
    MONGODB_SOCKET_TIMEOUT_MS: int = 30000
    WECHAT_APPID: str | None = None
    WECHAT_SECRET: str | None = None
    WECHAT_API_BASE: str | None = None
    WECHAT_TIMEOUT: float = 5.0
    WECHAT_PUSH_TOKEN: str | None = None
    # Message push security: the EncodingAESKey turns on safe mode; compatible mode also
    # takes plaintext pushes (what the mini-program's admin console is set to).
    WECHAT_PUSH_AES_KEY: str | None = None
    WECHAT_PUSH_MODE: str | None = None
    MP_INSTITUTION_PAGE: str = "pages/institution/detail"
    # getwxacodeunlimit: before launch the page exists only in the trial version, so set
    # false / trial; WeChat's defaults (true / release) answer 41030 until then.
    WXACODE_CHECK_PATH: bool = True
    WXACODE_ENV_VERSION: str = "release"
    POSTER_FONT: str | None = None
    HOST: str = "127.0.0.1"
    PORT: int = 8000
    DEMO_PASSWORD: str = "demo-password"
    DEMO_INSTITUTIONS: int = 300
    PARENT_TOKEN_TTL: int = 7 * 24 * 3600
    STAFF_TOKEN_TTL: int = 8 * 3600
    RETENTION_DAYS: int = 365
    RETENTION_INTERVAL: int = 3600  # seconds between runs
    PASSWORD_HASH_METHOD: str = "scrypt"
    LOG_LEVEL: str = "INFO"
    # Complaint deadlines in working days, and the parent's rating window in days.
    ACCEPT_DAYS: int = 1
    RESOLVE_DAYS: int = 15
    EXTEND_DAYS: int = 15
    RATING_WINDOW_DAYS: int = 7
    REMIND_HOURS: int = 24
    # Subscribe-message template for status changes (the id WeChat gave the mini-program).
    WECHAT_TEMPLATE_STATUS: str | None = None
    WORKER_INTERVAL: float = 5.0
    OUTBOX_LEASE_SECONDS: int = 60
    OUTBOX_MAX_ATTEMPTS: int = 8
    # Where WeChat fetches photos for mediaCheckAsync (default http://HOST:PORT).
    PUBLIC_BASE_URL: str | None = None
    MEDIA_URL_TTL: int = 3600
    # How long the photo links in a parent's complaint detail open the photo (seconds).
    PHOTO_LINK_TTL: int = 3600
    COMPLAINTS_PER_DAY: int = 10
    # Per parent: photo uploads and supplements per fixed window of minutes.
    UPLOADS_PER_WINDOW: int = 30
    UPLOAD_WINDOW_MINUTES: int = 10
    SUPPLEMENTS_PER_WINDOW: int = 10
    SUPPLEMENT_WINDOW_MINUTES: int = 60
    # Reverse proxies in front of the app (each appends to X-Forwarded-For). 0: none, and
    # the client address (sign-in limits count by it) is the connection's own.
    PROXY_HOPS: int = 0
    # Photos decoded at once per process (each may hold ~150 MB while it runs).
    PHOTO_DECODE_SLOTS: int = 2
    PHOTO_SLOT_WAIT_SECONDS: float = 30.0
    # Seals personal data at rest (server/datakeys.py); older keys only to read.
    DATA_KEY: str | None = None
    DATA_KEYS_OLD: str | None = None
    # Staff security (等保 2.0 level 3), checked in server/security_config.py.
    AUDIT_RETENTION_DAYS: int = 365
    # Comma-separated roles; unset: the profile's default (production: the three admins).
    MFA_REQUIRED_ROLES: str | None = None
    PASSWORD_MAX_AGE_DAYS: int = 90
    CONSOLE_IDLE_MINUTES: int = 30
    # The bureau as parents see it in the mini-program (主办单位, 监督电话, office hours)
    # and the map's centre ("lat,lng", GCJ-02) before the phone has a location.
    BUREAU_NAME: str | None = None
    BUREAU_PHONE: str | None = None
    BUREAU_HOURS: str | None = None
    BUREAU_CENTER: str | None = None
    # Staff e-mail for queue news (unset host: demo and tests use the local SMTP fake).
    SMTP_HOST: str | None = None
    SMTP_PORT: int = 25
    SMTP_USER: str | None = None
    SMTP_PASSWORD: str | None = None
    SMTP_STARTTLS: bool = False
    SMTP_FROM: str | None = None
    # Seconds before a 企业微信 group-robot call counts as failed.
    WECOM_TIMEOUT: float = 5.0
    # Under faults and abuse (checked in server/resilience_config.py; docs/operations.md).
    # WeChat calls in flight per process, and how long a call waits for a slot before its
    # request answers 503 busy (keep the slots below the web server's threads).
    WECHAT_SLOTS: int = 4
    WECHAT_SLOT_WAIT_SECONDS: float = 0.2
    # Intake caps per hour, per client address and service-wide (0: off); urgent
    # complaints per parent per day past which a dispatcher confirms the urgency.
    CAP_COMPLAINTS_PER_ADDRESS: int = 30
    CAP_COMPLAINTS_PER_HOUR: int = 600
    CAP_UPLOADS_PER_ADDRESS: int = 300
    CAP_UPLOADS_PER_HOUR: int = 6000
    CAP_SIGN_INS_PER_ADDRESS: int = 120
    CAP_URGENT_PER_PARENT: int = 2
    # Demo and test only (the embedded store, the fake WeChat): an election every N s lasting
    # M s, or a share of store operations failing; a share of WeChat calls faulty.
    STORE_FAILOVER_EVERY: float = 0.0
    STORE_FAILOVER_SECONDS: float = 5.0
    STORE_FAILOVER_SHARE: float = 0.0
    DEMO_WECHAT_FAULT_SHARE: float = 0.0
    # /metrics answers loopback callers, and others bearing this token (unset: none).
    METRICS_TOKEN: str | None = None

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_unset(cls, value, info):
        """An empty variable means the default (APP_ENV excepted: a blank is refused)."""
        field = cls.model_fields[info.field_name]
        if value == "" and info.field_name != "APP_ENV":
            return field.default
        return value.strip() if isinstance(value, str) and field.annotation is bool else value


REASONS = {
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "finite_number": "must be a finite number",
    "bool_parsing": "must be true or false",
}


def read_settings():
    """The environment's settings as a dict; ConfigError naming each variable that does not
    parse, with what it must be and the value given."""
    try:
        return Settings().model_dump()
    except ValidationError as exc:
        problems = [
            f"{error['loc'][0]} {REASONS.get(error['type'], error['msg'])}, got {error['input']!r}"
            for error in exc.errors()
        ]
        raise ConfigError("; ".join(problems)) from None
