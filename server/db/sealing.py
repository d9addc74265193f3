"""Sealed fields kept under the current data key: `migrate-store` seals values stored in
clear before encryption existed, `flask rotate-data-key` re-seals those under an older key.

Both read the raw documents (only the id and the field), write each value back guarded on
the stored value it replaces (a value written meanwhile is left to the next run), and are
idempotent: a value already sealed under the current key is not touched. Which fields are
sealed the models say (SealedStringField), so this store-wide step names no collection.
"""

from models import sealed
from server.db.indexes import documents


def sealed_fields():
    """(document class, field name) of every SealedStringField the models declare."""
    return tuple(
        (document, name)
        for document in documents().values()
        for name, field in document._fields.items()
        if isinstance(field, sealed.SealedStringField)
    )


def _reseal(document, name, *, clear_only):
    """Seal every value of one field not under the current key; how many changed."""
    field = document._fields[name]
    collection = document._get_collection()
    if clear_only:
        query = {name: {"$type": "string"}}
    else:
        query = {name: {"$ne": None}, f"{name}.k": {"$ne": sealed.current_key_id()}}
    changed = 0
    for raw in collection.find(query, {name: 1}):
        stored = raw[name]
        clear = sealed.unseal(stored, label=field.label)
        if clear is None:
            continue  # under a key this process does not hold: left as it is
        new = sealed.seal(clear, label=field.label)
        result = collection.update_one({"_id": raw["_id"], name: stored}, {"$set": {name: new}})
        changed += result.modified_count
    return changed


def seal_clear_values():
    """Seal values stored in clear (the migration); how many changed."""
    return sum(_reseal(doc, name, clear_only=True) for doc, name in sealed_fields())


def reseal_all():
    """Re-seal every value not under the current key (the rotation); how many changed."""
    return sum(_reseal(doc, name, clear_only=False) for doc, name in sealed_fields())


def still_under_old_keys():
    """How many values are not yet under the current key (clear ones included)."""
    total = 0
    for document, name in sealed_fields():
        query = {name: {"$ne": None}, f"{name}.k": {"$ne": sealed.current_key_id()}}
        total += document._get_collection().count_documents(query)
    return total
