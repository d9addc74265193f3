"""The strict store: mongomock (tests, demo) made to behave like MongoDB where it matters.

`install()` patches mongomock's Collection, Cursor and CollectionStore once per process:
- every filter, update and document is checked by strict_rules.py, which raises
  what pymongo raises against a real server (InvalidDocument, WriteError with MongoDB's
  codes, OperationFailure for findAndModify, DocumentTooLarge, OverflowError);
- a single-document write is atomic for every other thread: writers take one lock and
  apply an update to a *copy* of the stored document, then swap the finished copy in, so a
  stored document is never changed in place and a reader (which copies what it returns)
  sees the old version or the new one, never half of a `$set` (mongomock applies `$set`
  field by field on the stored dict);
- unique indexes are checked against a key map kept with the store: sparse ones skip only
  documents that lack every field (an explicit null is indexed, as on MongoDB), partial
  ones only documents matching `partialFilterExpression`;
- TTL indexes delete nothing by themselves (MongoDB's monitor runs once a minute, so code
  must never rely on it); a test runs `run_ttl_pass(db, now)` to see what a pass removes;
- `bulk_write` takes pymongo 4's operation objects; `create_index(es)` keeps partial
  filters and refuses a name or key pattern already used with other options (85 / 86);
- every query is offered to query_plan.py, which checks it against the indexes
  when a test asks it to;
- failover: MongoDB's election errors on demand, with pymongo's one retry emulated
  (strict_failover.py).
"""

import copy
import threading

from mongomock import collection as mongomock_collection
from mongomock import database as mongomock_database
from mongomock import store as mongomock_store
from pymongo.errors import OperationFailure, WriteError

from server.emulators.mongo import query_plan
from server.emulators.mongo import strict_batches as batches
from server.emulators.mongo import strict_failover as failover
from server.emulators.mongo import strict_indexes as indexes
from server.emulators.mongo import strict_rules as rules
from server.emulators.mongo.strict_batches import run_ttl_pass  # noqa: F401  (tests run TTL passes)

Collection = mongomock_collection.Collection
Cursor = mongomock_collection.Cursor
CollectionStore = mongomock_store.CollectionStore

WRITES = threading.RLock()  # one writer at a time in the whole process, like a document lock
_local = threading.local()
_original = {}
_installed = False


def _orig(owner, name):
    return _original[(owner.__name__, name)]


def _iter_documents(self, spec):
    found = _orig(Collection, "_iter_documents")(self, spec)
    if getattr(_local, "copying", False):  # an update works on copies it swaps in
        return (copy.deepcopy(document) for document in found)
    return found


def _update(self, spec, document, *args, **kwargs):
    rules.check_filter(spec)
    rules.check_update(document)
    query_plan.record(self, spec)
    with WRITES:
        previous = getattr(_local, "copying", False)
        _local.copying = True
        try:
            return _orig(Collection, "_update")(self, spec, document, *args, **kwargs)
        finally:
            _local.copying = previous


def _ensure_uniques(self, new_data):
    """Called by mongomock after an insert (document stored) or an update (copy changed)."""
    store = self._store
    key = indexes.storage_key(new_data["_id"])
    inserting = store._documents.get(key) is new_data
    if not inserting:
        rules.check_stored_size(new_data)
    indexes.check(store, self, new_data)
    if not inserting:
        store[key] = new_data  # swap the finished copy in


def _find_and_modify(self, query, projection=None, update=None, *args, **kwargs):
    rules.check_filter(query)
    try:
        if update is not None:
            rules.check_update(update)
        with WRITES:
            return _orig(Collection, "_find_and_modify")(
                self, query, projection, update, *args, **kwargs
            )
    except WriteError as error:  # findAndModify is a command: its errors are OperationFailure
        if error.code == 11000:
            raise
        raise OperationFailure(str(error), error.code, error.details) from None


def _insert_one(self, document, *args, **kwargs):
    rules.check_document(document)
    return _orig(Collection, "insert_one")(self, document, *args, **kwargs)


def _insert_many(self, documents, *args, **kwargs):
    documents = list(documents)
    for document in documents:
        rules.check_document(document)
    return _orig(Collection, "insert_many")(self, documents, *args, **kwargs)


def _locked(name):
    def method(self, *args, **kwargs):
        with WRITES:
            return _orig(Collection, name)(self, *args, **kwargs)

    method.__name__ = name
    return method


def _delete(self, filter, *args, **kwargs):
    rules.check_filter(filter)
    query_plan.record(self, filter)
    with WRITES:
        return _orig(Collection, "_delete")(self, filter, *args, **kwargs)


def _get_dataset(self, spec, sort, fields, as_class):
    rules.check_filter(spec)
    if not (getattr(_local, "probe", False) and not spec and not sort):
        query_plan.record(self, spec, sort)
    return _orig(Collection, "_get_dataset")(self, spec, sort, fields, as_class)


def _find_one(self, filter=None, *args, **kwargs):
    """find_one: with an empty filter and no sort, one document in natural order (O(1))."""
    previous = getattr(_local, "probe", False)
    _local.probe = True
    try:
        return _orig(Collection, "find_one")(self, filter, *args, **kwargs)
    finally:
        _local.probe = previous


def _find(self, filter=None, projection=None, skip=0, limit=0, *args, **kwargs):
    rules.check_skip(skip)
    rules.check_limit(limit)
    return _orig(Collection, "find")(self, filter, projection, skip, limit, *args, **kwargs)


def _count_documents(self, filter, **kwargs):
    rules.check_filter(filter)
    if "skip" in kwargs:
        rules.check_skip(kwargs["skip"])
    if "limit" in kwargs:
        rules.check_limit(kwargs["limit"])
    if not (getattr(_local, "probe", False) and not filter):
        query_plan.record(self, filter)
    return _orig(Collection, "count_documents")(self, filter, **kwargs)


def _estimated_document_count(self, **kwargs):
    """From the collection's metadata on MongoDB: no documents read."""
    previous = getattr(_local, "probe", False)
    _local.probe = True
    try:
        return _orig(Collection, "estimated_document_count")(self, **kwargs)
    finally:
        _local.probe = previous


def _distinct(self, key, filter=None, *args, **kwargs):
    rules.check_filter(filter)
    query_plan.record(self, filter or {})
    return _orig(Collection, "distinct")(self, key, filter, *args, **kwargs)


def _aggregate(self, pipeline, *args, **kwargs):
    rules.encode(list(pipeline), "pipeline")
    query_plan.record_pipeline(self, pipeline)
    return _orig(Collection, "aggregate")(self, pipeline, *args, **kwargs)


def _cursor_skip(self, count):
    rules.check_skip(count)
    return _orig(Cursor, "skip")(self, count)


def _cursor_limit(self, count):
    rules.check_limit(count)
    return _orig(Cursor, "limit")(self, count)


def _no_instant_expiry(self):
    """MongoDB's TTL monitor runs in the background; nothing expires on read."""


PATCHES = {
    Collection: {
        "_iter_documents": _iter_documents,
        "_update": _update,
        "_ensure_uniques": _ensure_uniques,
        "_find_and_modify": _find_and_modify,
        "_insert": _locked("_insert"),
        "insert_one": _insert_one,
        "insert_many": _insert_many,
        "_delete": _delete,
        "_get_dataset": _get_dataset,
        "find": _find,
        "find_one": _find_one,
        "count_documents": _count_documents,
        "estimated_document_count": _estimated_document_count,
        "distinct": _distinct,
        "aggregate": _aggregate,
        "drop": _locked("drop"),
        "drop_index": _locked("drop_index"),
        "create_index": indexes.create_index,
        "create_indexes": indexes.create_indexes,
        "bulk_write": batches.bulk_write,
    },
    Cursor: {"skip": _cursor_skip, "limit": _cursor_limit},
    CollectionStore: {
        "_remove_expired_documents": _no_instant_expiry,
        "__setitem__": indexes.store_setitem,
        "__delitem__": indexes.store_delitem,
        "drop": indexes.store_drop,
        "create_index": indexes.store_create_index,
    },
}


def install():
    """Patch mongomock once per process (after speedups.py, which it builds on)."""
    global _installed
    if _installed:
        return
    for owner, methods in PATCHES.items():
        for name, method in methods.items():
            _original[(owner.__name__, name)] = getattr(owner, name)
            setattr(owner, name, method)
    indexes.WRITES = batches.WRITES = WRITES
    failover.install(Collection, mongomock_database.Database)
    _installed = True
