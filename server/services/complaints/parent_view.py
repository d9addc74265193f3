"""What a parent sees of their own complaint: the list row and the detail page.

The detail tells the mini-program what it may offer now, by the same rules the server
applies when the parent acts: `can_supplement` while the complaint is open (as
`followups.add_supplement` requires), `can_rate` while it is resolved and not yet rated
for this resolution (as `followups.rate` requires), `rate_until` (until then a
dissatisfied rating reopens it), and `due_at`, the deadline the bureau is working to now.
Photos come with signed links (`photo_links`), never bare ids; staff matters (notes,
audit, queue, assignee) never appear.
"""

from datetime import timedelta

from models.choices import (
    COMPLAINT_CATEGORIES,
    COMPLAINT_OUTCOMES,
    COMPLAINT_STATUSES,
    RATING_SCORES,
    TIMELINE_KINDS,
    label,
)
from models.complaint import OPEN_STATUSES
from models.photo import Photo
from server.clock import as_utc, iso
from server.services.common import mask_phone
from server.services.complaints.clusters import parent_notice
from server.services.complaints.parent_shapes import (
    ParentComplaintDetail,
    ParentComplaintFiled,
    ParentComplaintSummary,
)
from server.services.deadlines import clock_of
from server.services.photos import visible_to_parent

# Which deadline `due_at` is, by status: accepting it, or resolving it.
DUE_KINDS = {"submitted": "accept", "accepted": "resolve", "in_progress": "resolve"}
DUE_KINDS.update(need_info="resolve", reopened="resolve")


def institution_name(complaint):
    """The archive name of the institution, or the parent's free text for an unlisted one."""
    return getattr(complaint.institution, "name", None) or complaint.institution_name


def timeline_entry(entry):
    """One public step: `{"at", "status", "label", "message", "kind"}`."""
    if entry.status:
        text = label(COMPLAINT_STATUSES, entry.status)
    else:
        text = label(TIMELINE_KINDS, entry.kind)
    return {
        "at": iso(entry.at),
        "status": entry.status,
        "label": text,
        "message": entry.message,
        "kind": entry.kind,
    }


def summary(complaint):
    """A complaint in the parent's list (picked: the list is a hot path)."""
    return ParentComplaintSummary.pick(
        {
            "no": complaint.no,
            "status": complaint.status,
            "status_label": label(COMPLAINT_STATUSES, complaint.status),
            "category": complaint.category,
            "category_label": label(COMPLAINT_CATEGORIES, complaint.category),
            "institution_name": institution_name(complaint),
            "created_at": iso(complaint.created_at),
        }
    )


def visible_photos(photos, links, now):
    """Signed `{"id", "url", "thumb_url"}` of the photos the parent may see, in order."""
    return [
        links.photo_ref(photo, now=now)
        for photo in photos
        if isinstance(photo, Photo) and visible_to_parent(photo)
    ]


def rating_of(complaint):
    """The rating given (`{"score", "label", "comment", "at"}`), or None."""
    rating = complaint.rating
    if rating is None:
        return None
    return {
        "score": rating.score,
        "label": label(RATING_SCORES, rating.score),
        "comment": rating.comment,
        "at": iso(rating.at),
    }


def rate_until(complaint, rules):
    """While resolved: the end of the window in which a dissatisfied rating reopens it."""
    if complaint.status != "resolved" or complaint.resolved_at is None:
        return None
    return as_utc(complaint.resolved_at) + timedelta(days=rules.rating_window_days)


def parent_detail(complaint, *, links, calendar, rules, now):
    """Everything the parent may see of their complaint, and what they may do now."""
    return ParentComplaintDetail.answer(_detail(complaint, links, calendar, rules, now))


def parent_filed(complaint, *, links, calendar, rules, now):
    """The answer to filing `complaint`: its detail and the cluster notice, if any."""
    body = _detail(complaint, links, calendar, rules, now)
    return ParentComplaintFiled.answer({**body, "cluster_notice": parent_notice(complaint)})


def _detail(complaint, links, calendar, rules, now):
    location = complaint.location
    supplements = [
        {"at": iso(s.at), "text": s.text, "photos": visible_photos(s.photos, links, now)}
        for s in complaint.supplements
    ]
    return {
        **summary(complaint),
        "institution_id": str(complaint.institution.id) if complaint.institution else None,
        "institution_address": complaint.institution_address,
        "description": complaint.description,
        "occurred_at": iso(complaint.occurred_at),
        "location": {"lat": location.lat, "lng": location.lng} if location else None,
        # Every photo the parent may see, the report's and the supplements' (as before).
        "photos": visible_photos(
            list(complaint.photos) + [p for s in complaint.supplements for p in s.photos],
            links,
            now,
        ),
        "supplements": supplements,
        "contact_phone": None if complaint.anonymous else mask_phone(complaint.contact_phone),
        "anonymous": complaint.anonymous,
        "privacy_version": complaint.privacy_version,
        "outcome": complaint.outcome,
        "outcome_label": COMPLAINT_OUTCOMES.get(complaint.outcome),
        "timeline": [timeline_entry(entry) for entry in complaint.timeline],
        "due_at": iso(clock_of(complaint, calendar=calendar, now=now, rules=rules).due_at),
        "due_kind": DUE_KINDS.get(complaint.status),
        "can_supplement": complaint.status in OPEN_STATUSES,
        "can_rate": complaint.status == "resolved",
        "rating": rating_of(complaint),
        "rate_until": iso(rate_until(complaint, rules)),
    }
