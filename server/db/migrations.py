"""Changes to stored data that a release needs (`flask migrate-store`, the release step).

Each migration is idempotent and touches only documents still in the old shape.
- parent subscriptions: `{template_id: count}` (template ids as field names, which a
  client controlled) becomes `[{template_id, count}]`; a parent document in the old shape
  cannot even be loaded by the new model, so this runs before the new code serves.
The complaints domain's own upgrades (server/services/complaints/upgrades.py) run after
these in the same `migrate-store`.
"""

from models.parent import Parent


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


MIGRATIONS = {"subscriptions as a list": subscriptions_as_list}


def run_all():
    """Run every migration; [(name, documents changed)]."""
    return [(name, migrate()) for name, migrate in MIGRATIONS.items()]
