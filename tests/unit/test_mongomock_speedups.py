"""The embedded store's speed-ups answer exactly as mongomock's own scans do."""

import mongomock
import pytest
from bson import ObjectId

from server.db import speedups as mongomock_speedups


@pytest.fixture
def collection():
    """A mongomock collection (the speed-ups are installed by the app's db module)."""
    mongomock_speedups.install()
    docs = [{"_id": ObjectId(), "n": n, "tag": "odd" if n % 2 else "even"} for n in range(50)]
    docs.append({"_id": "text-id", "n": 50})
    target = mongomock.MongoClient()["speed"]["docs"]
    target.insert_many(docs)
    return target


def test_id_lookups_find_the_same_documents(collection):
    some = collection.find_one({"n": 7})
    assert collection.find_one({"_id": some["_id"]}) == some
    assert collection.find_one({"_id": "text-id"})["n"] == 50
    assert collection.find_one({"_id": ObjectId()}) is None
    assert collection.find_one({"_id": some["_id"], "n": 8}) is None  # not the fast path
    found = collection.find_one({"_id": some["_id"]}, {"n": 1})
    assert found == {"_id": some["_id"], "n": 7}
    found["n"] = 99  # a copy, as before
    assert collection.find_one({"_id": some["_id"]})["n"] == 7


def test_updates_by_id_touch_only_that_document(collection):
    some = collection.find_one({"n": 3})
    collection.update_one({"_id": some["_id"]}, {"$set": {"tag": "changed"}})
    assert [d["n"] for d in collection.find({"tag": "changed"})] == [3]
    collection.delete_one({"_id": some["_id"]})
    assert collection.find_one({"_id": some["_id"]}) is None


@pytest.mark.parametrize(
    "skip, limit, expected",
    [
        (0, 0, list(range(51))),
        (10, 5, list(range(10, 15))),
        (48, 0, [48, 49, 50]),
        (0, -3, [0, 1, 2]),
    ],
)
def test_cursor_iteration_keeps_skip_limit_and_order(collection, skip, limit, expected):
    cursor = collection.find({}).sort("n", 1).skip(skip).limit(limit)
    assert [d["n"] for d in cursor] == expected
    assert [d["n"] for d in collection.find({"tag": "odd"}).limit(3)] == [1, 3, 5]


def test_id_in_lookups_find_the_same_documents_in_the_same_order(collection):
    every = list(collection.find({}))
    wanted = [every[9]["_id"], every[2]["_id"], ObjectId(), "text-id"]
    found = list(collection.find({"_id": {"$in": wanted}}))
    assert [d["n"] for d in found] == [2, 9, 50]  # store order, as a scan gives
    assert list(collection.find({"_id": {"$in": []}})) == []
    mixed = {"_id": {"$in": wanted}, "n": 2}  # not the fast path
    assert [d["n"] for d in collection.find(mixed)] == [2]


def test_an_aggregation_starting_with_match_answers_as_before(collection):
    pipeline = [
        {"$match": {"tag": "odd", "n": {"$lt": 20}}},
        {"$group": {"_id": "$tag", "n": {"$sum": "$n"}, "count": {"$sum": 1}}},
    ]
    assert list(collection.aggregate(pipeline)) == [{"_id": "odd", "n": 100, "count": 10}]
    sorted_first = [{"$sort": {"n": -1}}, {"$limit": 2}, {"$project": {"n": 1, "_id": 0}}]
    assert list(collection.aggregate(sorted_first)) == [{"n": 50}, {"n": 49}]
