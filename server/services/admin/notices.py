"""Notices: admins write, publish and withdraw announcements; parents read published ones.

Staff reads take the acting staff member (any staff role reads drafts too); writes take
`manage_notices`, checked here whoever calls.
"""

from bson import ObjectId

from models.institution import Institution
from models.notice import BODY_MAX, INSTITUTIONS_MAX, TITLE_MAX, Notice
from server.clock import iso, utcnow
from server.errors import AppError, NotFound, validation_error
from server.services.common import (
    DateTime,
    Form,
    Items,
    LongText,
    Shape,
    Text,
    check,
    created_before,
    insert_under,
)
from server.services.directory import InstitutionRef, institution_ref
from server.services.permissions import require


class NoticeChange(Form):
    """PATCH /notices/{id}: any of the fields; `published` publishes or withdraws."""

    reasons = {
        "title": f"请填写标题（不超过 {TITLE_MAX} 字）",
        "body": f"请填写正文（不超过 {BODY_MAX} 字）",
        "institutions": f"必须是机构编号列表（最多 {INSTITUTIONS_MAX} 个）",
        "published": "必须是 true 或 false",
    }
    title: Text(TITLE_MAX, min_length=1) = None
    body: LongText(BODY_MAX, min_length=1) = None
    institutions: Items(Text(24), INSTITUTIONS_MAX) = None
    published: bool = None


class NoticeDraft(NoticeChange):
    """POST /notices: a title and a body at least."""

    title: Text(TITLE_MAX, min_length=1)
    body: LongText(BODY_MAX, min_length=1)


def _institutions(value):
    """The institutions named by a list of ids, or an error reason."""
    ids = list(dict.fromkeys(value))
    if any(not ObjectId.is_valid(i) for i in ids):
        return None, "机构编号格式不正确"
    found = {str(i.id): i for i in Institution.objects(id__in=ids)}
    unknown = [i for i in ids if i not in found]
    if unknown:
        return None, "未知的机构：" + "、".join(unknown)
    return [found[i] for i in ids], None


def _changes(data, *, creating):
    """The checked field values in `data`; a validation error names every bad field."""
    try:
        changes, errors = check(NoticeDraft if creating else NoticeChange, data).given(), {}
    except AppError as exc:  # name the institutions too, if they parsed
        changes, errors = {}, dict(exc.errors or {})
        if "institutions" not in errors and isinstance(data.get("institutions"), list):
            changes["institutions"] = [str(i) for i in data["institutions"]]
    if "institutions" in changes:
        changes["institutions"], reason = _institutions(changes["institutions"])
        if reason:
            errors["institutions"] = reason
    if errors:
        raise validation_error(errors)
    return changes


def _apply(notice, changes, staff, now):
    """Set the changed fields; publishing stamps published_at, withdrawing keeps the history."""
    published = changes.pop("published", None)
    for field, value in changes.items():
        setattr(notice, field, value)
    if published is True and not notice.published:
        notice.published, notice.published_at = True, now
    elif published is False:
        notice.published = False
    notice.updated_by = staff.username


def create_notice(data, *, actor, now=None, unit=None):
    """A new notice (a draft unless `published` is true), under `unit` (common/idempotency)."""
    staff = require(actor, "manage_notices")
    if first := created_before(Notice, unit):
        return first
    changes = _changes(data, creating=True)
    notice = Notice(created_by=staff.username)
    _apply(notice, changes, staff, now or utcnow())
    return insert_under(notice, unit)[0]


def update_notice(notice_id, data, *, actor, now=None):
    """Edit, publish (`published: true`) or withdraw (`published: false`) a notice."""
    staff = require(actor, "manage_notices")
    notice = get_notice(notice_id, actor=staff)
    _apply(notice, _changes(data, creating=False), staff, now or utcnow())
    return notice.save()


def _find(**query):
    notice = Notice.objects(**query).first()
    if notice is None:
        raise NotFound()
    return notice


def get_notice(notice_id, *, actor):
    """The notice with this id, drafts included, for a staff member; 404 if missing."""
    require(actor, "work")
    return _find(id=notice_id)


def published_notice(notice_id):
    """The published notice with this id, as anyone may read it; 404 otherwise."""
    return _find(id=notice_id, published=True)


def staff_notices(published=None, *, actor):
    """Every notice for staff, newest first; `published` True/False filters."""
    require(actor, "work")
    query = Notice.objects.order_by("-created_at", "-id")
    return query if published is None else query.filter(published=published)


def published_notices():
    """What parents see: published notices, most recently published first."""
    return Notice.objects(published=True).order_by("-published_at", "-id")


class NoticeView(Shape):
    """A notice as parents read it."""

    id: str
    title: str
    body: str
    published: bool
    published_at: DateTime | None
    institutions: list[InstitutionRef]


class StaffNoticeView(NoticeView):
    """A notice for staff: the public shape plus who wrote it and when."""

    created_at: DateTime | None
    updated_at: DateTime | None
    created_by: str | None
    updated_by: str | None


def _public(notice):
    return {
        "id": str(notice.id),
        "title": notice.title,
        "body": notice.body,
        "published": notice.published,
        "published_at": iso(notice.published_at),
        "institutions": [ref for ref in map(institution_ref, notice.institutions) if ref],
    }


def notice_detail(notice):
    """A notice as clients see it (institutions deleted since are left out)."""
    return NoticeView.answer(_public(notice))


def notice_staff_detail(notice):
    """A notice for staff: the public shape plus who wrote it and when."""
    return StaffNoticeView.answer(
        {
            **_public(notice),
            "created_at": iso(notice.created_at),
            "updated_at": iso(notice.updated_at),
            "created_by": notice.created_by,
            "updated_by": notice.updated_by,
        }
    )
