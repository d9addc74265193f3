"""Staff accounts: creation, their checks, and the public shape of an account (sign-in is
`server.services.admin.sign_in`)."""

import re

from mongoengine.errors import NotUniqueError

from models.choices import STAFF_ROLES
from models.queue import Queue
from models.staff import Staff
from server.errors import AppError, validation_error
from server.services.common.passwords import MIN_LENGTH, hash_password

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.-]{2,40}$")


def find_queues(keys_or_ids):
    """The queues named by key or id; raises a validation error naming unknown ones."""
    if keys_or_ids is not None and not isinstance(keys_or_ids, list | tuple):
        raise validation_error({"queues": "必须是队列标识或编号的列表"})
    queues, unknown = [], []
    for ref in keys_or_ids or []:
        query = {"id": ref} if re.fullmatch(r"[0-9a-f]{24}", str(ref)) else {"key": ref}
        queue = Queue.objects(**query).first()
        (queues.append(queue) if queue else unknown.append(str(ref)))
    if unknown:
        raise validation_error({"queues": "未知的队列：" + "、".join(unknown)})
    return queues


def check_roles(roles):
    """`roles` as a list of known role codes, or a validation error."""
    if not isinstance(roles, list) or not roles or any(r not in STAFF_ROLES for r in roles):
        raise validation_error(
            {"roles": "角色必须是 " + "、".join(STAFF_ROLES) + " 中的一个或多个"}
        )
    return list(dict.fromkeys(roles))


def check_password(password):
    """A password long enough to keep, or a validation error."""
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        raise validation_error({"password": f"密码至少 {MIN_LENGTH} 位"})
    return password


def create_staff(*, username, name, password, roles, queues=()):
    """Create an account; 409 `conflict` if the username is taken."""
    errors = {}
    if not isinstance(username, str) or not USERNAME_RE.fullmatch(username):
        errors["username"] = "用户名为 2–40 位字母、数字或 _.-"
    if not isinstance(name, str) or not name.strip() or len(name) > 60:
        errors["name"] = "请填写姓名（60 字以内）"
    if errors:
        raise validation_error(errors)
    check_password(password)
    roles = check_roles(roles)
    queue_docs = find_queues(queues)
    if Staff.objects(username=username).first():
        raise AppError("conflict", "用户名已存在")
    try:
        return Staff(
            username=username,
            name=name.strip(),
            password_hash=hash_password(password),
            roles=roles,
            queues=queue_docs,
        ).save()
    except NotUniqueError:  # the same username created twice at once: one wins
        raise AppError("conflict", "用户名已存在") from None


def staff_detail(staff):
    """The account as the staff API shows it: id, username, name, roles, queues (never the hash)."""
    return {
        "id": str(staff.id),
        "username": staff.username,
        "name": staff.name,
        "roles": list(staff.roles),
        "queues": [queue.to_ref() for queue in staff.queues],
        "active": staff.active,
    }


def display_name(username):
    """What staff call the account `username`: its name (the username if it has none or is
    gone); the parent and the system in Chinese."""
    if username in ("parent", "system"):
        return {"parent": "家长", "system": "系统"}[username]
    found = Staff.objects(username=username).only("name").first() if username else None
    return (found.name if found else None) or username
