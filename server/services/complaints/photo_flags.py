"""Complaints flagged for manual review when a photo they hold goes `unchecked`.

The photos domain marks the photo (photos.review); this module records on every complaint
holding it the flag `needs_manual_review`, a reason staff read (`review_reasons`) and an
audit entry by `system`. Flagging does not bump the complaint's version (nothing anyone
acts on changed) and a reason is recorded once per (cause, photo).
"""

import logging

from models.complaint import Complaint
from server.services.complaints.store.guarded import Change, apply_update
from server.services.photos import unchecked_among

log = logging.getLogger(__name__)


def flag_complaints_with(photo_id, entry):
    """Flag every complaint that holds the photo (in its report or a supplement)."""
    query = {"$or": [{"photos": photo_id}, {"supplements.photos": photo_id}]}
    for raw in Complaint._get_collection().find(query, {"_id": 1, "status": 1}):
        flag_complaint(raw["_id"], entry, status=raw.get("status"))


def flag_complaint(complaint_id, entry, *, status=None):
    """Record one review reason on a complaint, unless that (cause, photo) is there already."""
    change = Change(now=entry["at"])
    change.set["needs_manual_review"] = True
    change.push["review_reasons"] = [entry]
    detail = {key: entry[key] for key in ("code", "photo", "detail") if key in entry}
    change.audit(by="system", action="manual_review", from_status=status, detail=detail)
    same = {"code": entry["code"], "photo": entry.get("photo")}
    query = {"_id": complaint_id, "review_reasons": {"$not": {"$elemMatch": same}}}
    if apply_update(Complaint._get_collection(), query, change.update_document()) == 1:
        log.warning("complaint %s flagged for manual review: %s", complaint_id, entry["code"])


def photos_shown(photo_ids):
    """The ids among `photo_ids` that a complaint or one of its supplements shows."""
    ids = list(photo_ids)
    query = {"$or": [{"photos": {"$in": ids}}, {"supplements.photos": {"$in": ids}}]}
    used = set()
    for raw in Complaint._get_collection().find(query, {"photos": 1, "supplements.photos": 1}):
        used.update(raw.get("photos") or [])
        for supplement in raw.get("supplements") or []:
            used.update(supplement.get("photos") or [])
    return used & set(ids)


def flag_unchecked_photos(complaint_id, photos, *, now):
    """After a complaint or supplement is stored: flag photos that went `unchecked` meanwhile.

    A failure push may land between reading a photo as `pending` and storing the complaint
    that holds it; reading the photos again after the write closes that gap.
    """
    for photo_id, entry in unchecked_among([photo.pk for photo in photos]):
        flag_complaint(complaint_id, dict(entry, at=now, photo=str(photo_id)))
