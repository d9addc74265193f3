"""Staff accounts: sign-in with lockout, creation, and the public shape of an account."""

import re
from datetime import timedelta

from mongoengine.errors import NotUniqueError

from models.choices import STAFF_ROLES
from models.queue import Queue
from models.staff import Staff
from server.errors import AppError, validation_error
from server.services.common import ratelimit
from server.services.common.fields import Form, Text, check
from server.services.common.passwords import MIN_LENGTH, hash_password, verify_password

LOCK_WINDOW = timedelta(minutes=15)
MAX_FAILURES = 5
USERNAME_RE = re.compile(r"^[A-Za-z0-9_.-]{2,40}$")
NAME_REASON = "请填写姓名（60 字以内）"


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


def check_roles(roles):
    """`roles` as a list of known role codes, or a validation error."""
    known = isinstance(roles, list) and all(isinstance(r, str) and r in STAFF_ROLES for r in roles)
    if not known or not roles:
        raise validation_error(
            {"roles": "角色必须是 " + "、".join(STAFF_ROLES) + " 中的一个或多个"}
        )
    return list(dict.fromkeys(roles))


def check_password(password):
    """A password long enough to keep, or a validation error."""
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        raise validation_error({"password": f"密码至少 {MIN_LENGTH} 位"})
    return password


class StaffName(Form):
    """A staff member's display name."""

    reasons = {"name": NAME_REASON}
    name: Text(60, min_length=1)


def clean_name(value):
    """The name cleaned of control characters, 1 to 60 characters; 400 naming `name`."""
    return check(StaffName, {"name": value}).name


def create_staff(*, username, name, password, roles, queues=()):
    """Create an account; 409 `conflict` if the username is taken."""
    errors = {}
    if not isinstance(username, str) or not USERNAME_RE.fullmatch(username):
        errors["username"] = "用户名为 2–40 位字母、数字或 _.-"
    try:
        name = clean_name(name)
    except AppError as exc:
        errors.update(exc.errors)
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
            name=name,
            password_hash=hash_password(password),
            roles=roles,
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
