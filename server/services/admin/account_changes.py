"""Account changes: the system administrator renames, disables and enables; the security
administrator grants roles and queues and resets passwords (三员分立, `permissions.py`).

Disabling an account or resetting its password bumps `token_version`, so every token
issued before stops working on its next request. The store never loses its last active
holder of an administrator role (admin or security_admin): the check and the change run
under one lease in MongoDB, so two administrators disabling each other at the same moment
cannot both pass it. Every change is written to the security audit.
"""

from models.staff import Staff
from server.clock import utcnow
from server.db import locks
from server.errors import AppError
from server.services import audit
from server.services.admin import password_policy
from server.services.admin.account_input import StaffUpdate
from server.services.admin.accounts import find_queues, staff_detail, staff_target
from server.services.common import check, hash_password, paginate
from server.services.permissions import may, require

GUARDED_ROLES = ("admin", "security_admin")  # never left without an active holder
# field -> the permission that changes it
FIELD_PERMISSIONS = {
    "name": "manage_accounts",
    "active": "manage_accounts",
    "roles": "grant_roles",
    "queues": "grant_roles",
    "password": "reset_credentials",
}


def get_staff(staff_id, *, actor):
    """The account with this id (`manage_staff` only); 404 if there is none."""
    require(actor, "manage_staff")
    staff = Staff.objects(id=staff_id).first()
    if staff is None:
        raise AppError("not_found")
    return staff


def _left_without(staff, active, roles):
    """The guarded role no active account would hold once `staff` has `active` and `roles`."""
    for role in GUARDED_ROLES:
        losing = role in staff.roles and staff.active and not (active and role in roles)
        if losing and not Staff.objects(id__ne=staff.id, active=True, roles=role).count():
            return role
    return None


def _authorise(actor, changes):
    require(actor, "manage_staff")
    for field in changes:
        if not may(actor, FIELD_PERMISSIONS[field]):
            raise AppError("forbidden")


def update_staff(staff_id, data, *, actor, now=None):
    """Change any of name, password, roles, queues and active; returns the account."""
    changes = check(StaffUpdate, data).given()
    _authorise(actor, changes)
    if "queues" in changes:
        changes["queues"] = find_queues(changes["queues"])
    with locks.held("staff-administrators"):
        staff = get_staff(staff_id, actor=actor)
        before = staff_detail(staff)
        active = changes.get("active", staff.active)
        roles = changes.get("roles", list(staff.roles))
        if _left_without(staff, active, roles):
            raise AppError("last_admin")
        reset = "password" in changes
        revoke = reset or (staff.active and not active)
        if reset:
            _reset_password(staff, changes.pop("password"), now=now)
        for field, value in changes.items():
            setattr(staff, field, value)
        staff.save()
    if revoke:
        # Atomic, so two resets at once still leave no older token valid.
        Staff.objects(id=staff.id).update_one(inc__token_version=1)
        staff.reload()
    _audit(actor, before, staff_detail(staff), reset, now)
    return staff


def _reset_password(staff, password, *, now):
    password_policy.check(password, username=staff.username, history=staff.password_history)
    new_hash = hash_password(password)
    staff.password_hash = new_hash
    staff.password_history = password_policy.remembered(staff.password_history, new_hash)
    staff.password_changed_at = now or utcnow()
    staff.must_change_password = True  # a reset password is changed at the next sign-in


def _audit(actor, before, after, password_reset, now):
    target = staff_target(after["username"])
    events = [
        (audit.ROLES_CHANGED, "roles"),
        (audit.QUEUES_CHANGED, "queues"),
        (audit.ACCOUNT_UPDATED, "name"),
    ]
    for action, field in events:
        if before[field] != after[field]:
            details = {"from": _codes(before[field]), "to": _codes(after[field])}
            details = {} if field == "name" else details
            audit.record(actor=actor, action=action, target=target, details=details, now=now)
    if before["active"] != after["active"]:
        action = audit.ACCOUNT_ENABLED if after["active"] else audit.ACCOUNT_DISABLED
        audit.record(actor=actor, action=action, target=target, now=now)
    if password_reset:
        audit.record(actor=actor, action=audit.PASSWORD_RESET, target=target, now=now)


def _codes(values):
    """Role codes as they are; queues by key."""
    if not isinstance(values, list):
        return values
    return [v["key"] if isinstance(v, dict) else v for v in values]


def staff_page(page, per_page, *, actor):
    """One page of every account, by username (the staff API and the console list)."""
    require(actor, "manage_staff")
    return paginate(Staff.objects.order_by("username"), page, per_page, staff_detail)
