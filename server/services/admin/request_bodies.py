"""What staff send to sign in, change the own password, confirm a second factor and replace
the routing rules, as field-toolkit models: the Swagger request bodies are generated from
them.

The services keep their own checks of these bodies, because each refusal there has its own
code or place: `bad_credentials` for an over-long name too (sign-in reveals no limits),
`wrong_password`, `weak_password`, `bad_otp`; a routing fault is named by the rule's index
(`items[2].queue`) and queues are checked against the store before anything is written.
"""

from pydantic import Field

from server.services.common import Form


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


class RuleConditionsInput(Form):
    """What a complaint must match; a condition left out or empty matches anything."""

    categories: list[str] = Field(None, description="投诉类别代码；空表示任意")
    institution_kinds: list[str] = Field(None, description="subject / non_subject")
    institution_categories: list[str] = Field(None, description="sports / arts / ...")
    districts: list[str] = Field(None, description="乡镇/街道")
    institution_listed: bool | None = Field(
        None, description="true 档案内机构，false 未登记，null 任意"
    )


class RoutingRuleInput(Form):
    """One rule, at the position it is sent in."""

    id: str = Field(None, description="保留已有规则的编号；新规则不填")
    name: str
    conditions: RuleConditionsInput = None
    queue: str = Field(description="队列 key（或编号）")
    urgent: bool = False
    active: bool = True


class RoutingRulesInput(Form):
    """PUT /routing-rules: the whole ordered list."""

    items: list[RoutingRuleInput]
