"""How complaints look to staff: list items and the full detail (never the parent's openid).

The contact phone is masked everywhere (138****5678); revealing it is a separate, audited
action. Anonymous complaints show no contact at all. Deadlines are shown as computed now.
"""

import math
from datetime import datetime, timedelta

from models.choices import (
    COMPLAINT_ACTIONS,
    COMPLAINT_CATEGORIES,
    COMPLAINT_STATUSES,
    PHOTO_MODERATION,
    label,
)
from models.complaint import Complaint
from models.institution import Institution
from server.clock import as_utc, iso
from server.services.admin import staff_ref
from server.services.common import mask_phone
from server.services.complaints.channel_view import channel_detail, channel_fields
from server.services.complaints.detail_shapes import StaffComplaintDetail
from server.services.complaints.hints import fitting_hints
from server.services.complaints.parent_view import timeline_entry
from server.services.complaints.scope import own_queue_ids, sees_all_queues
from server.services.deadlines import clock_of, working_days_left
from server.services.directory import institution_ref
from server.services.photos import reason_view

SIMILAR_WINDOW = timedelta(days=30)
SIMILAR_LIMIT = 20
SIMILAR_SCAN = 200  # similar complaints read at most, before those of unseen queues are dropped


def visible_contact(complaint):
    """The masked phone, or None for an anonymous complaint or one without a phone."""
    return None if complaint.anonymous else mask_phone(complaint.contact_phone)


def _plain(value):
    """Stored values (datetimes, nested dicts) as JSON-ready values."""
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def complaint_institution(complaint):
    """The complaint's archive institution, or the free-text name of an unlisted one."""
    return institution_ref(complaint.institution) or {
        "id": None,
        "name": complaint.institution_name,
    }


def complaint_item(complaint, clock):
    """A row of the staff list, unshaped (the list picks its declared keys)."""
    return {
        "no": complaint.no,
        "status": complaint.status,
        "status_label": label(COMPLAINT_STATUSES, complaint.status),
        "category": complaint.category,
        "category_label": label(COMPLAINT_CATEGORIES, complaint.category),
        "queue": complaint.queue.to_ref() if complaint.queue else None,
        "assignee": staff_ref(complaint.assignee),
        "institution": complaint_institution(complaint),
        "due_at": iso(clock.due_at),
        "overdue": clock.overdue,
        "due_soon": clock.due_soon,
        "urgent": complaint.urgent,
        "urgent_held": bool(complaint.urgent_held),
        "has_news": complaint.has_news,
        "anonymous": complaint.anonymous,
        "contact_phone": visible_contact(complaint),
        "created_at": iso(complaint.created_at),
        **channel_fields(complaint),
    }


def photo_ref(no, photo):
    """A photo with its moderation state and the staff URLs of both sizes."""
    url = f"/api/staff/v1/complaints/{no}/photos/{photo.pk}"
    return {
        "id": str(photo.pk),
        "width": photo.width,
        "height": photo.height,
        "bytes": photo.bytes,
        "moderation": photo.moderation,
        "moderation_label": label(PHOTO_MODERATION, photo.moderation),
        "check_reason": reason_view(photo.check_reason)["message"] if photo.check_reason else None,
        "url": url + "?size=full",
        "thumb_url": url + "?size=thumb",
    }


def audit_entry(entry):
    """One step of the audit trail."""
    return {
        "at": iso(entry.at),
        "by": entry.by,
        "action": entry.action,
        "action_label": label(COMPLAINT_ACTIONS, entry.action),
        "from": entry.from_status,
        "to": entry.to_status,
        "detail": _plain(dict(entry.detail or {})),
    }


def similar_complaints(complaint, staff):
    """Other complaints about the same institution and category within 30 days either side,
    of the queues the staff member sees (a handler learns nothing of other queues)."""
    if complaint.institution is not None:
        same = {"institution": complaint.institution.pk}
    elif complaint.institution_name:
        same = {"institution_name": complaint.institution_name}
    else:
        return []
    around = complaint.created_at
    others = Complaint.objects(
        no__ne=complaint.no,
        category=complaint.category,
        created_at__gte=around - SIMILAR_WINDOW,
        created_at__lte=around + SIMILAR_WINDOW,
        **same,
    ).only("no", "status", "created_at", "merged_into", "queue")
    # The index serves institution + category + time; the queue is checked here.
    seen = [
        other
        for other in others.order_by("-created_at").limit(SIMILAR_SCAN).no_dereference()
        if sees(staff, other.queue)
    ]
    return [
        {
            "no": other.no,
            "status": other.status,
            "created_at": iso(other.created_at),
            "merged_into": other.merged_into,
        }
        for other in seen[:SIMILAR_LIMIT]
    ]


def sees(staff, queue):
    """Whether the staff member sees complaints of `queue` (a reference or an id)."""
    if sees_all_queues(staff):
        return True
    queue_id = getattr(queue, "id", queue)
    return queue_id in own_queue_ids(staff)


def merged_into_seen(no, staff):
    """The numbers of the complaints merged into `no` that the staff member sees."""
    merged = Complaint.objects(merged_into=no).scalar("no", "queue").no_dereference()
    return [other_no for other_no, queue in merged if sees(staff, queue)]


def retention_note(complaint):
    """What retention (PIPL) removed from the complaint, or None while it is kept whole."""
    if complaint.anonymised_at is None:
        return None
    removed = complaint.photos_removed or 0
    return {
        "at": iso(complaint.anonymised_at),
        "photos_removed": removed,
        "message": f"已按规定删除联系电话、家长身份关联和照片（{removed} 张）",
    }


def rating_wait(complaint, *, rules, now):
    """While resolved and unrated: until when the parent may rate, and whole days left."""
    if complaint.status != "resolved" or complaint.rating or complaint.resolved_at is None:
        return {"rate_until": None, "rating_days_left": None}
    until = as_utc(complaint.resolved_at) + timedelta(days=rules.rating_window_days)
    left = max(0, math.ceil((until - now) / timedelta(days=1)))
    return {"rate_until": iso(until), "rating_days_left": left}


def complaint_staff_detail(complaint, *, staff, calendar, now, rules):
    """Everything `staff` may see about one complaint, with its `version` for the next action.

    The complaints listed beside it (`similar`, `merged`) are only those of queues the
    staff member sees: the same rule as every other read.
    """
    clock = clock_of(complaint, calendar=calendar, now=now, rules=rules)
    no = complaint.no
    body = complaint_item(complaint, clock)
    if isinstance(complaint.institution, Institution):
        body["institution"].update(
            address=complaint.institution.address, district=complaint.institution.district
        )
    body.update(rating_wait(complaint, rules=rules, now=now))
    body["working_days_left"] = working_days_left(clock.due_at, calendar=calendar, now=now)
    body.update(
        description=complaint.description,
        privacy_version=complaint.privacy_version,
        institution_address=complaint.institution_address,
        district=complaint.district,
        occurred_at=iso(complaint.occurred_at),
        location=(
            {"lat": complaint.location.lat, "lng": complaint.location.lng}
            if complaint.location
            else None
        ),
        photos=[photo_ref(no, photo) for photo in complaint.photos],
        supplements=[
            {
                "at": iso(s.at),
                "text": s.text,
                "photos": [photo_ref(no, photo) for photo in s.photos],
            }
            for s in complaint.supplements
        ],
        routing=_plain(dict(complaint.routing or {})),
        hints=_plain(fitting_hints(list(complaint.hints or []), complaint.category)),
        needs_manual_review=complaint.needs_manual_review,
        review_reasons=[reason_view(entry) for entry in complaint.review_reasons or []],
        accept_due_at=iso(complaint.accept_due_at),
        resolve_due_at=iso(complaint.resolve_due_at),
        extended=complaint.extended,
        paused=complaint.status == "need_info",
        accepted_at=iso(complaint.accepted_at),
        resolved_at=iso(complaint.resolved_at),
        outcome=complaint.outcome,
        measures=complaint.measures,
        merged_into=complaint.merged_into,
        merged=merged_into_seen(no, staff),
        rating=(
            {
                "score": complaint.rating.score,
                "comment": complaint.rating.comment,
                "at": iso(complaint.rating.at),
            }
            if complaint.rating
            else None
        ),
        notes=[{"at": iso(n.at), "by": n.by, "text": n.text} for n in complaint.notes],
        audit=[audit_entry(entry) for entry in complaint.audit],
        timeline=[timeline_entry(entry) for entry in complaint.timeline],
        similar=similar_complaints(complaint, staff),
        retention=retention_note(complaint),
        version=complaint.version,
    )
    body.update(channel_detail(complaint, staff))
    return StaffComplaintDetail.answer(body)
