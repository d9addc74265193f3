"""The complaints' own changes to stored data (`flask migrate-store`, after server/db's).

Each is idempotent and touches only documents still in the old shape:
- anonymous complaints hold no phone: one stored with an anonymous complaint before the
  rule is removed (nobody ever saw it; now nobody can);
- merged outcomes without measures: the text a merged complaint's parent read used to end
  with the target's internal measures; it now ends with the target's public reply;
- complaints without their own idempotency token: the "<parent id>:<key>" a complaint
  held (and its unique index) gave way to the one Idempotency-Key mechanism
  (common/idempotency), which files the complaint under the key's unit as its `_id`.
"""

from models.complaint import Complaint


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


def _rewritten(timeline, prefix, measures, reply):
    """The timeline with outcome texts ending in `measures` ending in `reply` instead."""
    entries = [dict(entry) for entry in timeline]
    for entry in entries:
        message = entry.get("message") or ""
        if message.startswith(prefix) and message.endswith(measures):
            entry["message"] = message[: len(message) - len(measures)] + reply
    return entries


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
        old = raw.get("timeline") or []
        timeline = _rewritten(old, prefix, measures, _public_reply(target))
        if timeline != old:
            query = {"_id": raw["_id"], "timeline": old}
            changed += collection.update_one(query, {"$set": {"timeline": timeline}}).modified_count
    return changed


def without_idempotency_token():
    """Remove the complaints' old idempotency token and its index; how many changed."""
    collection = Complaint._get_collection()
    if "idempotency_1" in collection.index_information():
        collection.drop_index("idempotency_1")
    query = {"idempotency": {"$exists": True}}
    return collection.update_many(query, {"$unset": {"idempotency": ""}}).modified_count


UPGRADES = {
    "anonymous complaints hold no phone": anonymous_without_phone,
    "merged outcomes without measures": merged_outcomes_without_measures,
    "complaints without their own idempotency token": without_idempotency_token,
}


def upgrade_stored():
    """Run every complaint upgrade, in order; [(name, documents changed)]."""
    return [(name, upgrade()) for name, upgrade in UPGRADES.items()]
