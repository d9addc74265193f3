"""Outbox settings are checked at start: a lease shorter than a WeChat call is refused."""

import pytest

from server.config import ConfigError, load
from server.services.complaints import DeliverySettings
from server.services.deadlines import DeadlineRules


def test_a_lease_that_a_wechat_call_could_outlast_is_refused():
    with pytest.raises(ConfigError, match="OUTBOX_LEASE_SECONDS"):
        load({"APP_ENV": "test", "OUTBOX_LEASE_SECONDS": 10, "WECHAT_TIMEOUT": 5.0})
    assert load({"APP_ENV": "test", "OUTBOX_LEASE_SECONDS": 16, "WECHAT_TIMEOUT": 5.0})


def test_settings_come_from_config():
    config = load(
        {
            "APP_ENV": "test",
            "ACCEPT_DAYS": 2,
            "RESOLVE_DAYS": 20,
            "EXTEND_DAYS": 10,
            "WECHAT_TEMPLATE_STATUS": "tpl-1",
            "OUTBOX_MAX_ATTEMPTS": 3,
        }
    )
    assert DeadlineRules.from_config(config) == DeadlineRules(
        accept_days=2, resolve_days=20, extend_days=10
    )
    settings = DeliverySettings.from_config(config)
    assert (settings.templates, settings.max_attempts) == ({"status": "tpl-1"}, 3)
