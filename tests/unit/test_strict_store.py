"""The strict store refuses what MongoDB refuses, with pymongo's own exceptions and codes."""

import datetime
import decimal

import mongomock
import pytest
from bson.errors import InvalidDocument
from pymongo.errors import DocumentTooLarge, DuplicateKeyError, OperationFailure, WriteError

from server.emulators.mongo import speedups, strict


@pytest.fixture
def coll():
    """A fresh collection on a strict mongomock client."""
    speedups.install()
    strict.install()
    return mongomock.MongoClient(tz_aware=True)["test_strict"]["docs"]


@pytest.mark.parametrize(
    "value", [{1, 2}, decimal.Decimal("1.5"), datetime.date(2026, 6, 9), object()]
)
def test_values_bson_cannot_hold_are_refused_everywhere(coll, value):
    coll.insert_one({"_id": 1, "a": 1})
    with pytest.raises(InvalidDocument):
        coll.insert_one({"a": value})
    with pytest.raises(InvalidDocument):
        coll.find_one({"a": value})
    with pytest.raises(InvalidDocument):
        coll.update_one({"_id": 1}, {"$set": {"a": value}})
    with pytest.raises(InvalidDocument):
        coll.count_documents({"a": value})
    assert coll.find_one({"_id": 1}) == {"_id": 1, "a": 1}


def test_ints_past_int64_overflow_as_in_bson(coll):
    with pytest.raises(OverflowError):
        coll.insert_one({"a": 2**64})
    with pytest.raises(OverflowError):
        coll.find_one({"a": 2**63})


def test_nul_bytes_in_keys_and_update_paths_are_refused(coll):
    coll.insert_one({"_id": 1})
    with pytest.raises(InvalidDocument):
        coll.update_one({"_id": 1}, {"$inc": {"subs.a\x00b": 1}})
    with pytest.raises(InvalidDocument):
        coll.insert_one({"a\x00": 1})


@pytest.mark.parametrize(
    ("path", "code"),
    [("", 56), ("a..b", 56), ("a.", 56), (".a", 56), ("$x", 52), ("subs.$x", 52), ("$", 52)],
)
def test_bad_update_paths_are_write_errors_with_mongodbs_codes(coll, path, code):
    coll.insert_one({"_id": 1, "subs": {}})
    with pytest.raises(WriteError) as caught:
        coll.update_one({"_id": 1}, {"$inc": {path: 1}})
    assert caught.value.code == code
    with pytest.raises(OperationFailure) as caught:  # findAndModify: a command error
        coll.find_one_and_update({"_id": 1}, {"$set": {path: 1}})
    assert caught.value.code == code
    assert not isinstance(caught.value, WriteError)
    assert coll.find_one({"_id": 1}) == {"_id": 1, "subs": {}}


def test_positional_paths_are_allowed(coll):
    coll.insert_one({"_id": 1, "subs": [{"t": "a", "n": 1}, {"t": "b", "n": 1}]})
    coll.update_one({"_id": 1, "subs.t": "b"}, {"$inc": {"subs.$.n": 2}})
    assert coll.find_one({"_id": 1})["subs"][1] == {"t": "b", "n": 3}


@pytest.mark.parametrize(
    "update",
    [
        {"$set": {"a": 1}, "$inc": {"a": 1}},
        {"$set": {"a": 1}, "$unset": {"a.b": ""}},
        {"$set": {"a.b": 1, "a": {}}},
        {"$inc": {"n": 1}, "$setOnInsert": {"n": 0}},
        {"$push": {"log": 1}, "$set": {"log.0": 2}},
    ],
)
def test_conflicting_operators_are_write_error_40(coll, update):
    coll.insert_one({"_id": 1, "a": {"b": 0}, "n": 0, "log": []})
    with pytest.raises(WriteError) as caught:
        coll.update_one({"_id": 1}, update)
    assert caught.value.code == 40


def test_unknown_operators_and_non_document_operands_are_refused(coll):
    coll.insert_one({"_id": 1})
    with pytest.raises(WriteError) as caught:
        coll.update_one({"_id": 1}, {"$frob": {"a": 1}})
    assert caught.value.code == 9
    with pytest.raises(WriteError) as caught:
        coll.update_one({"_id": 1}, {"$set": 5})
    assert caught.value.code == 9


def test_documents_over_16_mib_are_refused(coll):
    big = "x" * (16 * 1024 * 1024)
    with pytest.raises(DocumentTooLarge):
        coll.insert_one({"blob": big})
    with pytest.raises(DocumentTooLarge):
        coll.insert_many([{"blob": big}])
    coll.insert_one({"_id": 1, "a": "y" * (9 * 1024 * 1024)})
    with pytest.raises(WriteError) as caught:
        coll.update_one({"_id": 1}, {"$set": {"b": "z" * (9 * 1024 * 1024)}})
    assert caught.value.code == 17419
    assert "b" not in coll.find_one({"_id": 1})


def test_skip_and_limit_are_checked_like_pymongo(coll):
    coll.insert_one({"a": 1})
    with pytest.raises(OverflowError):
        list(coll.find().skip(10**20))
    with pytest.raises(OverflowError):
        list(coll.find({}, skip=2**63))
    with pytest.raises(OverflowError):
        list(coll.find().limit(2**64))
    with pytest.raises(ValueError, match="skip"):
        coll.find().skip(-1)
    with pytest.raises(TypeError):
        coll.find().skip(1.5)
    with pytest.raises(OverflowError):
        coll.count_documents({}, skip=2**63)
    assert list(coll.find({}, {"_id": 0}).skip(2**63 - 1)) == []


def test_sparse_unique_index_indexes_explicit_nulls(coll):
    coll.create_index("k", unique=True, sparse=True)
    coll.insert_one({"n": 1})
    coll.insert_one({"n": 2})  # both lack k: not indexed, no collision
    coll.insert_one({"k": None})
    with pytest.raises(DuplicateKeyError) as caught:
        coll.insert_one({"k": None})  # an explicit null is indexed: the second collides
    assert caught.value.code == 11000
    assert caught.value.details["keyValue"] == {"k": None}
    coll.update_one({"n": 1}, {"$set": {"k": "a"}})
    with pytest.raises(DuplicateKeyError):
        coll.update_one({"n": 2}, {"$set": {"k": "a"}})
    assert coll.count_documents({"k": "a"}) == 1


def test_partial_unique_index_holds_only_matching_documents(coll):
    coll.create_index("code", unique=True, partialFilterExpression={"code": {"$type": "string"}})
    coll.insert_many([{"code": None}, {"code": None}, {"n": 1}, {"code": "A"}])
    with pytest.raises(DuplicateKeyError):
        coll.insert_one({"code": "A"})
    coll.delete_one({"code": "A"})
    coll.insert_one({"code": "A"})  # its key went with the deleted document


def test_unique_index_over_duplicates_and_option_conflicts_are_refused(coll):
    coll.insert_many([{"k": 1}, {"k": 1}])
    with pytest.raises(DuplicateKeyError):
        coll.create_index("k", unique=True)
    coll.create_index("k")
    coll.create_index("k")  # the same again: idempotent
    with pytest.raises(OperationFailure) as caught:
        coll.create_index("k", sparse=True)
    assert caught.value.code == 85
    with pytest.raises(OperationFailure) as caught:
        coll.create_index("k", name="other")
    assert caught.value.code == 85


def test_ttl_deletes_nothing_until_a_pass_runs(coll):
    now = datetime.datetime(2026, 6, 9, 2, 7, tzinfo=datetime.UTC)
    coll.create_index("expires_at", expireAfterSeconds=0)
    coll.insert_many(
        [
            {"_id": "old", "expires_at": now - datetime.timedelta(days=400)},
            {"_id": "new", "expires_at": now + datetime.timedelta(hours=1)},
        ]
    )
    assert coll.count_documents({}) == 2  # mongomock alone would drop "old" on this read
    assert strict.run_ttl_pass(coll.database, now) == 1
    assert [doc["_id"] for doc in coll.find()] == ["new"]


def test_bulk_write_takes_pymongo_operations(coll):
    from pymongo import DeleteOne, InsertOne, UpdateOne

    coll.insert_one({"_id": 1, "n": 0})
    result = coll.bulk_write(
        [UpdateOne({"_id": 1}, {"$inc": {"n": 1}}), InsertOne({"_id": 2}), DeleteOne({"_id": 2})],
        ordered=False,
    )
    assert (result.modified_count, result.inserted_count, result.deleted_count) == (1, 1, 1)
    assert coll.find_one({"_id": 1})["n"] == 1


def test_readers_never_see_half_an_update(coll):
    """mongomock alone applies $set field by field on the stored dict: a reader saw a mix."""
    import threading

    coll.insert_one({"_id": 1, "a": 0, "b": 0, "pad": list(range(50))})
    mixed, done = [], threading.Event()

    def read():
        while not done.is_set():
            doc = coll.find_one({"_id": 1})
            if doc["a"] != doc["b"]:
                mixed.append(doc)
            if coll.count_documents({"a": {"$ne": doc["a"]}, "b": doc["a"]}):
                mixed.append("filter matched a half-written document")

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for n in range(1, 300):
            coll.update_one({"_id": 1}, {"$set": {"a": n, "pad": list(range(n % 50)), "b": n}})
    finally:
        done.set()
        reader.join()
    assert mixed == []
