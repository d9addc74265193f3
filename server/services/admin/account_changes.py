"""Admins manage staff accounts: rename, reset passwords, change roles and queues, disable.

Disabling an account or resetting its password bumps `token_version`, so every token
issued before stops working on its next request. The store never loses its last active
admin: nobody could then manage accounts without a shell on the server.
"""

import logging

from models.staff import Staff
from server.errors import AppError
from server.services.admin.account_input import StaffUpdate
from server.services.admin.accounts import find_queues, staff_detail
from server.services.admin.permissions import require
from server.services.common import check, hash_password, paginate

log = logging.getLogger(__name__)


def get_staff(staff_id, *, actor):
    """The account with this id (`manage_staff` only); 404 if there is none."""
    require(actor, "manage_staff")
    staff = Staff.objects(id=staff_id).first()
    if staff is None:
        raise AppError("not_found")
    return staff


def _keeps_an_admin(staff, active, roles):
    """Whether some active admin remains once `staff` has `active` and `roles`."""
    if active and "admin" in roles:
        return True
    return Staff.objects(id__ne=staff.id, active=True, roles="admin").count() > 0


def update_staff(staff_id, data, *, actor):
    """Change any of name, password, roles, queues and active; returns the account."""
    staff = get_staff(staff_id, actor=actor)
    changes = check(StaffUpdate, data).given()
    if "queues" in changes:
        changes["queues"] = find_queues(changes["queues"])
    unchecked = set(changes)
    active = changes.get("active", staff.active)
    roles = changes.get("roles", list(staff.roles))
    if not _keeps_an_admin(staff, active, roles):
        raise AppError("last_admin")
    revoke = "password" in changes or (staff.active and not active)
    if "password" in changes:
        staff.password_hash = hash_password(changes.pop("password"))
    for field, value in changes.items():
        setattr(staff, field, value)
    staff.save()
    if revoke:
        # Atomic, so two resets at once still leave no older token valid.
        Staff.objects(id=staff.id).update_one(inc__token_version=1)
        staff.reload()
    log.info(
        "staff %s changed %s by %s", staff.username, ",".join(sorted(unchecked)), actor.username
    )
    return staff


def staff_page(page, per_page, *, actor):
    """One page of every account, by username (the staff API and the console list)."""
    require(actor, "manage_staff")
    return paginate(Staff.objects.order_by("username"), page, per_page, staff_detail)
