"""Who may do what: one table from each permission to the roles that hold it.

The staff API's decorators, the console's guards and the services read this table, so a
rule changes in one place. Admin holds every role (`Staff.has_role`), so admin-only
permissions list just "admin".

Every service that reads or writes staff-only data takes the acting staff member (`actor`)
and calls `require` first, whoever calls it: the staff API, the console, or the CLI, the
worker and demo seeding, which act as `SYSTEM` (an admin nobody signs in as).
"""

from models.staff import Staff
from server.errors import Forbidden

PERMISSIONS = {
    "see_all_queues": ("dispatcher", "viewer"),
    "act_on_complaints": ("dispatcher", "handler"),
    "confirm_urgent": ("dispatcher",),  # past a parent's daily urgent cap
    "see_intake_caps": ("dispatcher", "viewer"),  # floods held back at intake
    "reveal_contact": ("dispatcher", "handler"),
    "write_rectifications": ("dispatcher", "handler"),
    "export_ledger": ("dispatcher", "viewer"),
    "manage_archive": ("admin",),
    "manage_staff": ("admin",),
    "manage_notices": ("admin",),
    "manage_routing": ("admin",),
    "manage_holidays": ("admin",),
}


def roles_for(permission):
    """The roles that hold `permission` (KeyError for a name not in the table)."""
    return PERMISSIONS[permission]


def may(staff, permission):
    """Whether the staff member holds `permission`."""
    return staff.has_role(*roles_for(permission))


def system_actor(username="system"):
    """The actor of the CLI, the worker and demo seeding: an admin nobody signs in as, named
    `username` in what it records."""
    return Staff(username=username, name="系统", roles=["admin"], active=True)


SYSTEM = system_actor()


def require(actor, permission=None):
    """403 `forbidden` unless `actor` is an active staff member holding `permission` (any
    staff member when None)."""
    if not isinstance(actor, Staff) or not actor.active:
        raise Forbidden()
    if permission is not None and not may(actor, permission):
        raise Forbidden()
    return actor
