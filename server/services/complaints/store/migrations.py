"""Changes to stored complaints that a release needs (run by `flask migrate-store`).

Each is idempotent and touches only complaints still in the old shape.
- anonymous complaints: a phone stored with one before anonymous reports refused phones
  is removed (nobody ever saw it; now nobody can).
- merged complaints' outcome text: before parents read only the public reply, the text a
  merged complaint's parent read ended with the target's internal measures; it is
  rewritten to end with the target's public reply instead.
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
    "anonymous complaints hold no phone": anonymous_without_phone,
    "merged outcomes without measures": merged_outcomes_without_measures,
}
