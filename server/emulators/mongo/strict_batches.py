"""Bulk writes and TTL passes on the strict store (part of strict.py's patches).

mongomock 4.3's bulk builder cannot read the arguments pymongo 4.20's UpdateOne and
ReplaceOne pass it; `_Bulk` takes them. mongomock deletes expired documents on every read;
the strict store never does, and `run_ttl_pass(db, now)` does what one pass of MongoDB's
TTL monitor would.
"""

import threading
from datetime import UTC

from mongomock import collection as mongomock_collection
from mongomock import helpers

from server.emulators.mongo.strict_indexes import storage_key

WRITES = threading.RLock()  # replaced by strict.WRITES at install


class _Bulk(mongomock_collection.BulkOperationBuilder):
    """mongomock's bulk builder, taking the arguments pymongo 4.20's operations pass."""

    def add_update(self, selector, doc, multi=False, upsert=False, sort=None, **kwargs):
        """An UpdateOne / UpdateMany (a sort on an update is not supported here)."""
        if sort is not None:
            raise NotImplementedError("sort on a bulk update is not supported by the strict store")
        return super().add_update(selector, doc, multi, upsert, **kwargs)

    def add_replace(self, selector, doc, upsert, sort=None, **kwargs):
        """A ReplaceOne."""
        if sort is not None:
            raise NotImplementedError("sort on a bulk replace is not supported by the strict store")
        return super().add_replace(selector, doc, upsert, **kwargs)


def bulk_write(self, requests, ordered=True, bypass_document_validation=False, session=None):
    """Collection.bulk_write taking pymongo 4.20's operation objects, one write at a time."""
    if bypass_document_validation or session:
        raise NotImplementedError("bulk_write options not supported by the strict store")
    bulk = _Bulk(self, ordered=ordered)
    for operation in requests:
        operation._add_to_bulk(bulk)
    with WRITES:
        return mongomock_collection.BulkWriteResult(bulk.execute(), True)


def run_ttl_pass(database, now):
    """Delete what one pass of MongoDB's TTL monitor would at `now`; how many went."""
    ttl_now = now.astimezone(UTC).replace(tzinfo=None)
    removed = 0
    for name in database.list_collection_names():
        store = database[name]._store
        for index in list(store._ttl_indexes.values()):
            if len(index["key"]) != 1:
                continue
            field, expiry = index["key"][0][0], int(index["expireAfterSeconds"])
            with WRITES:
                expired = [
                    doc["_id"]
                    for doc in list(store._documents.values())
                    if store._value_meets_expiry(
                        helpers.patch_datetime_awareness_in_document(doc.get(field)),
                        expiry,
                        ttl_now,
                    )
                ]
                for key in expired:
                    del store[storage_key(key)]
            removed += len(expired)
    return removed
