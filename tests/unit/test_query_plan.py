"""The query-plan check serves a query the way MongoDB's planner would use an index."""

import re

import mongomock
import pytest

from server.emulators.mongo import query_plan, speedups, strict


@pytest.fixture
def complaints():
    """A strict `complaints` collection with a few indexes."""
    speedups.install()
    strict.install()
    collection = mongomock.MongoClient(tz_aware=True)["test_plan"]["complaints"]
    collection.create_index([("queue", 1), ("status", 1), ("created_at", -1)])
    collection.create_index([("outbox.status", 1), ("outbox.next_attempt_at", 1)])
    collection.create_index("no", unique=True)
    collection.create_index([("name", 1)])
    return collection


@pytest.mark.parametrize(
    ("spec", "sort"),
    [
        ({"_id": 1, "anything": {"$gt": 2}}, None),
        ({"queue": 1}, None),
        ({"status": "a", "queue": 1}, None),  # equality fields in any order
        ({"queue": 1, "status": "a"}, [("created_at", -1)]),
        ({"queue": 1, "status": "a"}, [("created_at", 1)]),  # the index read backwards
        ({"queue": {"$in": [1, 2]}, "status": "a", "created_at": {"$gt": 0}}, None),
        ({"queue": 1}, [("status", 1), ("created_at", -1)]),
        ({}, [("queue", 1)]),
        ({"no": "TS1", "parent": 3}, None),  # a unique key pins one document
        ({"queue": 1, "x": {"$ne": 2}}, None),  # a negation needs no index
        ({"outbox": {"$elemMatch": {"status": "p", "next_attempt_at": {"$lte": 5}}}}, None),
        ({"$or": [{"queue": 1}, {"no": "TS2"}]}, None),
        ({"name": re.compile("^新东方")}, None),  # an anchored prefix is a range
    ],
)
def test_served(complaints, spec, sort):
    assert query_plan.served(complaints, spec, sort)


@pytest.mark.parametrize(
    ("spec", "sort"),
    [
        ({}, None),
        ({"status": "a"}, None),  # not a prefix
        ({"queue": 1, "district": "x"}, None),  # a field no index holds
        ({"queue": 1}, [("created_at", -1)]),  # the sort skips status
        ({"queue": 1, "status": "a"}, [("created_at", -1), ("_id", -1)]),  # tie-breaker
        ({"queue": 1}, [("status", 1), ("created_at", 1)]),  # mixed directions
        ({"x": {"$ne": 2}}, None),  # a negation alone scans
        ({"$or": [{"queue": 1}, {"district": "x"}]}, None),  # one branch scans
        ({"name": re.compile("东方")}, None),  # unanchored
        ({"name": {"$regex": "^新", "$options": "i"}}, None),  # case-insensitive
        ({"queue": 1, "$expr": {"$gt": ["$a", "$b"]}}, None),
    ],
)
def test_not_served(complaints, spec, sort):
    assert not query_plan.served(complaints, spec, sort)
