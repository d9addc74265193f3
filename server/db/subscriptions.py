"""A parent's accepted subscribe messages, counted per template in a list of
{template_id, count}: the template id is only ever a value, never part of a field path.

Both writes are single-document updates with the positional `$` operator, which MongoDB
and the strict embedded store both apply atomically.
"""

from models.parent import Parent

ATTEMPTS = 3


def add(parent_id, template_id, now):
    """Count one more accepted message of `template_id` for the parent."""
    collection = Parent._get_collection()
    for _ in range(ATTEMPTS):
        bumped = collection.update_one(
            {"_id": parent_id, "subscriptions.template_id": template_id},
            {"$inc": {"subscriptions.$.count": 1}, "$set": {"updated_at": now}},
        )
        if bumped.matched_count:
            return
        pushed = collection.update_one(
            {"_id": parent_id, "subscriptions.template_id": {"$ne": template_id}},
            {
                "$push": {"subscriptions": {"template_id": template_id, "count": 1}},
                "$set": {"updated_at": now},
            },
        )
        if pushed.matched_count or not collection.count_documents({"_id": parent_id}):
            return  # pushed, or the parent is gone; else a racing request pushed it first


def spend(parent_id, template_id):
    """Use one accepted message of `template_id`, if there is one; whether there was."""
    matched = {"$elemMatch": {"template_id": template_id, "count": {"$gt": 0}}}
    result = Parent._get_collection().update_one(
        {"_id": parent_id, "subscriptions": matched},
        {"$inc": {"subscriptions.$.count": -1}},
    )
    return result.modified_count == 1
