"""Configuration profiles: production refuses to start without its secrets."""

import pytest

from server import create_app
from server.config import ConfigError, load

PRODUCTION = {
    "APP_ENV": "production",
    "MONGODB_URI": "mongodb://db.example.invalid:27017/?serverSelectionTimeoutMS=1",
    "SECRET_KEY": "x" * 40,
    "WECHAT_APPID": "wx123",
    "WECHAT_SECRET": "s3cret",
}


@pytest.mark.parametrize("missing", ["MONGODB_URI", "SECRET_KEY", "WECHAT_APPID", "WECHAT_SECRET"])
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
    assert config["APP_ENV"] == "demo" and config["DEMO"] is True
    assert len(config["SECRET_KEY"]) >= 32


def test_numbers_must_be_numbers(monkeypatch):
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(ConfigError, match="PORT"):
        load()


def test_photo_decode_slots_must_be_at_least_one():
    with pytest.raises(ConfigError, match="PHOTO_DECODE_SLOTS"):
        load({"APP_ENV": "test", "PHOTO_DECODE_SLOTS": 0})
    assert load({"APP_ENV": "test"})["PHOTO_DECODE_SLOTS"] == 2
