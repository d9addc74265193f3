"""Retention (PIPL): anonymise complaints finished longer than RETENTION_DAYS ago.

A complaint is finished when it is `closed` (since `closed_at`), or `rejected` or
`merged` (since its last change, `updated_at`; a merged one only once the complaint it
joined is itself finished, so its parent still hears the outcome). Anonymising it:

- removes the contact phone, cuts the link to the parent (and with it the only way to
  reach them: a subscribe message still waiting in its outbox now fails as "no recipient"
  without a call to WeChat);
- deletes its photos and its supplements' photos (both GridFS files and the Photo
  record), unless another complaint not yet anonymised still shows the same photo (a
  parent's identical upload is stored once), which then deletes it in its own turn;
- scrubs every free text (description, supplements, timeline, audit details, notes, the
  rating's comment, measures, waiting messages) of phone, ID-card and bank-card numbers,
  e-mail addresses and names, the parent's own phone however written
  (server/services/complaints/personal_data.py);
- records `anonymised_at`, how many photos went (staff see "已按规定删除") and an audit
  entry by `system`.

Everything statistics and the ledger read (category, status, queue, district,
institution, dates, deadlines, pauses, outcome, rating score) is kept, so figures do not
change. The write is ONE update guarded on `version` (a complaint someone reopened in the
meantime is left alone); the photos to delete are written into the same update
(`purge_photos`) and deleted after it, so a job that dies half-way finishes them on its
next run. Running it again changes nothing: it is idempotent.

A run reads only what is due: finished complaints not yet anonymised whose time has come
(indexes anonymised_at + status + closed_at / updated_at: anonymised ones are outside
them), photos a stopped run left behind (`purge_pending`, a sparse index), and per
photo the complaints that still show it (indexes on photos and supplements.photos).
"""

import logging
from datetime import timedelta

from models.complaint import OPEN_STATUSES, AuditEntry, Complaint
from models.photo import Photo
from server.services.complaints.personal_data import SCRUB_PROJECTION, scrubbed_fields
from server.services.complaints.store.guarded import Change, apply_update, as_mongo
from server.services.photos import delete_photo

log = logging.getLogger(__name__)

UNFINISHED = (*OPEN_STATUSES, "resolved")  # a merged complaint waits while its target is these
PROJECTION = {
    "status": 1,
    "version": 1,
    "photos": 1,
    "merged_into": 1,
    **SCRUB_PROJECTION,  # supplements among them
}
REMOVED = ("contact_phone", "caller_name", "parent")


def due_query(cutoff):
    """Complaints finished before `cutoff` and not anonymised yet."""
    return {
        "$or": [
            {"anonymised_at": None, "status": "closed", "closed_at": {"$lt": cutoff}},
            {
                "anonymised_at": None,
                "status": {"$in": ["rejected", "merged"]},
                "updated_at": {"$lt": cutoff},
            },
        ],
    }


def _waiting_merges(raws):
    """Ids of merged complaints whose target is still being handled."""
    targets = {raw.get("merged_into") for raw in raws if raw["status"] == "merged"}
    statuses = dict(Complaint.objects(no__in=[no for no in targets if no]).scalar("no", "status"))
    return {
        raw["_id"]
        for raw in raws
        if raw["status"] == "merged" and statuses.get(raw.get("merged_into")) in UNFINISHED
    }


def _photo_ids(raw):
    """The complaint's photos and its supplements' photos, each once."""
    ids = list(raw.get("photos") or [])
    for supplement in raw.get("supplements") or []:
        ids.extend(supplement.get("photos") or [])
    return list(dict.fromkeys(ids))


def anonymise_one(raw, *, now, retention_days):
    """Anonymise one finished complaint (a raw dict with PROJECTION); False if it changed."""
    photo_ids = _photo_ids(raw)
    change = Change(now=now)
    detail = {"photos": len(photo_ids), "retention_days": retention_days}
    entry = AuditEntry(at=now, by="system", action="anonymise", from_status=raw["status"])
    entry.detail = detail
    fields = scrubbed_fields(raw, extra_audit=[as_mongo(entry)])
    fields["supplements"] = [dict(s, photos=[]) for s in fields["supplements"]]
    change.set.update(
        fields,
        anonymised_at=now,
        photos=[],
        purge_photos=photo_ids,
        photos_removed=len(photo_ids),
    )
    if photo_ids:
        change.set["purge_pending"] = True
    update = change.update_document()
    version = raw.get("version", 1)
    update["$set"]["version"] = version + 1
    update["$unset"] = {name: "" for name in REMOVED}
    query = {"_id": raw["_id"], "version": version, "anonymised_at": None}
    return apply_update(Complaint._get_collection(), query, update) == 1


def _shown_elsewhere(photo_id, complaint_id):
    """Whether another complaint still shows the photo (anonymised ones show none)."""
    query = {
        "_id": {"$ne": complaint_id},
        "$or": [{"photos": photo_id}, {"supplements.photos": photo_id}],
    }
    return Complaint._get_collection().count_documents(query, limit=1) > 0


def purge_photos(complaint_id, photo_ids):
    """Delete the anonymised complaint's photos no other complaint shows; how many went."""
    deleted = 0
    for photo_id in photo_ids:
        if _shown_elsewhere(photo_id, complaint_id):
            continue
        photo = Photo.objects(id=photo_id).first()
        if photo is not None:
            delete_photo(photo)
            deleted += 1
    done = {"$set": {"purge_photos": []}, "$unset": {"purge_pending": ""}}
    apply_update(Complaint._get_collection(), {"_id": complaint_id}, done)
    return deleted


def anonymise_closed(*, now, retention_days):
    """Anonymise every complaint finished over `retention_days` ago; what was done."""
    collection = Complaint._get_collection()
    deleted = 0
    # Photos a run that died half-way left behind.
    unfinished = {"purge_pending": True}
    for raw in list(collection.find(unfinished, {"purge_photos": 1})):
        deleted += purge_photos(raw["_id"], raw["purge_photos"])
    raws = list(collection.find(due_query(now - timedelta(days=retention_days)), PROJECTION))
    waiting = _waiting_merges(raws)
    anonymised = 0
    for raw in raws:
        if raw["_id"] in waiting or not anonymise_one(raw, now=now, retention_days=retention_days):
            continue
        anonymised += 1
        deleted += purge_photos(raw["_id"], _photo_ids(raw))
    if anonymised or deleted:
        log.info("retention: %d complaints anonymised, %d photos deleted", anonymised, deleted)
    return {"anonymised": anonymised, "photos_deleted": deleted}
