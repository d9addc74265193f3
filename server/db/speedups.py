"""Two speed-ups for the embedded store (mongomock 4.3) that keep every answer the same.

mongomock is a test double and reads like one at 50,000 documents:
- every query scans the whole collection, even `{"_id": x}`, the lookup behind every
  detail page and every `doc.save()`;
- iterating a cursor re-slices its whole result list for each document, so reading n
  documents costs O(n^2) (24 s for 50,000).
`install()` gives a plain `{"_id": <ObjectId or str>}` filter a dictionary lookup, a plain
`{"_id": {"$in": [...]}}` one set lookups in store order, makes cursor iteration linear,
and lets an aggregation that starts with `$match` copy only the matching documents
(mongomock copies the whole collection first). Results, their order and their copies are
what mongomock gives; tests/unit/test_mongomock_speedups.py compares both paths. Real
MongoDB is untouched.
`stored_documents()` lends the stored documents themselves to a reader that copies what it
keeps (the directory index), saving a deep copy of 50,000 documents at start-up.
"""

from bson import ObjectId
from mongomock import aggregate as mongomock_aggregate
from mongomock import collection as mongomock_collection

_installed = False


def _single_id(spec):
    """The id of a filter that is exactly `{"_id": <ObjectId or str>}`, else None."""
    if type(spec) is not dict or len(spec) != 1:
        return None
    value = spec.get("_id")
    return value if isinstance(value, ObjectId | str) else None


def _id_list(spec):
    """The ids of a filter that is exactly `{"_id": {"$in": [<ObjectId or str>, ...]}}`."""
    if type(spec) is not dict or len(spec) != 1 or type(spec.get("_id")) is not dict:
        return None
    condition = spec["_id"]
    values = condition.get("$in") if len(condition) == 1 else None
    if not isinstance(values, list | tuple) or not all(
        isinstance(v, ObjectId | str) for v in values
    ):
        return None
    return values


def _iter_documents(self, spec):
    key = _single_id(spec)
    if key is not None:
        store = self._store  # the same expiry checks run as on a scan
        return iter([store[key]]) if key in store else iter(())
    wanted = _id_list(spec)
    if wanted is not None:
        store, wanted = self._store, set(wanted)
        present = [key for key in wanted if key in store]
        if len(present) * 4 < len(store._documents):  # few: order them by a pass over keys
            present = set(present)
            with store._rwlock.reader():
                keys = list(store._documents)
            return iter([store[key] for key in keys if key in present])
    return _scan(self, spec)


def _next(self):
    results = self._compute_results()  # computed once per query, then cached
    position = (self._skip or 0) + self._emitted
    if (self._limit and self._emitted >= abs(self._limit)) or position >= len(results):
        raise StopIteration
    self._emitted += 1
    return results[position]


def _aggregate(self, pipeline, session=None, **unused_kwargs):
    if not pipeline or list(pipeline[0]) != ["$match"] or session:
        return _full_aggregate(self, pipeline, session, **unused_kwargs)
    matching = list(self.find(pipeline[0]["$match"]))
    return mongomock_aggregate.process_pipeline(matching, self.database, pipeline[1:], session)


_scan = mongomock_collection.Collection._iter_documents
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
    mongomock_collection.Collection.aggregate = _aggregate
    mongomock_collection.Cursor.__next__ = _next
    mongomock_collection.Cursor.next = _next
    _installed = True
