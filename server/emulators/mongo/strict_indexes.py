"""Indexes on the strict store: unique keys as MongoDB enforces them, index creation as it
refuses it. Part of server/emulators/mongo/strict.py's patches of mongomock.

Each collection store keeps, per unique index, a map from index key to the ids holding it,
updated on every stored or deleted document (mongomock rescans the collection per index
on every insert, which is O(n^2) to seed a directory). Index keys follow MongoDB:
- a missing field indexes as null, except in a sparse index, which skips a document only
  when it lacks *every* field of the key (an explicit null is indexed and collides);
- a partial index holds only documents matching its `partialFilterExpression`.
"""

import threading

import bson
from mongomock import helpers
from mongomock.filtering import filter_applies
from pymongo.errors import DuplicateKeyError, OperationFailure

WRITES = threading.RLock()  # replaced by strict.WRITES at install
INDEX_OPTIONS_CONFLICT = 85
INDEX_KEY_SPECS_CONFLICT = 86
_MISSING = object()


def storage_key(document_id):
    """How mongomock keys a document by its `_id`."""
    return helpers.hashdict(document_id) if isinstance(document_id, dict) else document_id


def _hashable(value):
    if isinstance(value, dict | list):
        return bson.encode({"v": value})
    return value


def index_key(document, index):
    """The document's key in `index`, or None when the index does not hold it."""
    partial = index.get("partialFilterExpression")
    if partial is not None and not filter_applies(partial, document):
        return None
    values, present = [], False
    for field, _direction in index["key"]:
        try:
            value = helpers.get_value_by_dot(document, field)
            present = True
        except (KeyError, IndexError, TypeError):
            value = None
        values.append(_hashable(value))
    if index.get("sparse") and not present:
        return None
    return tuple(values)


def _maps(store):
    maps = store.__dict__.get("_strict_keys")
    if maps is None:
        maps = store.__dict__["_strict_keys"] = {}
    return maps


def _key_map(store, name, index):
    """{key: {ids}} for one unique index, built on first use."""
    maps = _maps(store)
    if name not in maps:
        key_map = {}
        for document in list(store._documents.values()):
            key = index_key(document, index)
            if key is not None:
                key_map.setdefault(key, set()).add(storage_key(document["_id"]))
        maps[name] = key_map
    return maps[name]


def _reindex(store, doc_id, old, new):
    maps = store.__dict__.get("_strict_keys")
    if not maps:
        return
    for name, key_map in maps.items():
        index = store.indexes.get(name)
        if index is None:
            continue
        for document, add in ((old, False), (new, True)):
            key = None if document is None else index_key(document, index)
            if key is None:
                continue
            holders = key_map.setdefault(key, set())
            if add:
                holders.add(doc_id)
            else:
                holders.discard(doc_id)


def check(store, collection, document):
    """DuplicateKeyError (code 11000, as MongoDB words it) if another document holds a key."""
    doc_id = storage_key(document["_id"])
    for name, index in list(store.indexes.items()):
        if not index.get("unique"):
            continue
        key = index_key(document, index)
        if key is None:
            continue
        if _key_map(store, name, index).get(key, set()) - {doc_id}:
            raise _duplicate(collection, name, index, document)


def _duplicate(collection, name, index, document):
    fields = [field for field, _ in index["key"]]
    value = {}
    for field in fields:
        try:
            value[field] = helpers.get_value_by_dot(document, field)
        except (KeyError, IndexError, TypeError):
            value[field] = None
    message = (
        f"E11000 duplicate key error collection: {collection.full_name} index: {name}"
        f" dup key: {value!r}"
    )
    details = {
        "index": 0,
        "code": 11000,
        "errmsg": message,
        "keyPattern": dict(index["key"]),
        "keyValue": value,
    }
    return DuplicateKeyError(message, 11000, details)


def store_setitem(self, key, value):
    """CollectionStore.__setitem__ that keeps the unique-key maps current."""
    with self._rwlock.writer():
        old = self._documents.get(key)
        self._documents[key] = value
    _reindex(self, key, old, value)


def store_delitem(self, key):
    """CollectionStore.__delitem__ that keeps the unique-key maps current."""
    with self._rwlock.writer():
        old = self._documents.pop(key)
    _reindex(self, key, old, None)


def store_drop(self):
    """CollectionStore.drop, forgetting the key maps too."""
    self.__dict__.pop("_strict_keys", None)
    self._documents = type(self._documents)()
    self.indexes = {}
    self._ttl_indexes = {}
    self._is_force_created = False


def store_create_index(self, index_name, index_dict):
    """CollectionStore.create_index; a re-created index gets its key map rebuilt."""
    _maps(self).pop(index_name, None)
    self.indexes[index_name] = index_dict
    if index_dict.get("expireAfterSeconds") is not None:
        self._ttl_indexes[index_name] = index_dict


OPTIONS = ("unique", "sparse", "expireAfterSeconds", "partialFilterExpression")
IGNORED = ("background", "cache_for", "session")


def _spec(index_list, kwargs):
    spec = {"key": index_list}
    for option in OPTIONS:
        value = kwargs.pop(option, None)
        if value is not None and value is not False:
            spec[option] = value
    for option in IGNORED:
        kwargs.pop(option, None)
    if kwargs:
        raise NotImplementedError(f"index options not supported by the strict store: {kwargs}")
    return spec


def create_index(self, key_or_list, cache_for=300, session=None, **kwargs):
    """Collection.create_index with MongoDB's refusals (85, 86, 11000) and partial filters."""
    index_list = helpers.create_index_list(key_or_list)
    name = kwargs.pop("name", None) or helpers.gen_index_name(index_list)
    spec = _spec(index_list, kwargs)
    with WRITES:
        store = self._store
        existing = store.indexes.get(name)
        if existing is not None and existing != spec:
            code = INDEX_KEY_SPECS_CONFLICT if existing["key"] != index_list else None
            raise OperationFailure(
                "An existing index has the same name as the requested index."
                f" Requested index: {spec}, existing index: {existing}",
                code or INDEX_OPTIONS_CONFLICT,
            )
        for other_name, other in store.indexes.items():
            same_filter = other.get("partialFilterExpression") == spec.get(
                "partialFilterExpression"
            )
            if other_name != name and other["key"] == index_list and same_filter:
                raise OperationFailure(
                    f"Index already exists with a different name: {other_name}",
                    INDEX_OPTIONS_CONFLICT,
                )
        if existing is None and spec.get("unique"):
            _refuse_existing_duplicates(self, store, name, spec)
        store.create_index(name, spec)
    return name


def _refuse_existing_duplicates(collection, store, name, spec):
    seen = set()
    for document in list(store._documents.values()):
        key = index_key(document, spec)
        if key is None:
            continue
        if key in seen:
            raise _duplicate(collection, name, spec, document)
        seen.add(key)


def create_indexes(self, indexes, session=None):
    """Collection.create_indexes keeping every option of each IndexModel."""
    names = []
    for model in indexes:
        options = {k: v for k, v in model.document.items() if k != "key"}
        names.append(self.create_index(list(model.document["key"].items()), **options))
    return names
