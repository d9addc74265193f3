"""The demo county: queues, staff accounts and (later issues) institutions and rules.

Seeding is idempotent: it only adds what is missing, so a restart against a kept store
changes nothing.
"""

import contextlib
import ctypes
import ctypes.util
import logging
import time

from models.institution import Institution
from models.notice import Notice
from models.staff import Staff
from server import db
from server.clock import utcnow
from server.services.admin import create_staff, seed_demo_queues
from server.services.demo.complaints import seed_demo_complaints
from server.services.demo.institutions import seed_institutions
from server.services.demo.routing_defaults import seed_demo_rules
from server.services.directory import rebuild_index
from server.services.permissions import SYSTEM

log = logging.getLogger(__name__)

BANNER = """
==========================================================================
  DEMO MODE: data lives in memory (mongomock) and is LOST when the process
  stops. Set MONGODB_URI (and APP_ENV=production) to keep data.
==========================================================================
"""


def seed_staff(password):
    """The three administrators (admin, security_admin, auditor), dispatcher, viewer and
    one handler per queue; returns their usernames."""
    queues = seed_demo_queues()
    accounts = [
        ("admin", "系统管理员", ["admin"], []),
        ("security_admin", "安全管理员", ["security_admin"], []),
        ("auditor", "审计员", ["auditor"], []),
        ("dispatcher", "受理分派员", ["dispatcher"], []),
        ("viewer", "查看员", ["viewer"], []),
    ]
    accounts += [(f"handler_{q.key}", f"{q.name}承办人", ["handler"], [q.key]) for q in queues]
    for username, name, roles, queue_keys in accounts:
        if not Staff.objects(username=username).first():
            create_staff(  # seeded: DEMO_PASSWORD signs in as the README says
                actor=SYSTEM,
                username=username,
                name=name,
                password=password,
                roles=roles,
                queues=queue_keys,
                seeded=True,
            )
    return [a[0] for a in accounts]


DEMO_NOTICES = [
    (
        "关于公布校外培训机构黑名单的公告",
        "blacklist",
        "根据《关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见》，经核查，"
        "下列机构存在无证办学、违规开展学科类培训等问题，现列入黑名单。"
        "请家长切勿报名、缴费；发现上述机构继续招生的，可通过本小程序投诉举报。",
    ),
    (
        "寒假期间校外培训提醒",
        "whitelist",
        "寒假期间，严禁任何机构开展面向义务教育阶段学生的学科类培训。"
        "家长为孩子选择非学科类培训时，请先在本小程序核验机构是否在白名单内，"
        "预付费用不得超过 3 个月或 60 课时，并使用示范合同文本。",
    ),
]


def seed_notices(now=None):
    """Two published notices (each lists a few institutions of its kind, if any)."""
    now = now or utcnow()
    for title, status, body in DEMO_NOTICES:
        if Notice.objects(title=title).first():
            continue
        institutions = list(Institution.objects(status=status).order_by("name").limit(5))
        Notice(
            title=title,
            body=body,
            institutions=institutions,
            published=True,
            published_at=now,
            created_by="admin",
        ).save()


def seed(config, *, wechat=None, deadlines=None):
    """Seed the demo county and log the accounts (never their password).

    With a WeChat client (the fake one in demo mode) and the app's deadlines (calendar and
    rules), demo complaints are filed too.
    """
    if db.is_embedded():
        log.warning(BANNER)
    usernames = seed_staff(config["DEMO_PASSWORD"])
    seed_directory(config["DEMO_INSTITUTIONS"])  # first: notices and complaints name them
    seed_demo_rules()
    seed_notices()
    if wechat is not None and deadlines is not None:
        seed_demo_complaints(config, wechat=wechat, deadlines=deadlines)
    log.warning("demo staff accounts (password from DEMO_PASSWORD): %s", ", ".join(usernames))


def seed_directory(count):
    """The demo county's institutions, and this process's directory index built at once."""
    started = time.perf_counter()
    created = seed_institutions(count)
    rebuild_index()
    if created:
        _return_free_memory()
        log.warning(
            "demo institutions: %d seeded and indexed in %.1f s",
            created,
            time.perf_counter() - started,
        )


def _return_free_memory():
    """Hand the heap freed by a bulk load back to the OS (glibc keeps it otherwise)."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to hand back
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
