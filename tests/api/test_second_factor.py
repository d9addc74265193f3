"""The second factor (TOTP, RFC 6238): enrolment through the API, sign-in with a code or a
single-use recovery code, `mfa_required`, roles that must enrol, and the security
administrator's reset. Codes are computed with pyotp at the test's own instant."""

from datetime import timedelta

import pyotp
import pytest

from models.staff import Staff
from tests.conftest import TEST_PASSWORD, ApiClient

LOGIN = "/api/staff/v1/auth/login"


def sign_in(app, status=200, **extra):
    body = {"username": "clerk", "password": TEST_PASSWORD, **extra}
    return ApiClient(app.test_client()).post(LOGIN, json=body, status=status)


def enrol(client, now):
    """Enrol through the API; (secret, recovery codes)."""
    started = client.post("/api/staff/v1/me/mfa", status=201)
    assert started["otpauth_uri"].startswith("otpauth://totp/")
    assert f"secret={started['secret']}" in started["otpauth_uri"]
    code = pyotp.TOTP(started["secret"]).at(now)
    confirmed = client.post("/api/staff/v1/me/mfa/confirm", json={"code": code})
    return started["secret"], confirmed["recovery_codes"]


@pytest.fixture
def enrolled(app, login_staff, now):
    """clerk, enrolled at `now`; (secret, recovery codes)."""
    return enrol(login_staff("clerk", ["viewer"]), now)


def test_enrolment_gives_ten_single_use_recovery_codes_stored_hashed(enrolled):
    _secret, codes = enrolled
    assert len(codes) == 10
    assert len(set(codes)) == 10
    stored = Staff.objects.get(username="clerk").recovery_codes
    assert len(stored) == 10
    assert not set(codes) & set(stored)


def test_an_enrolled_account_without_its_code_is_refused(app, enrolled):
    body = sign_in(app, status=401)
    assert body["code"] == "mfa_required"
    assert sign_in(app, status=401, otp="000000")["code"] == "bad_otp"


def test_a_code_signs_in_once(app, clock, enrolled):
    secret, _codes = enrolled
    clock.advance(timedelta(seconds=30))
    code = pyotp.TOTP(secret).at(clock.now())
    assert sign_in(app, otp=code)["staff"]["mfa_enabled"] is True
    assert sign_in(app, status=401, otp=code)["code"] == "bad_otp"  # replayed


def test_a_recovery_code_works_once(app, enrolled):
    _secret, codes = enrolled
    sign_in(app, recovery_code=codes[3])
    assert sign_in(app, status=401, recovery_code=codes[3])["code"] == "bad_otp"
    sign_in(app, recovery_code=codes[4].upper())
    assert len(Staff.objects.get(username="clerk").recovery_codes) == 8


def test_confirming_needs_a_started_enrolment_and_the_right_code(login_staff, now):
    clerk = login_staff("clerk", ["viewer"])
    body = clerk.post("/api/staff/v1/me/mfa/confirm", json={"code": "123456"}, status=409)
    assert body["code"] == "mfa_not_started"
    started = clerk.post("/api/staff/v1/me/mfa", status=201)
    wrong = pyotp.TOTP(started["secret"]).at(now - timedelta(minutes=5))
    body = clerk.post("/api/staff/v1/me/mfa/confirm", json={"code": wrong}, status=400)
    assert "code" in body["errors"]
    assert clerk.get("/api/staff/v1/me")["mfa_enabled"] is False


def test_an_enrolled_account_cannot_replace_its_factor_itself(login_staff, now):
    clerk = login_staff("clerk", ["viewer"])
    enrol(clerk, now)
    assert clerk.post("/api/staff/v1/me/mfa", status=409)["code"] == "conflict"


def test_a_required_role_must_enrol_before_anything_else(app, make_staff, monkeypatch, now):
    monkeypatch.setitem(app.config, "MFA_REQUIRED_ROLES", ("admin", "security_admin", "auditor"))
    make_staff("boss", ["admin"])
    body = ApiClient(app.test_client()).post(
        LOGIN, json={"username": "boss", "password": TEST_PASSWORD}
    )
    assert body["must_enrol_mfa"] is True
    limited = ApiClient(app.test_client(), body["token"])
    assert limited.get("/api/staff/v1/staff", status=403)["code"] == "mfa_enrolment_required"
    started = limited.post("/api/staff/v1/me/mfa", status=201)
    code = pyotp.TOTP(started["secret"]).at(now)
    confirmed = limited.post("/api/staff/v1/me/mfa/confirm", json={"code": code})
    assert confirmed["must_enrol_mfa"] is False
    ApiClient(app.test_client(), confirmed["token"]).get("/api/staff/v1/staff")


def test_demo_and_test_require_no_second_factor_until_one_is_enrolled(app):
    assert app.config["MFA_REQUIRED_ROLES"] == ()


def test_the_security_admin_resets_a_lost_factor(app, enrolled, security_admin, admin):
    clerk = Staff.objects.get(username="clerk")
    admin.post(f"/api/staff/v1/staff/{clerk.id}/mfa/reset", status=403)
    security_admin.post(f"/api/staff/v1/staff/{clerk.id}/mfa/reset", status=204)
    assert sign_in(app)["staff"]["mfa_enabled"] is False
