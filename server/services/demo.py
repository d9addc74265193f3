"""The demo county: queues, staff accounts and (later issues) institutions and rules.

Seeding is idempotent: it only adds what is missing, so a restart against a kept store
changes nothing.
"""

import logging

from models.staff import Staff
from server.services.queues import seed_demo_queues
from server.services.staff import create_staff

log = logging.getLogger(__name__)

BANNER = """
==========================================================================
  DEMO MODE: data lives in memory (mongomock) and is LOST when the process
  stops. Set MONGODB_URI (and APP_ENV=production) to keep data.
==========================================================================
"""


def seed_staff(password):
    """admin, dispatcher, viewer and one handler per queue; returns their usernames."""
    queues = seed_demo_queues()
    accounts = [
        ("admin", "系统管理员", ["admin"], []),
        ("dispatcher", "受理分派员", ["dispatcher"], []),
        ("viewer", "查看员", ["viewer"], []),
    ]
    accounts += [(f"handler_{q.key}", f"{q.name}承办人", ["handler"], [q.key]) for q in queues]
    for username, name, roles, queue_keys in accounts:
        if not Staff.objects(username=username).first():
            create_staff(
                username=username, name=name, password=password, roles=roles, queues=queue_keys
            )
    return [a[0] for a in accounts]


def seed(config):
    """Seed the demo county and log the accounts (never their password)."""
    from server import db

    if db.is_embedded():
        log.warning(BANNER)
    usernames = seed_staff(config["DEMO_PASSWORD"])
    log.warning("demo staff accounts (password from DEMO_PASSWORD): %s", ", ".join(usernames))
    seed_directory(config["DEMO_INSTITUTIONS"])


def seed_directory(count):
    """The demo county's institutions, and this process's directory index built at once."""
    import time

    from server.services import directory_sync
    from server.services.demo_institutions import seed_institutions

    started = time.perf_counter()
    created = seed_institutions(count)
    directory_sync.rebuild()
    if created:
        _return_free_memory()
        log.warning(
            "demo institutions: %d seeded and indexed in %.1f s",
            created,
            time.perf_counter() - started,
        )


def _return_free_memory():
    """Hand the heap freed by a bulk load back to the OS (glibc keeps it otherwise)."""
    import contextlib
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to hand back
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
