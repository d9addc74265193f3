"""Configuration profiles: production refuses to start without its secrets."""

import pytest

from server.app import create_app
from server.config import ConfigError, load

PRODUCTION = {
    "APP_ENV": "production",
    "MONGODB_URI": "mongodb://db.example.invalid:27017/?serverSelectionTimeoutMS=1",
    "SECRET_KEY": "x" * 40,
    "WECHAT_APPID": "wx123",
    "WECHAT_SECRET": "s3cret",
    "PUBLIC_BASE_URL": "https://shuangjian.example.cn",
    "WECHAT_PUSH_TOKEN": "Q7pK2mX9vR4tL8wN3bY6cH1dF5gJ0sZa",
    "WECHAT_TEMPLATE_STATUS": "bDmywsp2oEHjwAadTGKkUHpC0RgBVPvfAb7Cdev3lZk",
    "DATA_KEY": "bXVzdC1iZS10aGlydHktdHdvLWJ5dGVzLWxvbmcuLi4=",
}
REQUIRED = [
    "MONGODB_URI",
    "SECRET_KEY",
    "WECHAT_APPID",
    "WECHAT_SECRET",
    "PUBLIC_BASE_URL",
    "WECHAT_PUSH_TOKEN",
    "WECHAT_TEMPLATE_STATUS",
    "DATA_KEY",
]


@pytest.mark.parametrize("missing", REQUIRED)
def test_production_refuses_to_start_without_a_secret(missing):
    config = dict(PRODUCTION, **{missing: None})
    with pytest.raises(ConfigError, match=missing):
        create_app(config)


def test_production_refuses_a_short_secret_key():
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load(dict(PRODUCTION, SECRET_KEY="short"))


def test_production_never_enables_demo_features():
    config = load(PRODUCTION)
    assert config["DEMO"] is False


def test_unknown_profile_is_refused():
    with pytest.raises(ConfigError, match="APP_ENV"):
        load({"APP_ENV": "staging"})


def test_demo_is_the_default_and_signs_with_a_generated_key(monkeypatch):
    monkeypatch.delenv("APP_ENV", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    config = load()
    assert config["APP_ENV"] == "demo"
    assert config["DEMO"] is True
    assert len(config["SECRET_KEY"]) >= 32


def test_numbers_must_be_numbers(monkeypatch):
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(ConfigError, match="PORT"):
        load()


@pytest.mark.parametrize(
    "base",
    [
        "http://shuangjian.example.cn",  # WeChat fetches photos over HTTPS only
        "https://127.0.0.1:8000",
        "https://localhost",
        "https://[::1]/",
        "https://0.0.0.0",
        "shuangjian.example.cn",
    ],
)
def test_production_refuses_a_public_base_url_wechat_cannot_reach(base):
    with pytest.raises(ConfigError, match="PUBLIC_BASE_URL"):
        create_app(dict(PRODUCTION, PUBLIC_BASE_URL=base))


@pytest.mark.parametrize(
    "token",
    ["demo-push-token", "short-token", "x" * 31, "y" * 33, "Q7pK2mX9vR4tL8wN3bY6cH1dF5gJ0s-a"],
)
def test_production_refuses_a_weak_or_demo_push_token(token):
    with pytest.raises(ConfigError, match="WECHAT_PUSH_TOKEN"):
        create_app(dict(PRODUCTION, WECHAT_PUSH_TOKEN=token))


def test_production_refuses_the_demo_status_template():
    with pytest.raises(ConfigError, match="WECHAT_TEMPLATE_STATUS"):
        create_app(dict(PRODUCTION, WECHAT_TEMPLATE_STATUS="demo-status-template"))


def test_production_starts_with_real_wechat_settings():
    config = load(PRODUCTION)
    assert config["PUBLIC_BASE_URL"] == "https://shuangjian.example.cn"
    assert config["WECHAT_PUSH_MODE"] == "plaintext"


def test_demo_keeps_working_with_no_wechat_settings():
    config = load({"APP_ENV": "demo"})
    assert config["WECHAT_PUSH_TOKEN"] == "demo-push-token"
    assert config["WECHAT_TEMPLATE_STATUS"] == "demo-status-template"
    assert config["PUBLIC_BASE_URL"].startswith("http://")


AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"


@pytest.mark.parametrize(
    ("settings", "mode"),
    [
        ({}, "plaintext"),
        ({"WECHAT_PUSH_AES_KEY": AES_KEY}, "safe"),
        ({"WECHAT_PUSH_AES_KEY": AES_KEY, "WECHAT_PUSH_MODE": "compatible"}, "compatible"),
    ],
)
def test_the_push_mode_follows_the_aes_key(settings, mode):
    assert load({"APP_ENV": "test", **settings})["WECHAT_PUSH_MODE"] == mode


@pytest.mark.parametrize(
    "settings",
    [
        {"WECHAT_PUSH_AES_KEY": AES_KEY[:-1]},
        {"WECHAT_PUSH_AES_KEY": AES_KEY[:-1] + "="},
        {"WECHAT_PUSH_MODE": "safe"},
        {"WECHAT_PUSH_MODE": "compatible"},
        {"WECHAT_PUSH_MODE": "secure"},
        {"WECHAT_PUSH_AES_KEY": AES_KEY, "WECHAT_PUSH_MODE": "plaintext"},
    ],
)
def test_inconsistent_push_settings_are_refused(settings):
    with pytest.raises(ConfigError, match="WECHAT_PUSH"):
        load({"APP_ENV": "test", **settings})


@pytest.mark.parametrize(
    "page", ["/pages/institution/detail", "pages/institution/detail?id=1", "pages/a b"]
)
def test_the_institution_page_must_be_an_app_json_path(page):
    with pytest.raises(ConfigError, match="MP_INSTITUTION_PAGE"):
        load({"APP_ENV": "test", "MP_INSTITUTION_PAGE": page})


def test_wxacode_settings_are_read_and_checked(monkeypatch):
    monkeypatch.setenv("WXACODE_CHECK_PATH", "false")
    monkeypatch.setenv("WXACODE_ENV_VERSION", "trial")
    config = load({"APP_ENV": "test"})
    assert (config["WXACODE_CHECK_PATH"], config["WXACODE_ENV_VERSION"]) == (False, "trial")
    monkeypatch.setenv("WXACODE_CHECK_PATH", "perhaps")
    with pytest.raises(ConfigError, match="WXACODE_CHECK_PATH"):
        load({"APP_ENV": "test"})
    monkeypatch.setenv("WXACODE_CHECK_PATH", "true")
    monkeypatch.setenv("WXACODE_ENV_VERSION", "beta")
    with pytest.raises(ConfigError, match="WXACODE_ENV_VERSION"):
        load({"APP_ENV": "test"})


def test_photo_decode_slots_must_be_at_least_one():
    with pytest.raises(ConfigError, match="PHOTO_DECODE_SLOTS"):
        load({"APP_ENV": "test", "PHOTO_DECODE_SLOTS": 0})
    assert load({"APP_ENV": "test"})["PHOTO_DECODE_SLOTS"] == 2
