"""Staff accounts: sign-in with lockout, creation, and the public shape of an account."""

import re
from datetime import timedelta

from mongoengine.errors import NotUniqueError

from models.queue import Queue
from models.staff import Staff
from server.errors import AppError, validation_error
from server.services.admin.account_input import StaffCreate
from server.services.common import ratelimit
from server.services.common.fields import check
from server.services.common.passwords import hash_password, verify_password

LOCK_WINDOW = timedelta(minutes=15)
MAX_FAILURES = 5


def _lock_key(username):
    return "staff-login:" + username.strip().lower()


def authenticate(username, password, *, now=None):
    """The active account for these credentials; 401 otherwise, 429 after 5 failures in 15 min."""
    if not isinstance(username, str) or not isinstance(password, str) or not username.strip():
        raise validation_error({"username": "请输入用户名和密码"})
    key = _lock_key(username)
    if ratelimit.current(key, window=LOCK_WINDOW, now=now) >= MAX_FAILURES:
        raise AppError("locked")
    staff = Staff.objects(username=username.strip()).first()
    # Same answer for an unknown user, a disabled one and a wrong password: no enumeration.
    if not staff or not staff.active or not verify_password(staff.password_hash, password):
        ratelimit.hit(key, window=LOCK_WINDOW, now=now)
        raise AppError("bad_credentials")
    ratelimit.reset(key)
    return staff


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


def create_staff(*, username, name, password, roles, queues=None):
    """Create an account; 400 naming each bad field; 409 `conflict` if the username is taken."""
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


def staff_to_dict(staff):
    """The account as API.md shapes it (never the hash)."""
    return {
        "id": str(staff.id),
        "username": staff.username,
        "name": staff.name,
        "roles": list(staff.roles),
        "queues": [queue.to_ref() for queue in staff.queues],
        "active": staff.active,
    }
