"""Staff accounts: creation, their checks, and the public shape of an account (sign-in is
`server.services.admin.sign_in`)."""

import re

from mongoengine.errors import NotUniqueError

from models.queue import Queue
from models.staff import Staff
from server.errors import AppError, validation_error
from server.services.admin.account_input import StaffCreate
from server.services.admin.permissions import require
from server.services.common import check, hash_password


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


def create_staff(*, actor, username, name, password, roles, queues=None):
    """Create an account (`manage_staff` only); 400 naming each bad field; 409 `conflict` if
    the username is taken."""
    require(actor, "manage_staff")
    data = {"username": username, "name": name, "password": password, "roles": roles}
    found = check(StaffCreate, {**data, "queues": [] if queues is None else queues})
    queue_docs = find_queues(found.queues)
    if Staff.objects(username=found.username).first():
        raise AppError("conflict", "用户名已存在")
    try:
        return Staff(
            username=found.username,
            name=found.name,
            password_hash=hash_password(found.password),
            roles=found.roles,
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
