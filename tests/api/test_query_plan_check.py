"""The suite's query-plan check catches a product query that lost its index, names where
it came from, and its allow-list names only code that exists."""

import os
import re

import pytest

from models.complaint import Complaint
from server.db import indexes, is_embedded
from server.emulators.mongo import query_plan
from server.emulators.mongo.query_allowlist import ALLOWED

LIST = "/api/mp/v1/complaints"
PARENT_LIST_INDEX = "parent_1_created_at_-1__id_-1"


@pytest.fixture
def embedded(app):
    """Skip on a real MongoDB: the plan check runs on the embedded store."""
    if not is_embedded():
        pytest.skip("the plan check runs on the embedded store")


@pytest.fixture
def without_parent_list_index(embedded):
    """The parent's list index dropped for one test, then built again."""
    Complaint._get_collection().drop_index(PARENT_LIST_INDEX)
    yield
    indexes.create_all()


def test_a_query_without_its_index_is_reported_with_its_call_sites(
    parent, without_parent_list_index
):
    parent.get(LIST)
    found = query_plan.stop()
    query_plan.start()  # the suite's own check goes on for the rest of this test
    (count,) = [line for line in found if line.startswith("complaints {parent}\n")]
    (report,) = [line for line in found if line.startswith("complaints {parent} sort [")]
    assert "sort [-created_at, -_id]" in report
    assert "in _total" in count
    assert "server/services/common/pagination.py" in report
    assert "in paginate" in report
    assert "mini_program_api/complaints.py" in report


def test_the_same_query_with_its_index_passes(parent, embedded):
    parent.get(LIST)
    assert query_plan.stop() == []
    query_plan.start()


def test_every_allowance_names_a_function_that_exists_and_says_why():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    for collection, entries in ALLOWED.items():
        assert collection in query_plan.GROWING
        for key, reason in entries.items():
            path, function = key.split("::")
            with open(os.path.join(root, path), encoding="utf-8") as source:
                assert re.search(rf"^\s*def {function}\(", source.read(), re.M), key
            assert len(reason) > 20, key
