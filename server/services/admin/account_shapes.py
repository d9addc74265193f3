"""What the staff API answers about accounts beside the account itself: how other records
mention a member, a sign-in with its token, a second factor being enrolled.

The account (`StaffMember`) is accounts.py's; these nest it. The HTTP layer issues the token
(it holds the signing key) and hands the pieces to `signed_in_answer`.
"""

from server.services.admin.accounts import StaffMember
from server.services.admin.sessions import MFA_ENROL, PASSWORD_CHANGE
from server.services.common import Shape, described


class StaffRef(Shape):
    """A staff member as other records mention them (a complaint's assignee)."""

    id: str
    username: str
    name: str | None


def staff_ref(staff):
    """`staff` as other records mention them, or None."""
    if staff is None:
        return None
    return {"id": str(staff.pk), "username": staff.username, "name": staff.name}


class StaffSignedIn(Shape):
    """A sign-in (or a password change): a token and what its scope still asks for."""

    token: str
    expires_in: int
    staff: StaffMember
    must_change_password: described(bool, "true: 该令牌只能用于 PATCH /me 修改密码")
    must_enrol_mfa: described(bool, "true: 该令牌只能用于绑定动态口令")
    device_token: described(str, "下次登录时一并提交：本设备单独计算失败次数") = None


class MfaEnrolment(Shape):
    """A second factor being enrolled: the secret and the URI its QR code carries."""

    secret: str
    otpauth_uri: str


class MfaRecoveryCodes(Shape):
    """A second factor enrolled: the recovery codes (shown once) and a fresh token."""

    recovery_codes: list[str]
    token: str
    expires_in: int
    staff: StaffMember
    must_change_password: bool
    must_enrol_mfa: bool


def signed_in_answer(staff_view, token, ttl, scope, *, device_token=None):
    """The answer to a sign-in: the token of `scope`, its flags, the account's view."""
    body = {
        "token": token,
        "expires_in": ttl,
        "staff": staff_view,
        "must_change_password": scope == PASSWORD_CHANGE,
        "must_enrol_mfa": scope == MFA_ENROL,
    }
    if device_token:
        body["device_token"] = device_token
    return StaffSignedIn.answer(body)


def recovery_answer(codes, signed_in):
    """The answer to a confirmed enrolment: the codes and the sign-in beside them."""
    return MfaRecoveryCodes.answer({"recovery_codes": codes, **signed_in})
