"""The embedded store's speed-ups answer exactly as mongomock's own scans do."""

import mongomock
import pytest
from bson import ObjectId

from server.emulators.mongo import speedups as mongomock_speedups


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
    assert collection.find_one({"_id": some["_id"], "n": 8}) is None
    assert collection.find_one({"_id": some["_id"], "n": 7}) == some
    found = collection.find_one({"_id": some["_id"]}, {"n": 1})
    assert found == {"_id": some["_id"], "n": 7}
    found["n"] = 99  # a copy, as before
    assert collection.find_one({"_id": some["_id"]})["n"] == 7


def test_id_in_lookups_keep_stored_order_and_the_rest_of_the_filter(collection):
    docs = list(collection.find({}))
    wanted = [docs[9]["_id"], "text-id", docs[2]["_id"], ObjectId(), docs[4]["_id"]]
    found = list(collection.find({"_id": {"$in": wanted}}))
    assert [d["n"] for d in found] == [2, 4, 9, 50]
    assert [d["n"] for d in collection.find({"_id": {"$in": wanted}, "tag": "even"})] == [2, 4]
    assert collection.count_documents({"_id": {"$in": wanted}, "n": {"$gt": 4}}) == 2


def test_updates_by_id_touch_only_that_document(collection):
    some = collection.find_one({"n": 3})
    collection.update_one({"_id": some["_id"]}, {"$set": {"tag": "changed"}})
    assert [d["n"] for d in collection.find({"tag": "changed"})] == [3]
    collection.delete_one({"_id": some["_id"]})
    assert collection.find_one({"_id": some["_id"]}) is None


@pytest.mark.parametrize(
    ("skip", "limit", "expected"),
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


@pytest.mark.parametrize(
    "projection",
    [{"n": 1}, {"n": 1, "_id": 0}, {"tag": True, "missing": 1}, {"n": 1, "_id": 1}],
)
def test_plain_projections_copy_what_mongomock_would(collection, projection):
    nested = {"_id": "nested", "n": 60, "tag": {"a": [{"b": 1}]}, "other": 1}
    collection.insert_one(nested)
    for doc in list(collection._store.documents):
        fast = collection._copy_only_fields(doc, dict(projection), dict)
        slow = mongomock_speedups._project(collection, doc, dict(projection), dict)
        assert fast == slow
        assert list(fast) == list(slow)
    found = collection.find_one({"_id": "nested"}, {"tag": 1})
    found["tag"]["a"][0]["b"] = 2  # a deep copy: the stored document is untouched
    assert collection.find_one({"_id": "nested"})["tag"] == {"a": [{"b": 1}]}


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
