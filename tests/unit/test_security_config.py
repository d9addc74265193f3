"""The security settings: audit retention floor in production, MFA roles by profile."""

import pytest

from server.config import ConfigError, load
from tests.unit.test_config import PRODUCTION


def test_production_refuses_to_keep_the_audit_less_than_six_months():
    with pytest.raises(ConfigError, match="AUDIT_RETENTION_DAYS must be at least 180"):
        load(dict(PRODUCTION, AUDIT_RETENTION_DAYS=179))
    assert load(dict(PRODUCTION, AUDIT_RETENTION_DAYS=180))["AUDIT_RETENTION_DAYS"] == 180


def test_the_audit_is_kept_a_year_by_default():
    assert load(PRODUCTION)["AUDIT_RETENTION_DAYS"] == 365
    assert load({"APP_ENV": "demo"})["AUDIT_RETENTION_DAYS"] == 365


def test_production_asks_the_three_administrators_for_a_second_factor():
    assert load(PRODUCTION)["MFA_REQUIRED_ROLES"] == ("admin", "security_admin", "auditor")
    assert load({"APP_ENV": "demo"})["MFA_REQUIRED_ROLES"] == ()


def test_mfa_roles_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("MFA_REQUIRED_ROLES", "admin, dispatcher")
    assert load({"APP_ENV": "demo"})["MFA_REQUIRED_ROLES"] == ("admin", "dispatcher")
