"""What admins send to create and change staff accounts, as field-toolkit models.

Passwords are taken as typed (never cleaned: they are hashed, not shown), bounded so one
request cannot make the hash work on megabytes. Queue references are checked against
the store afterwards (accounts.find_queues).
"""

from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema

from models.choices import ADMIN_ROLES, STAFF_ROLES
from server.services.admin.password_policy import MIN_LENGTH
from server.services.common import Form, Text

MAX_PASSWORD = 200
MAX_QUEUES = 50
ROLES_REASON = "角色必须是 " + "、".join(STAFF_ROLES) + " 中的一个或多个"
ADMIN_ROLES_REASON = "系统管理员、安全管理员、审计员须由不同账号担任，且不兼任其他角色"
REASONS = {
    "username": "用户名为 2–40 位字母、数字或 _.-",
    "name": "请填写姓名（60 字以内）",
    "password": f"请填写密码（最多 {MAX_PASSWORD} 位）",
    "roles": ROLES_REASON,
    "queues": "必须是队列标识或编号的列表",
    "active": "必须是 true 或 false",
}


def _roles(value):
    """A non-empty list of known role codes, each once."""
    if not isinstance(value, list) or not value:
        raise ValueError(ROLES_REASON)
    if not all(isinstance(role, str) and role in STAFF_ROLES for role in value):
        raise ValueError(ROLES_REASON)
    roles = list(dict.fromkeys(value))
    if set(roles) & set(ADMIN_ROLES) and len(roles) > 1:
        raise ValueError(ADMIN_ROLES_REASON)
    return roles


Username = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{2,40}$")]
# Length and the other rules are password_policy's, each refusal naming its rule.
Password = Annotated[str, Field(min_length=1, max_length=MAX_PASSWORD)]
Roles = Annotated[
    list[str],
    BeforeValidator(_roles),
    WithJsonSchema({"type": "array", "items": {"type": "string", "enum": list(STAFF_ROLES)}}),
]
QueueRefs = Annotated[list[Text(40, min_length=1)], Field(max_length=MAX_QUEUES)]


class StaffCreate(Form):
    """POST /staff."""

    reasons = REASONS
    username: Username
    name: Text(60, min_length=1)
    password: Password = Field(
        description=f"至少 {MIN_LENGTH} 位，含大写、小写、数字、符号中的 3 类；首次登录须修改"
    )
    roles: Roles
    queues: QueueRefs = Field([], description="队列标识（key）或编号")


class StaffUpdate(Form):
    """PATCH /staff/{id}: any of the fields."""

    reasons = REASONS
    name: Text(60, min_length=1) = None
    password: Password = Field(None, description="重置密码：该账号已签发的令牌随即失效")
    roles: Roles = None
    queues: QueueRefs = None
    active: bool = Field(None, description="false 停用：该账号已签发的令牌随即失效")
