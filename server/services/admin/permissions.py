"""Who may do what: one table from each permission to the roles that hold it.

The staff API's decorators, the console's guards and the services read this table, so a
rule changes in one place. Admin holds every role (`Staff.has_role`), so admin-only
permissions list just "admin".
"""

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
