"""Speed-ups for the embedded store (mongomock 4.3) that keep every answer the same.

mongomock is a test double and reads like one at 50,000 documents:
- every query scans the whole collection, even `{"_id": x}`, the lookup behind every
  detail page, every `doc.save()` and every guarded write (`{"_id": x, "version": n}`);
- iterating a cursor re-slices its whole result list for each document, so reading n
  documents costs O(n^2) (24 s for 50,000).
`install()` answers a filter naming `_id` by value or by `$in` from the store's dictionary
(the rest of the filter is then checked on those documents only, kept in stored order)
makes cursor iteration linear, and copies a plain top-level inclusion projection (e.g.
the directory's `{"name": 1, ...}`) field by field instead of through mongomock's general
projection code (twice as fast), and lets an aggregation that starts with `$match` copy
only the matching documents (mongomock copies the whole collection first). Results, their
order and their copies are what mongomock gives; tests/unit/test_mongomock_speedups.py
compares both paths. Real MongoDB is untouched.
`stored_documents()` lends the stored documents themselves to a reader that copies what it
keeps (the directory index), saving a deep copy of 50,000 documents at start-up.
"""

from bson import ObjectId
from mongomock import aggregate as mongomock_aggregate
from mongomock import collection as mongomock_collection
from mongomock.filtering import filter_applies

_installed = False


def _id_keys(spec):
    """The ids a filter pins `_id` to (by value or `$in` of ObjectIds / strings), else None."""
    if type(spec) is not dict or "_id" not in spec:
        return None
    value = spec["_id"]
    if isinstance(value, ObjectId | str):
        return (value,)
    if type(value) is dict and list(value) == ["$in"] and isinstance(value["$in"], list | tuple):
        ids = value["$in"]
        return tuple(ids) if all(isinstance(i, ObjectId | str) for i in ids) else None
    return None


def _iter_documents(self, spec):
    keys = _id_keys(spec)
    if keys is None:
        return _scan(self, spec)
    store = self._store
    if len(keys) == 1:
        found = [store[keys[0]]] if keys[0] in store else []
    else:  # stored order, as a scan gives
        wanted = set(keys)
        found = [doc for doc in list(store.documents) if doc["_id"] in wanted]
    if len(spec) == 1 and len(keys) == 1:
        return iter(found)
    return (doc for doc in found if filter_applies(spec, doc))


def _next(self):
    results = self._compute_results()  # computed once per query, then cached
    position = (self._skip or 0) + self._emitted
    if (self._limit and self._emitted >= abs(self._limit)) or position >= len(results):
        raise StopIteration
    self._emitted += 1
    return results[position]


def _plain_inclusion(fields):
    """Whether a projection only includes top-level fields (and maybe excludes `_id`)."""
    if type(fields) is not dict or not fields:
        return False
    for key, value in fields.items():
        if key == "_id":
            if value not in (0, 1):
                return False
        elif value is not True and value != 1 or "." in key or key.startswith("$"):
            return False
    return any(key != "_id" for key in fields)


def _copy_only_fields(self, doc, fields, container):
    if not _plain_inclusion(fields):
        return _project(self, doc, fields, container)
    copied = container()
    for key, value in doc.items():
        if key != "_id" and key in fields:
            copied[key] = _copy_field(value, container)
    if fields.get("_id", 1) and "_id" in doc:
        copied["_id"] = doc["_id"]
    return copied


_scan = mongomock_collection.Collection._iter_documents
_project = mongomock_collection.Collection._copy_only_fields
_copy_field = mongomock_collection._copy_field


def _aggregate(self, pipeline, session=None, **unused_kwargs):
    if not pipeline or list(pipeline[0]) != ["$match"] or session:
        return _full_aggregate(self, pipeline, session, **unused_kwargs)
    matching = list(self.find(pipeline[0]["$match"]))
    return mongomock_aggregate.process_pipeline(matching, self.database, pipeline[1:], session)


_full_aggregate = mongomock_collection.Collection.aggregate


def stored_documents(collection):
    """The collection's stored documents, not copies: read them, never change them."""
    return iter(list(collection._store.documents))


def install():
    """Patch mongomock's Collection and Cursor once per process."""
    global _installed
    if _installed:
        return
    mongomock_collection.Collection._iter_documents = _iter_documents
    mongomock_collection.Collection._copy_only_fields = _copy_only_fields
    mongomock_collection.Collection.aggregate = _aggregate
    mongomock_collection.Cursor.__next__ = _next
    mongomock_collection.Cursor.next = _next
    _installed = True
