"""What a staff member sends to sign in, change the own password and confirm a second
factor, as field-toolkit models (the Swagger request bodies are generated from them).

The services keep their own checks of these bodies: each refusal there has its own code
(`bad_credentials` for an over-long name too, so sign-in reveals no limits; `wrong_password`,
`weak_password`, `bad_otp`), which a generic `validation_error` would blur.
"""

from pydantic import Field

from server.services.common.fields import Form


class StaffLogin(Form):
    """POST /auth/login."""

    username: str
    password: str
    otp: str = Field(None, description="已绑定动态口令的账号：验证器中的 6 位数字")
    recovery_code: str = Field(None, description="或一个未用过的恢复码（每个只能用一次）")
    device_token: str = Field(None, description="上次登录成功时返回的 device_token")


class PasswordChange(Form):
    """PATCH /me."""

    old_password: str
    password: str


class MfaConfirm(Form):
    """POST /me/mfa/confirm."""

    code: str = Field(description="验证器中的 6 位数字")
