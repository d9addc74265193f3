"""Who may do what: the permission table of staff roles (三员分立 included) and the checks
every service makes on the actor it is given (`require`, `may`).

This `__init__` is the domain's face. It sits below every other domain (it imports only
the documents), so any service can check its caller without depending on administration.
"""

from server.services.permissions.table import (
    PERMISSIONS,
    SYSTEM,
    may,
    require,
    roles_for,
    system_actor,
)

__all__ = [
    "may",
    "PERMISSIONS",
    "require",
    "roles_for",
    "SYSTEM",
    "system_actor",
]
