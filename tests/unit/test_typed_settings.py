"""Typed settings: a value that does not parse stops the start, naming the variable."""

import pytest

from server.app import create_app
from server.config import ConfigError, load


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("PORT", "eighty", "PORT must be a whole number, got 'eighty'"),
        ("OUTBOX_MAX_ATTEMPTS", "8.5", "OUTBOX_MAX_ATTEMPTS must be a whole number"),
        ("WORKER_INTERVAL", "soon", "WORKER_INTERVAL must be a number, got 'soon'"),
        ("WXACODE_CHECK_PATH", "perhaps", "WXACODE_CHECK_PATH must be true or false"),
    ],
)
def test_a_bad_value_stops_the_start_naming_the_setting(monkeypatch, name, value, reason):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=reason):
        create_app({"APP_ENV": "test"})


def test_every_bad_value_is_named_at_once(monkeypatch):
    monkeypatch.setenv("ACCEPT_DAYS", "one")
    monkeypatch.setenv("MEDIA_URL_TTL", "an hour")
    with pytest.raises(ConfigError, match="ACCEPT_DAYS .*; MEDIA_URL_TTL "):
        load({"APP_ENV": "test"})


def test_values_are_typed_and_blank_means_the_default(monkeypatch):
    monkeypatch.setenv("PORT", "9000")
    monkeypatch.setenv("WECHAT_TIMEOUT", "2.5")
    monkeypatch.setenv("WXACODE_CHECK_PATH", " No ")
    monkeypatch.setenv("RETENTION_DAYS", "")
    monkeypatch.setenv("MONGODB_URI", "")
    config = load({"APP_ENV": "test"})
    assert (config["PORT"], config["WECHAT_TIMEOUT"]) == (9000, 2.5)
    assert config["WXACODE_CHECK_PATH"] is False
    assert (config["RETENTION_DAYS"], config["MONGODB_URI"]) == (365, None)


def test_a_blank_app_env_is_refused_rather_than_read_as_demo(monkeypatch):
    monkeypatch.setenv("APP_ENV", "")
    with pytest.raises(ConfigError, match="APP_ENV must be one of"):
        load()
