"""Who may do what: one table from each permission to the roles that hold it.

The staff API's decorators, the console's guards and the services read this table, so a
rule changes in one place. Admin holds every work role (`Staff.has_role`), so admin-only
permissions list just "admin"; it never holds the security administrator's or the
auditor's permissions (三员分立: system, security and audit administrators apart).
"""

from models.choices import STAFF_ROLES

PERMISSIONS = {
    # Every signed-in account: its own profile, password, second factor, sign-out.
    "own_account": tuple(STAFF_ROLES),
    # The county's work: complaints, archive, ledger, statistics, notices (read).
    "work": ("dispatcher", "handler", "viewer"),
    "see_all_queues": ("dispatcher", "viewer"),
    "act_on_complaints": ("dispatcher", "handler"),
    "reveal_contact": ("dispatcher", "handler"),
    "write_rectifications": ("dispatcher", "handler"),
    "export_ledger": ("dispatcher", "viewer"),
    "manage_archive": ("admin",),
    "manage_notices": ("admin",),
    "manage_routing": ("admin",),
    "manage_holidays": ("admin",),
    # Accounts: the list for both administrators; the system administrator creates,
    # renames, disables and enables; the security administrator grants roles and queues,
    # resets passwords and second factors, and ends sessions; either unlocks.
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
