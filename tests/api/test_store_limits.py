"""Input that only a real MongoDB would refuse is refused by the API first: a 400, not a 500
(the strict store raises what MongoDB raises, so these would be 500s without the checks)."""

import pytest

HUGE = str(10**20)  # a skip past int64


@pytest.mark.parametrize("path", ["/api/mp/v1/complaints", "/api/mp/v1/notices"])
def test_a_page_past_int64_is_400_for_parents(parent, path):
    body = parent.get(path, query_string={"page": HUGE}, status=400)
    assert body["code"] == "validation_error"
    assert "page" in body["errors"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/staff/v1/complaints",
        "/api/staff/v1/notices",
        "/api/staff/v1/rectifications",
        "/api/staff/v1/staff",
        "/api/staff/v1/institutions",
    ],
)
def test_a_page_past_int64_is_400_for_staff(admin, path):
    body = admin.get(path, query_string={"page": HUGE}, status=400)
    assert body["code"] == "validation_error"
    assert "page" in body["errors"]


def test_the_last_allowed_page_is_just_empty(parent):
    assert parent.get("/api/mp/v1/complaints", query_string={"page": "100000"})["items"] == []
