"""Staff sign-in and sign-out, and the signed-in account: password change, second factor."""

from datetime import UTC, datetime

from flask import request
from flask_restx import Namespace, Resource

from server.api_schemas import body_schema
from server.api_support import json_body
from server.auth import (
    current_staff,
    current_token_claims,
    issue_staff_token,
    scope_of,
    staff_required,
)
from server.services.admin import (
    MFA_ENROL,
    PASSWORD_CHANGE,
    MfaConfirm,
    PasswordChange,
    StaffLogin,
    authenticate,
    change_password,
    confirm_mfa,
    recovery_answer,
    revoke_token,
    signed_in_answer,
    staff_detail,
    start_mfa,
)
from server.staff_api import schemas, security_schemas

ns = Namespace("auth", path="/", description="工作人员登录、退出、修改密码、动态口令")

login_request = body_schema(ns, StaffLogin)
password_request = body_schema(ns, PasswordChange)
confirm_request = body_schema(ns, MfaConfirm)
ENROL = (MFA_ENROL,)
ANY_SCOPE = (PASSWORD_CHANGE, MFA_ENROL)


def signed_in(staff, *, device_token=None):
    """The answer to a sign-in (or a password change): a token, its scope's flags."""
    scope = scope_of(staff)
    token, ttl = issue_staff_token(staff, scope)
    return signed_in_answer(staff_detail(staff), token, ttl, scope, device_token=device_token)


@ns.route("/auth/login")
class Login(Resource):
    @ns.expect(login_request)
    @ns.doc(security=[])
    @ns.response(200, "signed in", security_schemas.SignedIn)
    @schemas.errors(
        "bad_credentials",
        "mfa_required",
        "bad_otp",
        "locked",
        "validation_error",
        "malformed_json",
    )
    def post(self):
        """Sign in. Unknown clients get 5 password checks per account in 15 minutes, each
        device that signed in before (`device_token`) its own 5; then 429 `locked`."""
        body = json_body()
        staff, device_token, _method = authenticate(
            body.get("username"),
            body.get("password"),
            address=request.remote_addr,
            device_token=body.get("device_token"),
            otp=body.get("otp"),
            recovery_code=body.get("recovery_code"),
        )
        return signed_in(staff, device_token=device_token)


@ns.route("/auth/logout")
class Logout(Resource):
    method_decorators = [staff_required(can="own_account", scopes=ANY_SCOPE)]

    @ns.response(204, "signed out: this token is refused from now on")
    @schemas.errors(*schemas.SIGNED_IN)
    def post(self):
        """Sign out: revoke the token this request carries."""
        claims = current_token_claims()
        expires = datetime.fromtimestamp(claims["exp"], tz=UTC)
        revoke_token(claims.get("jti"), expires_at=expires, staff=current_staff())
        return "", 204


@ns.route("/me")
class Me(Resource):
    @staff_required(can="own_account")
    @ns.response(200, "the account", schemas.StaffMember)
    @schemas.errors(*schemas.SIGNED_IN)
    def get(self):
        """The signed-in staff member with roles and queues."""
        return staff_detail(current_staff())

    @staff_required(can="own_account", scopes=ANY_SCOPE)
    @ns.expect(password_request)
    @ns.response(
        200, "changed: a fresh token (others of this account end)", security_schemas.SignedIn
    )
    @schemas.errors("wrong_password", "weak_password", *schemas.ADMIN_WRITE)
    def patch(self):
        """Change the own password (`old_password`, `password`); each refusal names its rule.
        The only call a token that must change its password is accepted for."""
        body = json_body()
        staff = change_password(
            current_staff(), old_password=body.get("old_password"), password=body.get("password")
        )
        return signed_in(staff)


@ns.route("/me/mfa")
class MfaStart(Resource):
    method_decorators = [staff_required(can="own_account", scopes=ENROL)]

    @ns.response(201, "enrolment started", security_schemas.MfaEnrolment)
    @schemas.errors("conflict", *schemas.SIGNED_IN)
    def post(self):
        """Start enrolling a TOTP second factor: the secret and its `otpauth://` URI."""
        return start_mfa(current_staff()), 201


@ns.route("/me/mfa/confirm")
class MfaConfirm(Resource):
    method_decorators = [staff_required(can="own_account", scopes=ENROL)]

    @ns.expect(confirm_request)
    @ns.response(200, "enrolled", security_schemas.RecoveryCodes)
    @schemas.errors("mfa_not_started", *schemas.ADMIN_WRITE)
    def post(self):
        """Finish enrolment with a code from the authenticator: ten single-use recovery
        codes, shown this once, and a full token if the enrolment was required."""
        staff = current_staff()
        codes = confirm_mfa(staff, json_body().get("code"))
        return recovery_answer(codes, signed_in(staff))
