"""Changes to stored data that a release needs (`flask migrate-store`, the release step).

Each migration is idempotent and touches only documents still in the old shape.
- parent subscriptions: `{template_id: count}` (template ids as field names, which a
  client controlled) becomes `[{template_id, count}]`; a parent document in the old shape
  cannot even be loaded by the new model, so this runs before the new code serves.
- unattached uploads: photos stored before uploads had `unattached_until` that no
  complaint shows get it (24 hours on from their upload), so the worker deletes them.
The complaints package runs its own upgrades after these (`complaints.upgrade_stored`).
- sealed phones: contact phones stored in clear before encryption at rest are sealed
  under the current data key (the new code still reads clear ones until then).
"""

from datetime import timedelta
from functools import partial

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


def unattached_uploads_dated(photos_shown):
    """Date every older photo nothing shows for the unattached sweep; how many changed.

    `photos_shown(ids)` answers which of the ids something still shows (the CLI hands in
    the complaints package's): the store layer reads no complaint itself.
    """
    photos = Photo._get_collection()
    changed = 0
    undated = {"unattached_until": {"$exists": False}, "owner": {"$ne": None}}
    for raw in list(photos.find(undated, {"created_at": 1})):
        if photos_shown([raw["_id"]]):
            continue
        until = raw["created_at"] + timedelta(hours=24)
        result = photos.update_one(
            {"_id": raw["_id"], "unattached_until": {"$exists": False}},
            {"$set": {"unattached_until": until}},
        )
        changed += result.modified_count
    return changed


def run_all(*, photos_shown):
    """Run every migration, in order; [(name, documents changed)]."""
    migrations = {
        "unattached uploads dated": partial(unattached_uploads_dated, photos_shown),
        "subscriptions as a list": subscriptions_as_list,
        "phones sealed at rest": sealing.seal_clear_values,
    }
    return [(name, migrate()) for name, migrate in migrations.items()]
