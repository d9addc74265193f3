"""Who may do what: one table from each permission to the roles that hold it.

The staff API's decorators, the console's guards and the services read this table, so a
rule changes in one place. Admin holds every work role (`Staff.has_role`), so admin-only
permissions list just "admin"; it never holds the security administrator's or the
auditor's permissions (三员分立: system, security and audit administrators apart).

Every service that reads or writes staff-only data takes the acting staff member (`actor`)
and calls `require` first, whoever calls it: the staff API, the console, or the CLI, the
worker and demo seeding, which act as `SYSTEM` (an account nobody signs in as, holding the
three administrator roles).
"""

from models.choices import ADMIN_ROLES, STAFF_ROLES
from models.staff import Staff
from server.errors import Forbidden

PERMISSIONS = {
    # Every signed-in account: its own profile, password, second factor, sign-out.
    "own_account": tuple(STAFF_ROLES),
    # The county's work: complaints, archive, ledger, statistics, notices (read).
    "work": ("dispatcher", "handler", "viewer"),
    "see_all_queues": ("dispatcher", "viewer"),
    "act_on_complaints": ("dispatcher", "handler"),
    "confirm_urgent": ("dispatcher",),  # past a parent's daily urgent cap
    "see_intake_caps": ("dispatcher", "viewer"),  # floods held back at intake
    "reveal_contact": ("dispatcher", "handler"),
    "write_rectifications": ("dispatcher", "handler"),
    "export_ledger": ("dispatcher", "viewer"),
    # Complaints that reached the bureau by phone, 12345, letter or visit, and the 12345
    # exchange (import of 工单, export of results).
    "enter_complaints": ("dispatcher",),
    "manage_archive": ("admin",),
    "manage_notices": ("admin",),
    "manage_routing": ("admin",),
    "manage_holidays": ("admin",),
    "manage_hotline": ("admin",),  # the 12345 file's column names
    "manage_queue_news": ("admin",),  # each queue's robot webhook and e-mail addresses
    "manage_warning_rules": ("admin",),
    # Accounts: the list for both administrators; the system administrator creates,
    # renames, disables and enables; the security administrator grants roles and queues,
    # resets passwords and second factors, and ends sessions; either unlocks.
    "manage_staff": ("admin", "security_admin"),
    "list_staff": ("admin", "security_admin"),
    "manage_accounts": ("admin",),
    "grant_roles": ("security_admin",),
    "reset_credentials": ("security_admin",),
    "unlock_accounts": ("admin", "security_admin"),
    # The security audit: the auditor alone.
    "read_audit": ("auditor",),
}


def roles_for(permission):
    """The roles that hold `permission` (KeyError for a name not in the table)."""
    return PERMISSIONS[permission]


def may(staff, permission):
    """Whether the staff member holds `permission`."""
    return staff.has_role(*roles_for(permission))


def system_actor(username="system"):
    """The actor of the CLI, the worker and demo seeding: an account nobody signs in as
    (all three administrator roles), named `username` in what it records."""
    return Staff(username=username, name="系统", roles=list(ADMIN_ROLES), active=True)


SYSTEM = system_actor()


def require(actor, permission=None):
    """403 `forbidden` unless `actor` is an active staff member holding `permission` (any
    staff member when None)."""
    if not isinstance(actor, Staff) or not actor.active:
        raise Forbidden()
    if permission is not None and not may(actor, permission):
        raise Forbidden()
    return actor
