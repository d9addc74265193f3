"""Issue 14's input rules through the API: types and ranges before use, sane dates, bounded
pages, type-checked choices, finite numbers, shallow JSON, and text cleaned at entry."""

import json

import pytest

from models.complaint import Complaint
from tests.support.complaint_support import COMPLAINTS, body_for, make_institution, submit

MP, STAFF = "/api/mp/v1", "/api/staff/v1"


def raw_post(api_client, path, data):
    """POST raw bytes as JSON (for bodies json= cannot express)."""
    return api_client.post(path, data=data, content_type="application/json", status=400)


@pytest.mark.parametrize(
    "moment",
    [
        "1999-12-31T23:59:59+08:00",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00",
        "+275760-09-13T00:00:00Z",
        ["2026-06-01"],
        {"at": "2026-06-01"},
        10**30,
    ],
)
def test_occurred_at_outside_2000_to_now_is_400(parent, moment):
    answer = submit(parent, body_for(occurred_at=moment), status=400)
    assert list(answer["errors"]) == ["occurred_at"]
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize(
    "query",
    [
        "page=99999999999999999999999",
        "page=100001",
        "page=" + "9" * 5000,
        "per_page=101",
        "page=1e3",
    ],
)
@pytest.mark.parametrize("path", [f"{MP}/institutions", f"{MP}/notices", f"{STAFF}/complaints"])
def test_pages_past_the_bound_are_400(admin, path, query):
    answer = admin.get(f"{path}?{query}", status=400)
    assert answer["code"] == "validation_error"
    assert set(answer["errors"]) <= {"page", "per_page"}


@pytest.mark.parametrize("value", [["fees"], {"code": "fees"}, 1, True])
def test_a_list_or_object_where_a_choice_is_expected_is_400(parent, value):
    answer = submit(parent, body_for(category=value), status=400)
    assert list(answer["errors"]) == ["category"]


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_non_finite_numbers_are_refused(parent, admin, literal):
    body = json.dumps(body_for()).replace("}", f', "location": {{"lat": {literal}, "lng": 1}}}}')
    assert list(raw_post(parent, COMPLAINTS, body.encode())["errors"]) == ["location"]
    made = f'{{"name": "甲", "kind": "subject", "students": {literal}}}'
    assert list(raw_post(admin, f"{STAFF}/institutions", made.encode())["errors"]) == ["students"]


@pytest.mark.parametrize("body", [b"[" * 100_000, b'{"a":' * 30 + b"1" + b"}" * 30])
def test_json_nested_very_deep_is_400_without_login(client, body):
    answer = raw_post(client, f"{MP}/auth/login", body)
    assert answer["code"] == "malformed_json"


def test_text_is_cleaned_where_it_enters(parent):
    institution = make_institution()
    description = "周六\x00上午\x1b上数学课，\n还要求\t预交一年学费。\x7f\x85"
    answer = submit(parent, body_for(institution, description=description))
    stored = Complaint.objects.get(no=answer["no"])
    assert stored.description == "周六上午上数学课，\n还要求\t预交一年学费。"
    free = submit(
        parent, body_for(institution_name="无名\n补习\x00班", institution_address="幸福小区")
    )
    assert Complaint.objects.get(no=free["no"]).institution_name == "无名 补习班"


def test_a_lone_surrogate_is_refused(parent):
    body = json.dumps(body_for(description="周六上午上数学课\ud800还要求预交学费"))
    assert raw_post(parent, COMPLAINTS, body.encode())["code"] == "malformed_json"
    assert Complaint.objects.count() == 0
