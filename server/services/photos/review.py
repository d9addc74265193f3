"""Manual review when WeChat's checks fail: the photo is `unchecked`, its complaint flagged.

A check can fail three ways: WeChat cannot take it (mediaCheckAsync errs), WeChat pushes a
failure (`errcode` other than 0, or no `result`, e.g. -1008 when it could not download the
photo), or no verdict ever arrives (the sweep, an hour after upload). Each marks the photo
`unchecked` with the reason and flags every complaint the photo belongs to: the flag is
`needs_manual_review`, a reason staff read (`review_reasons`) and an audit entry by
`system`. Flagging does not bump the complaint's version (nothing anyone acts on changed)
and a reason is recorded once per (cause, photo), however many paths report it.
"""

import logging
from datetime import timedelta

from models.choices import REVIEW_REASONS, label
from models.complaint import Complaint
from models.photo import Photo
from server.clock import as_utc
from server.services.complaints.store.guarded import Change, apply_update

log = logging.getLogger(__name__)

PENDING_LIMIT = timedelta(hours=1)  # a verdict later than this is taken as never coming
SWEEP_BATCH = 500


def reason(code, *, now, photo=None, errcode=None, errmsg=None):
    """One review reason as stored: code, when, which photo, WeChat's code and message."""
    entry = {"code": code, "at": now}
    if photo is not None:
        entry["photo"] = str(photo)
    if errcode is not None or errmsg:
        entry["detail"] = f"微信错误码 {errcode}：{str(errmsg or '')[:100]}".rstrip("：")
    return entry


def reason_view(entry):
    """A stored reason as staff read it: label and message in Chinese."""
    text = label(REVIEW_REASONS, entry.get("code"))
    detail = entry.get("detail")
    return {
        "code": entry.get("code"),
        "at": as_utc(entry.get("at")).isoformat() if entry.get("at") else None,
        "photo_id": entry.get("photo"),
        "label": text,
        "message": f"{text}（{detail}）" if detail else text,
    }


def mark_unchecked(photo_ids, entry, *, from_states=("pending", "unchecked")):
    """Mark these photos `unchecked` with the reason and flag their complaints; how many."""
    changed = 0
    stored = {key: value for key, value in entry.items() if key != "photo"}
    for photo_id in photo_ids:
        query = Photo.objects(id=photo_id, moderation__in=list(from_states))
        if query.update_one(set__moderation="unchecked", set__check_reason=stored):
            changed += 1
            flag_complaints_with(photo_id, dict(entry, photo=str(photo_id)))
    return changed


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


def flag_unchecked_photos(complaint_id, photos, *, now):
    """After a complaint or supplement is stored: flag photos that went `unchecked` meanwhile.

    A failure push may land between reading a photo as `pending` and storing the complaint
    that holds it; reading the photos again after the write closes that gap.
    """
    ids = [photo.pk for photo in photos]
    if not ids:
        return
    fields = {"_id": 1, "check_reason": 1}
    for raw in Photo._get_collection().find(
        {"_id": {"$in": ids}, "moderation": "unchecked"}, fields
    ):
        entry = dict(raw.get("check_reason") or {"code": "photo_check_failed"})
        flag_complaint(complaint_id, dict(entry, at=now, photo=str(raw["_id"])))


def sweep_pending_photos(*, now, limit=SWEEP_BATCH):
    """Photos still `pending` an hour after upload become `unchecked`; how many."""
    cutoff = now - PENDING_LIMIT
    stale = Photo.objects(moderation="pending", created_at__lte=cutoff).only("id").limit(limit)
    ids = [photo.id for photo in stale]
    if not ids:
        return 0
    entry = reason("photo_check_missing", now=now)
    changed = mark_unchecked(ids, entry, from_states=("pending",))
    log.warning("%d photos had no WeChat verdict an hour after upload: manual review", changed)
    return changed
