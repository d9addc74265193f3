"""Manual review when WeChat's checks fail: the photo is `unchecked`, its complaint flagged.

A check can fail three ways: WeChat cannot take it (mediaCheckAsync errs), WeChat pushes a
failure (`errcode` other than 0, or no `result`, e.g. -1008 when it could not download the
photo), or no verdict ever arrives (the sweep, an hour after upload). Each marks the photo
`unchecked` with the reason and flags every complaint the photo belongs to: the flag is
`needs_manual_review`, a reason staff read (`review_reasons`) and an audit entry by
`system`. Flagging does not bump the complaint's version (nothing anyone acts on changed)
and a reason is recorded once per (cause, photo), however many paths report it.

The photos domain does not know complaints: whoever owns what holds a photo registers a
listener (`on_unchecked`; the app registers complaints.flag_complaints_with at start),
and `mark_unchecked` calls every listener for each photo it marked.
"""

import logging
from datetime import timedelta

from models.choices import REVIEW_REASONS, label
from models.photo import Photo
from server.clock import as_utc

log = logging.getLogger(__name__)

PENDING_LIMIT = timedelta(hours=1)  # a verdict later than this is taken as never coming
SWEEP_BATCH = 500
_listeners = []  # callables (photo_id, entry) told of every photo marked unchecked


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


def on_unchecked(listener):
    """Call `listener(photo_id, entry)` for every photo marked unchecked (once per listener)."""
    if listener not in _listeners:
        _listeners.append(listener)


def mark_unchecked(photo_ids, entry, *, from_states=("pending", "unchecked")):
    """Mark these photos `unchecked` with the reason and flag their complaints; how many."""
    changed = 0
    stored = {key: value for key, value in entry.items() if key != "photo"}
    for photo_id in photo_ids:
        query = Photo.objects(id=photo_id, moderation__in=list(from_states))
        if query.update_one(set__moderation="unchecked", set__check_reason=stored):
            changed += 1
            for listener in list(_listeners):
                listener(photo_id, dict(entry, photo=str(photo_id)))
    return changed


def unchecked_among(photo_ids):
    """(photo id, its stored check reason) for each of these photos now `unchecked`."""
    if not photo_ids:
        return []
    fields = {"_id": 1, "check_reason": 1}
    found = Photo._get_collection().find(
        {"_id": {"$in": list(photo_ids)}, "moderation": "unchecked"}, fields
    )
    return [
        (raw["_id"], dict(raw.get("check_reason") or {"code": "photo_check_failed"}))
        for raw in found
    ]


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
