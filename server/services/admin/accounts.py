"""Staff accounts: creation, their checks, and the public shape of an account (sign-in is
`server.services.admin.sign_in`)."""

import re

from mongoengine.errors import NotUniqueError

from models.choices import ADMIN_ROLES
from models.queue import Queue
from models.staff import Staff
from server.clock import utcnow
from server.errors import AppError, validation_error
from server.services import audit
from server.services.admin import password_policy
from server.services.admin.account_input import StaffCreate
from server.services.admin.queues import QueueRef
from server.services.common import Shape, check, created_before, hash_password, insert_under
from server.services.permissions import may, require


def find_queues(keys_or_ids):
    """The queues named by key or id; raises a validation error naming unknown ones."""
    if keys_or_ids is not None and (
        not isinstance(keys_or_ids, list | tuple)
        or not all(isinstance(ref, str) and len(ref) <= 40 for ref in keys_or_ids)
    ):
        raise validation_error({"queues": "必须是队列标识或编号的列表"})
    queues, unknown = [], []
    for ref in keys_or_ids or []:
        query = {"id": ref} if re.fullmatch(r"[0-9a-f]{24}", str(ref)) else {"key": ref}
        queue = Queue.objects(**query).first()
        (queues.append(queue) if queue else unknown.append(str(ref)))
    if unknown:
        raise validation_error({"queues": "未知的队列：" + "、".join(unknown)})
    return queues


def _authorise_create(actor, roles):
    """The system administrator creates accounts with work roles; administrator roles are
    granted by the security administrator (the command line, as SYSTEM, may do both)."""
    if set(roles or []) & set(ADMIN_ROLES) and not may(actor, "grant_roles"):
        raise AppError("forbidden", "管理员、安全管理员和审计员角色只能由安全管理员授予")


def create_staff(*, actor, username, name, password, roles, queues=None, seeded=False, unit=None):
    """Create an account (the system administrator); 400 naming each bad field; 409
    `conflict` if the username is taken (whatever its case). The password follows the rules
    and must be changed at the first sign-in, except for `seeded` accounts (the demo
    county's, the tests'). Under a `unit` stored before (common/idempotency), that account."""
    require(actor, "manage_accounts")
    if first := created_before(Staff, unit):
        return first
    data = {"username": username, "name": name, "password": password, "roles": roles}
    found = check(StaffCreate, {**data, "queues": [] if queues is None else queues})
    _authorise_create(actor, found.roles)
    if not seeded:
        password_policy.check(found.password, username=found.username)
    queue_docs = find_queues(found.queues)
    if Staff.objects(username_key=found.username.lower()).first():
        raise AppError("conflict", "用户名已存在（不区分大小写）")
    password_hash = hash_password(found.password)
    try:
        staff, created = insert_under(
            Staff(
                username=found.username,
                name=found.name,
                password_hash=password_hash,
                password_history=[password_hash],
                password_changed_at=utcnow(),
                must_change_password=not seeded,
                roles=found.roles,
                queues=queue_docs,
            ),
            unit,
        )
    except NotUniqueError:  # the same username created twice at once: one wins
        raise AppError("conflict", "用户名已存在（不区分大小写）") from None
    if not created:  # another attempt under the same unit created it, and audited it
        return staff
    details = {"roles": staff.roles, "queues": [q.key for q in queue_docs]}
    audit.record(
        actor=actor,
        action=audit.ACCOUNT_CREATED,
        target=staff_target(staff.username),
        details=details,
    )
    return staff


def staff_target(username):
    """How the audit names an account."""
    return f"staff:{username}"


class StaffMember(Shape):
    """An account as the staff API shows it (never the password hash)."""

    id: str
    username: str
    name: str | None
    roles: list[str]
    queues: list[QueueRef]
    active: bool
    mfa_enabled: bool
    must_change_password: bool


def staff_detail(staff):
    """The account as the staff API shows it: id, username, name, roles, queues (never the hash)."""
    return StaffMember.answer(
        {
            "id": str(staff.id),
            "username": staff.username,
            "name": staff.name,
            "roles": list(staff.roles),
            "queues": [queue.to_ref() for queue in staff.queues],
            "active": staff.active,
            "mfa_enabled": bool(staff.mfa_secret),
            "must_change_password": bool(staff.must_change_password),
        }
    )


def display_name(username):
    """What staff call the account `username`: its name (the username if it has none or is
    gone); the parent and the system in Chinese."""
    if username in ("parent", "system"):
        return {"parent": "家长", "system": "系统"}[username]
    found = Staff.objects(username=username).only("name").first() if username else None
    return (found.name if found else None) or username
