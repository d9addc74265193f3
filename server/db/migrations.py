"""Changes to stored data that a release needs (`flask migrate-store`, the release step).

Each migration is idempotent and touches only documents still in the old shape.
- parent subscriptions: `{template_id: count}` (template ids as field names, which a
  client controlled) becomes `[{template_id, count}]`; a parent document in the old shape
  cannot even be loaded by the new model, so this runs before the new code serves.
- unattached uploads: photos stored before uploads had `unattached_until` that no
  complaint shows get it (24 hours on from their upload), so the worker deletes them.
- anonymous complaints: a phone stored with one before anonymous reports refused phones
  is removed (nobody ever saw it; now nobody can).
- merged complaints' outcome text: before parents read only the public reply, the text a
  merged complaint's parent read ended with the target's internal measures; it is
  rewritten to end with the target's public reply instead.
- sealed phones: contact phones stored in clear before encryption at rest are sealed
  under the current data key (the new code still reads clear ones until then).
"""

from datetime import timedelta

from models.complaint import Complaint
from models.parent import Parent
from models.photo import Photo
from server.db import sealing


def subscriptions_as_list():
    """Rewrite every parent's subscriptions dict as a list; how many parents changed."""
    collection = Parent._get_collection()
    changed = 0
    # $type "object" also matches an array holding objects (the new shape): exclude arrays.
    old_shape = {"subscriptions": {"$type": "object", "$not": {"$type": "array"}}}
    for doc in list(collection.find(old_shape, {"subscriptions": 1})):
        old = doc["subscriptions"]
        if not isinstance(old, dict):
            continue
        new = [
            {"template_id": key, "count": value}
            for key, value in old.items()
            if isinstance(value, int) and not isinstance(value, bool) and value > 0
        ]
        result = collection.update_one(
            {"_id": doc["_id"], "subscriptions": old}, {"$set": {"subscriptions": new}}
        )
        changed += result.modified_count
    return changed


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


MIGRATIONS = {
    "unattached uploads dated": unattached_uploads_dated,
    "subscriptions as a list": subscriptions_as_list,
    "anonymous complaints hold no phone": anonymous_without_phone,
    "merged outcomes without measures": merged_outcomes_without_measures,
    "phones sealed at rest": sealing.seal_clear_values,
}


def run_all():
    """Run every migration; [(name, documents changed)]."""
    return [(name, migrate()) for name, migrate in MIGRATIONS.items()]
