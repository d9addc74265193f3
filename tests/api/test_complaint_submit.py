"""POST /complaints: what a valid report becomes, and each field's error in the error shape."""

import re
from datetime import timedelta

import pytest

from models.complaint import Complaint
from server.clock import SHANGHAI
from server.services.deadlines import working_days_after
from server.services.demo.routing_defaults import seed_demo_rules
from tests.support import image_bytes
from tests.support.complaint_support import (
    body_for,
    make_institution,
    photo_ids,
    submit,
    upload_photo,
)
from tests.support.instants import at_edges


def upload(client, data):
    """Upload one image; its id."""
    return upload_photo(client, data)["id"]


@at_edges
def test_a_listed_institution_report_is_filed_routed_and_dated(parent, demo_queues, now):
    seed_demo_rules()
    institution = make_institution(kind="non_subject", category="sports")
    body = submit(parent, body_for(institution, contact_phone="13812345678"))
    today = now.astimezone(SHANGHAI).strftime("%Y%m%d")  # the Shanghai date, not UTC's
    assert re.fullmatch(rf"TS{today}\d{{4}}", body["no"])
    assert body["status"] == "submitted"
    assert body["status_label"] == "待受理"
    assert body["category"] == "fees"
    assert body["category_label"] == "违规收费"
    assert body["institution_id"] == str(institution.id)
    assert body["institution_name"] == "星光培训中心"
    assert body["contact_phone"] == "138****5678"
    assert [e["status"] for e in body["timeline"]] == ["submitted"]
    stored = Complaint.objects.get(no=body["no"])
    assert stored.contact_phone == "13812345678", "stored whole, shown masked"
    assert stored.queue.key == "sports"
    assert stored.district == "城关镇"
    assert stored.routing["rule_name"] == "非学科类体育机构 → 体育局"
    assert stored.routing["queue"] == "sports"
    assert stored.routing["rule"]
    assert stored.accept_due_at == working_days_after(stored.created_at, 1)
    assert stored.resolve_due_at == working_days_after(stored.created_at, 15)
    assert [a.action for a in stored.audit] == ["submit"]
    assert stored.audit[0].detail["queue"] == "sports"
    assert not stored.needs_manual_review
    assert not stored.urgent


def test_a_free_text_institution_is_a_finding(parent):
    body = submit(parent, body_for(None, category="other"))
    assert body["institution_id"] is None
    assert body["institution_name"] == "无名补习班"
    stored = Complaint.objects.get(no=body["no"])
    assert stored.queue.key == "triage"
    assert stored.routing["rule"] is None
    assert "unlicensed" in [hint["code"] for hint in stored.hints]


def test_policy_hints_are_recorded_for_staff(parent):
    institution = make_institution(kind="non_subject", category="arts", status="blacklist")
    occurred = "2025-10-02T21:10:00+08:00"  # National Day, after 20:30
    body = submit(parent, body_for(institution, category="disguised_subject", occurred_at=occurred))
    assert "hints" not in body, "hints are for staff"
    hints = {hint["code"] for hint in Complaint.objects.get(no=body["no"]).hints}
    assert hints == {"off_hours", "disguised_subject", "banned_institution"}


def test_safety_is_urgent(parent):
    body = submit(parent, body_for(None, category="safety"))
    assert Complaint.objects.get(no=body["no"]).urgent


def test_optional_fields_are_kept(parent, now):
    occurred = (now - timedelta(days=2)).astimezone(SHANGHAI).replace(microsecond=0)
    body = submit(
        parent,
        body_for(
            None,
            occurred_at=occurred.replace(tzinfo=None).isoformat(),  # no offset: Shanghai
            location={"lat": 31.2, "lng": 121.5},
            contact_phone="+86 139-1234-5678",
        ),
    )
    assert body["occurred_at"] == occurred.isoformat()
    assert body["location"] == {"lat": 31.2, "lng": 121.5}
    assert body["anonymous"] is False
    assert body["contact_phone"] == "139****5678"


def test_nine_own_photos_are_attached(parent):
    ids = [upload(parent, data) for data in image_bytes.distinct_jpegs(9)]
    body = submit(parent, body_for(None, photo_ids=ids))
    assert photo_ids(body) == ids


def test_ten_photos_are_refused(parent):
    ids = [upload(parent, data) for data in image_bytes.distinct_jpegs(10)]
    body = submit(parent, body_for(None, photo_ids=ids), status=400)
    assert "photo_ids" in body["errors"]
    assert Complaint.objects.count() == 0


def test_another_parents_photo_is_refused(parent, login_parent):
    theirs = upload(login_parent("parent-code-b"), image_bytes.jpeg())
    mine = upload(parent, image_bytes.png())
    body = submit(parent, body_for(None, photo_ids=[mine, theirs]), status=400)
    assert body["errors"]["photo_ids"] == "图片不存在或不属于您"


LONG = "长" * 2001
INVALID = [
    ({"category": "gossip"}, "category"),
    ({"category": None}, "category"),
    ({"description": "太短了"}, "description"),
    ({"description": "          短          "}, "description"),
    ({"description": LONG}, "description"),
    ({"description": 12345678901}, "description"),
    ({"occurred_at": "yesterday"}, "occurred_at"),
    ({"occurred_at": "2999-01-01T10:00:00+08:00"}, "occurred_at"),
    ({"location": {"lat": 91, "lng": 0}}, "location"),
    ({"location": {"lat": "31", "lng": 121}}, "location"),
    ({"location": [31, 121]}, "location"),
    ({"photo_ids": "abc"}, "photo_ids"),
    ({"photo_ids": ["not-an-id"]}, "photo_ids"),
    ({"photo_ids": ["5f0000000000000000000000"]}, "photo_ids"),
    ({"contact_phone": "12345678901"}, "contact_phone"),
    ({"contact_phone": "1381234567"}, "contact_phone"),
    ({"contact_phone": 13812345678}, "contact_phone"),
    ({"anonymous": "yes"}, "anonymous"),
    ({"institution_id": "5f0000000000000000000000"}, "institution_id"),
    ({"institution_id": "bad"}, "institution_id"),
    ({"institution_name": "名"}, "institution_name"),
    ({"institution_address": None}, "institution_address"),
]


@pytest.mark.parametrize(
    ("change", "field"), INVALID, ids=[f"{f}-{i}" for i, (_, f) in enumerate(INVALID)]
)
def test_each_invalid_field_is_named(parent, change, field):
    body = submit(parent, body_for(None, **change), status=400)
    assert body["code"] == "validation_error"
    assert set(body["errors"]) == {field}, body["errors"]
    assert Complaint.objects.count() == 0


def test_every_missing_field_is_named_at_once(parent):
    body = submit(parent, {}, status=400)
    assert set(body["errors"]) == {
        "category",
        "description",
        "institution_name",
        "institution_address",
    }


def test_body_that_is_not_an_object(parent):
    assert submit(parent, ["x"], status=400)["code"] == "malformed_json"


def test_submission_needs_a_parent(client):
    submit(client, body_for(None), status=401)
