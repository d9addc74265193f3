"""The console home's worklists by role: short lists with counts, each a filtered list.

Each section is the staff list itself (`list_complaints`) with query arguments written as
a clerk would type them into the list's URL, so "查看全部" opens exactly the same list and
every section stays within the queues the account may see.
"""

from server.services.complaints.list_arguments import list_args
from server.services.complaints.reading import list_complaints


def _dispatches(staff):
    return staff.has_role("dispatcher")


def _handles(staff):
    return "handler" in staff.roles


def _everyone(staff):
    return True


# (key, title, who sees it, the list's query arguments)
SECTIONS = (
    ("submitted", "待受理", _dispatches, {"status": "submitted"}),
    ("unassigned", "待分派", _dispatches, {"status": "accepted"}),
    ("mine", "我承办的", _handles, {"assignee": "me", "status": "open", "sort": "news"}),
    ("due_soon", "临期", _everyone, {"status": "open", "due_soon": "true"}),
    ("overdue", "逾期", _everyone, {"status": "open", "overdue": "true"}),
)
SHOWN = 5


def worklists(staff, *, calendar, now, rules, shown=SHOWN):
    """[{"key", "title", "args", "total", "items"}] for the sections the account's roles see."""
    sections = []
    for key, title, sees, args in SECTIONS:
        if not sees(staff):
            continue
        result = list_complaints(
            staff,
            page=1,
            per_page=shown,
            calendar=calendar,
            now=now,
            rules=rules,
            **list_args(args, me=staff),
        )
        sections.append(
            {
                "key": key,
                "title": title,
                "args": args,
                "total": result["total"],
                "items": result["items"],
            }
        )
    return sections
