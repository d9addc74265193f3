"""Administration: staff accounts, notices, queues, routing rules.

This `__init__` is the domain's face: the names other packages may call (`__all__`).
"""

from server.services.admin.account_changes import get_staff, staff_page, update_staff
from server.services.admin.account_input import StaffCreate, StaffUpdate
from server.services.admin.accounts import create_staff, display_name, staff_detail
from server.services.admin.bureau import bureau_contact
from server.services.admin.console_sessions import close_session, open_session, session_staff_id
from server.services.admin.intake_caps import recent_caps
from server.services.admin.notices import (
    NoticeChange,
    NoticeDraft,
    create_notice,
    get_notice,
    notice_detail,
    notice_staff_detail,
    published_notice,
    published_notices,
    staff_notices,
    update_notice,
)
from server.services.admin.permissions import SYSTEM, may, require, roles_for, system_actor
from server.services.admin.queues import (
    active_queues,
    default_queue,
    ensure_triage_queue,
    seed_demo_queues,
)
from server.services.admin.routing_table import replace_routing_rules, routing_rules, rule_item
from server.services.admin.sign_in import authenticate, unlock
from server.services.admin.wechat_check import console_settings, run_checks

__all__ = [
    "NoticeChange",
    "NoticeDraft",
    "SYSTEM",
    "StaffCreate",
    "StaffUpdate",
    "active_queues",
    "authenticate",
    "bureau_contact",
    "close_session",
    "console_settings",
    "create_notice",
    "create_staff",
    "default_queue",
    "display_name",
    "ensure_triage_queue",
    "get_notice",
    "get_staff",
    "may",
    "notice_detail",
    "notice_staff_detail",
    "open_session",
    "published_notice",
    "published_notices",
    "recent_caps",
    "replace_routing_rules",
    "require",
    "roles_for",
    "routing_rules",
    "rule_item",
    "run_checks",
    "seed_demo_queues",
    "session_staff_id",
    "staff_detail",
    "staff_notices",
    "staff_page",
    "system_actor",
    "unlock",
    "update_notice",
    "update_staff",
]
