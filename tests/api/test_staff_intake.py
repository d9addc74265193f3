"""POST /api/staff/v1/complaints: complaints received by phone, 12345, letter, visit."""

import io
from datetime import timedelta

import pytest

from models.complaint import Complaint
from server.clock import SHANGHAI, iso
from server.services.deadlines.working_days import Calendar, working_days_after
from server.worker import run_once
from tests.support.complaint_support import make_institution
from tests.support.factories import jpeg_bytes
from tests.support.instants import local_date

STAFF = "/api/staff/v1"


def entry(institution, received, **more):
    """A phone complaint about `institution` received at `received_at`."""
    body = {
        "channel": "phone",
        "received_at": iso(received),
        "institution_id": str(institution.pk),
        "category": "fees",
        "description": "家长来电：机构要求一次交清两年学费，拒绝退费。",
        "caller_name": "张晓梅",
        "caller_phone": "0579-8123 4567",
    }
    body.update(more)
    return body


@pytest.fixture
def dispatcher(login_staff, demo_queues):
    return login_staff("dispatcher", ("dispatcher",))


def test_a_phone_complaint_received_two_days_ago_is_due_from_then_and_counted(
    dispatcher, admin, now
):
    school = make_institution("启航教育")
    received = now - timedelta(days=2)
    filed = dispatcher.post(f"{STAFF}/complaints", json=entry(school, received), status=201)
    assert filed["channel"] == "phone"
    detail = dispatcher.get(f"{STAFF}/complaints/{filed['no']}")
    calendar = Calendar()
    assert detail["accept_due_at"] == iso(working_days_after(received, 1, calendar=calendar))
    assert detail["resolve_due_at"] == iso(working_days_after(received, 15, calendar=calendar))
    assert detail["received_at"] == iso(received)
    assert (detail["channel"], detail["entered_by"]) == ("phone", "dispatcher")
    assert detail["caller_name"] == "张**"
    assert detail["contact_phone"] == "057****4567"
    items = dispatcher.get(f"{STAFF}/complaints")["items"]
    assert [(i["no"], i["channel"]) for i in items] == [(filed["no"], "phone")]
    day = local_date(received)
    stats = admin.get(f"{STAFF}/stats", query_string={"from": day, "to": local_date(now)})
    assert stats["by_channel"]["phone"] == 1
    assert stats["by_channel"]["mini_program"] == 0
    assert stats["total"] == 1


def test_the_caller_is_revealed_only_by_the_audited_action(dispatcher, now):
    school = make_institution("启航教育")
    no = dispatcher.post(f"{STAFF}/complaints", json=entry(school, now), status=201)["no"]
    shown = dispatcher.post(f"{STAFF}/complaints/{no}/contact")
    assert shown == {"contact_phone": "057981234567", "caller_name": "张晓梅"}
    audit = dispatcher.get(f"{STAFF}/complaints/{no}")["audit"]
    assert [a["action"] for a in audit] == ["submit", "reveal_contact"]


def test_nothing_parent_facing_and_replies_are_recorded_by_channel(dispatcher, now):
    school = make_institution("启航教育")
    no = dispatcher.post(f"{STAFF}/complaints", json=entry(school, now), status=201)["no"]
    detail = dispatcher.get(f"{STAFF}/complaints/{no}")
    body = {"action": "reply", "message": "已电话告知家长处理进展。", "version": detail["version"]}
    after = dispatcher.post(f"{STAFF}/complaints/{no}/actions", json=body)
    assert after["audit"][-1]["detail"]["via"] == "phone"
    assert Complaint.objects.get(no=no).outbox == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"received_at": None}, "received_at"),
        ({"channel": "mini_program"}, "channel"),
        ({"caller_phone": "call me"}, "caller_phone"),
        ({"description": ""}, "description"),
        ({"institution_id": "0" * 24}, "institution_id"),
    ],
)
def test_bad_entries_name_the_field(dispatcher, now, change, field):
    school = make_institution("启航教育")
    answer = dispatcher.post(f"{STAFF}/complaints", json=entry(school, now, **change), status=400)
    assert field in answer["errors"]


def test_received_after_now_is_refused(dispatcher, now):
    school = make_institution("启航教育")
    later = now + timedelta(hours=2)
    answer = dispatcher.post(f"{STAFF}/complaints", json=entry(school, later), status=400)
    assert "received_at" in answer["errors"]


def test_a_reference_is_stored_once_and_photos_attach(dispatcher, now):
    photo = dispatcher.post(
        f"{STAFF}/uploads",
        data={"file": (io.BytesIO(jpeg_bytes()), "scan.jpg")},
        content_type="multipart/form-data",
        status=201,
    )
    body = {
        "channel": "letter",
        "external_ref": "XF-2026-0042",
        "received_at": iso(now.astimezone(SHANGHAI) - timedelta(days=1)),
        "institution_name": "彩虹托管班",
        "institution_address": "城关镇幸福路 8 号",
        "category": "disguised_subject",
        "description": "来信反映：托管班周末给小学生上数学课。",
        "photo_ids": [photo["id"]],
    }
    first = dispatcher.post(f"{STAFF}/complaints", json=body, status=201)
    again = dispatcher.post(f"{STAFF}/complaints", json=body, status=200)
    assert (again["no"], again["created"]) == (first["no"], False)
    detail = dispatcher.get(f"{STAFF}/complaints/{first['no']}")
    assert [p["id"] for p in detail["photos"]] == [photo["id"]]
    assert detail["institution"] == {"id": None, "name": "彩虹托管班"}


def test_handlers_and_viewers_do_not_enter_complaints(login_staff, now):
    school = make_institution("启航教育")
    viewer = login_staff("viewer", ("viewer",))
    viewer.post(f"{STAFF}/complaints", json=entry(school, now), status=403)


def test_retention_removes_the_callers_name_and_phone(app, dispatcher, clock):
    school = make_institution("启航教育")
    no = dispatcher.post(f"{STAFF}/complaints", json=entry(school, clock.now()), status=201)["no"]
    version = dispatcher.get(f"{STAFF}/complaints/{no}")["version"]
    body = {"action": "reject", "reason": "不属于教育部门职责", "version": version}
    dispatcher.post(f"{STAFF}/complaints/{no}/actions", json=body)
    clock.advance(timedelta(days=400))
    run_once(app, now=clock.now(), retention=True)
    stored = Complaint.objects.get(no=no)
    assert (stored.caller_name, stored.contact_phone) == (None, None)
    assert stored.anonymised_at is not None
