"""The complaints domain's changes to stored data (`flask migrate-store`, after server/db's).

Each is idempotent and touches only documents still in the old shape:
- phones sealed at rest: contact phones stored in clear before encryption at rest are
  sealed under the current data key (the new code reads clear ones until then);
  `rotate-data-key` re-seals those under an older key (`reseal_phones`);
- anonymous complaints hold no phone: one stored with an anonymous complaint before the
  rule is removed (nobody ever saw it; now nobody can);
- merged outcomes without measures: the text a merged complaint's parent read used to end
  with the target's internal measures; it now ends with the target's public reply;
- unattached uploads dated: photos stored before uploads had `unattached_until` that no
  complaint shows get it (24 hours on from their upload), so the worker deletes them.
"""

from datetime import timedelta

from models.complaint import Complaint
from models.photo import Photo
from server.db import sealing

SEALED_FIELDS = ((Complaint, "contact_phone"),)


def seal_clear_phones():
    """Seal contact phones stored in clear; how many changed."""
    return sealing.seal_clear_values(SEALED_FIELDS)


def reseal_phones():
    """Re-seal every contact phone not under the current data key; how many changed."""
    return sealing.reseal_all(SEALED_FIELDS)


def phones_under_old_keys():
    """How many contact phones are not under the current data key yet."""
    return sealing.still_under_old_keys(SEALED_FIELDS)


def unattached_uploads_dated():
    """Date every older photo no complaint shows for the unattached sweep; how many changed."""
    photos = Photo._get_collection()
    complaints = Complaint._get_collection()
    changed = 0
    undated = {"unattached_until": {"$exists": False}, "owner": {"$ne": None}}
    for raw in list(photos.find(undated, {"created_at": 1})):
        shown = {"$or": [{"photos": raw["_id"]}, {"supplements.photos": raw["_id"]}]}
        if complaints.count_documents(shown, limit=1):
            continue
        until = raw["created_at"] + timedelta(hours=24)
        result = photos.update_one(
            {"_id": raw["_id"], "unattached_until": {"$exists": False}},
            {"$set": {"unattached_until": until}},
        )
        changed += result.modified_count
    return changed


def anonymous_without_phone():
    """Remove the phone stored with an anonymous complaint; how many changed."""
    query = {"anonymous": True, "contact_phone": {"$exists": True}}
    update = {"$unset": {"contact_phone": ""}, "$inc": {"version": 1}}
    return Complaint._get_collection().update_many(query, update).modified_count


def _public_reply(target):
    """The message of the target's latest resolution, as its own parent read it."""
    for entry in reversed(target.get("audit") or []):
        if entry.get("action") == "resolve":
            return (entry.get("detail") or {}).get("message") or ""
    return ""


def merged_outcomes_without_measures():
    """Rewrite merged complaints' outcome texts that carried the target's measures."""
    collection = Complaint._get_collection()
    changed = 0
    merged = {"merged_into": {"$type": "string"}, "status": "merged"}
    for raw in list(collection.find(merged, {"merged_into": 1, "timeline": 1})):
        target = collection.find_one({"no": raw["merged_into"]}, {"measures": 1, "audit": 1})
        measures = (target or {}).get("measures")
        if not measures:
            continue
        prefix = f"合并办理的投诉 {raw['merged_into']} 已办结："
        timeline = [dict(entry) for entry in raw.get("timeline") or []]
        for entry in timeline:
            message = entry.get("message") or ""
            if message.startswith(prefix) and message.endswith(measures):
                head = message[: len(message) - len(measures)]
                entry["message"] = head + _public_reply(target)
        if timeline != raw.get("timeline"):
            query = {"_id": raw["_id"], "timeline": raw.get("timeline")}
            changed += collection.update_one(query, {"$set": {"timeline": timeline}}).modified_count
    return changed


UPGRADES = {
    "anonymous complaints hold no phone": anonymous_without_phone,
    "merged outcomes without measures": merged_outcomes_without_measures,
    "unattached uploads dated": unattached_uploads_dated,
    "phones sealed at rest": seal_clear_phones,
}


def run_all():
    """Run every upgrade; [(name, documents changed)]."""
    return [(name, upgrade()) for name, upgrade in UPGRADES.items()]
