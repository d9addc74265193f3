"""Staff reading: queues with counts, the sorted and filtered list, detail, contact, photos."""

from datetime import timedelta

import pytest

from models.complaint import AuditEntry, Complaint, Note
from tests.support.factories import ComplaintFactory, PhotoFactory, complaint_in, jpeg_bytes

LIST = "/api/staff/v1/complaints"
pytestmark = pytest.mark.hours_of_the_day


def test_queues_count_open_and_overdue_per_visible_queue(login_staff, demo_queues, now):
    past = now - timedelta(days=3)
    training, sports = demo_queues["training"], demo_queues["sports"]
    complaint_in("submitted", queue=training, accept_due_at=past)  # overdue
    complaint_in("accepted", queue=training)  # open, on time
    complaint_in("resolved", queue=training, resolve_due_at=past)  # finished: not counted
    complaint_in("submitted", queue=sports)
    dispatcher = login_staff("dispatcher", ("dispatcher",))
    counts = {q["key"]: (q["open"], q["overdue"]) for q in dispatcher.get("/api/staff/v1/queues")}
    assert counts == {
        "triage": (0, 0),
        "training": (2, 1),
        "basic_education": (0, 0),
        "sports": (1, 0),
        "culture_tourism": (0, 0),
        "science": (0, 0),
    }
    handler = login_staff("handler_training", ("handler",), ("training",))
    (only,) = handler.get("/api/staff/v1/queues")
    assert (only["key"], only["name"], only["open"], only["overdue"]) == (
        "training",
        "校外培训监管股",
        2,
        1,
    )
    assert only["id"] == str(training.pk)


def test_list_sorts_overdue_then_urgent_then_due_date(login_staff, now):
    ComplaintFactory(no="TS202611280001", accept_due_at=now + timedelta(days=5))
    ComplaintFactory(no="TS202611280002", accept_due_at=now + timedelta(days=1))
    ComplaintFactory(no="TS202611280003", accept_due_at=now + timedelta(days=9), urgent=True)
    ComplaintFactory(no="TS202611280004", accept_due_at=now - timedelta(days=1))
    ComplaintFactory(no="TS202611280005", accept_due_at=now - timedelta(days=2), urgent=True)
    complaint_in("rejected", no="TS202611280006")  # no running deadline: last
    body = login_staff("viewer", ("viewer",)).get(LIST)
    assert [item["no"][-1] for item in body["items"]] == list("543216")
    assert body["total"] == 6
    assert [item["overdue"] for item in body["items"]] == [True, True, False, False, False, False]
    first = body["items"][0]
    assert first["urgent"] is True
    assert first["due_at"].endswith("+08:00")
    assert first["contact_phone"] == "138****5678"
    assert "openid" not in str(body)
    assert "13812345678" not in str(body)


def test_list_filters(login_staff, demo_queues, now):
    training = demo_queues["training"]
    ComplaintFactory(no="TS202611280001", queue=training, accept_due_at=now - timedelta(hours=1))
    complaint_in("accepted", no="TS202611280002", queue=training, description="周末上午补习数学")
    ComplaintFactory(no="TS202611280003", institution_name="星光艺术培训学校")
    admin = login_staff("admin", ("admin",))

    def nos(query):
        return sorted(item["no"][-1] for item in admin.get(LIST + query)["items"])

    assert nos("?queue=training") == ["1", "2"]
    assert nos(f"?queue={training.pk}") == ["1", "2"]
    assert nos("?status=accepted") == ["2"]
    assert nos("?status=submitted,accepted&overdue=true") == ["1"]
    assert nos("?overdue=false") == ["2", "3"]
    assert nos("?q=TS202611280003") == ["3"]
    assert nos("?q=ts20261128") == ["1", "2", "3"]  # a day's tracking numbers
    assert nos("?q=补习数学") == []  # descriptions are not searched: no index serves them
    assert nos("?q=星光艺术培训学校") == ["3"]  # an unlisted institution by its exact name
    assert admin.get(LIST + "?status=lost", status=400)["errors"] == {"status": "未知的状态"}
    assert admin.get(LIST + "?overdue=maybe", status=400)["code"] == "validation_error"
    assert admin.get(LIST + "?queue=nowhere", status=400)["code"] == "validation_error"
    assert admin.get(LIST + "?per_page=2")["per_page"] == 2


def test_handler_sees_only_their_queues(login_staff, demo_queues):
    mine = ComplaintFactory(queue=demo_queues["training"])
    theirs = ComplaintFactory(queue=demo_queues["sports"])
    handler = login_staff("handler_training", ("handler",), ("training",))
    assert [item["no"] for item in handler.get(LIST)["items"]] == [mine.no]
    assert handler.get(LIST + "?queue=sports")["items"] == []
    handler.get(f"{LIST}/{mine.no}")
    for path in ("", "/contact"):
        method = handler.get if not path else handler.post
        assert method(f"{LIST}/{theirs.no}{path}", status=404)["code"] == "not_found"
    photo = PhotoFactory()
    Complaint.objects(pk=theirs.pk).update_one(push__photos=photo)
    handler.get(f"{LIST}/{theirs.no}/photos/{photo.pk}", status=404)
    handler.get(f"{LIST}/TS000000000000", status=404)


def test_detail_shows_everything_staff_need_and_never_the_openid(login_staff, demo_queues, now):
    shown = PhotoFactory(moderation="pass")
    pending = PhotoFactory(moderation="pending")
    risky = PhotoFactory(moderation="risky")
    complaint = complaint_in(
        "accepted",
        queue=demo_queues["training"],
        photos=[shown, pending, risky],
        notes=[Note(at=now, by="dispatcher", text="机构负责人已约谈")],
        audit=[
            AuditEntry(
                at=now,
                by="dispatcher",
                action="accept",
                from_status="submitted",
                to_status="accepted",
            )
        ],
        version=2,
    )
    same = complaint_in("submitted", institution_name=complaint.institution_name)
    complaint_in("submitted", institution_name=complaint.institution_name, category="safety")
    complaint_in("submitted", institution_name="别的机构")
    complaint_in(
        "submitted",
        institution_name=complaint.institution_name,
        created_at=now - timedelta(days=45),
    )
    body = login_staff("dispatcher", ("dispatcher",)).get(f"{LIST}/{complaint.no}")
    assert body["version"] == 2
    assert body["queue"] == demo_queues["training"].to_ref()
    assert body["notes"] == [
        {"at": body["notes"][0]["at"], "by": "dispatcher", "text": "机构负责人已约谈"}
    ]
    assert body["audit"] == [
        {
            "at": body["audit"][0]["at"],
            "by": "dispatcher",
            "action": "accept",
            "action_label": "受理",
            "from": "submitted",
            "to": "accepted",
            "detail": {},
        }
    ]
    assert [p["moderation"] for p in body["photos"]] == ["pass", "pending", "risky"]
    assert [s["no"] for s in body["similar"]] == [same.no]
    assert body["contact_phone"] == "138****5678"
    text = str(body)
    assert complaint.parent.openid not in text
    assert "13812345678" not in text


def test_photos_of_every_moderation_state_are_served_to_staff(login_staff):
    risky = PhotoFactory(moderation="risky")
    complaint = ComplaintFactory(photos=[risky])
    other = PhotoFactory()
    staff = login_staff("dispatcher", ("dispatcher",))
    path = f"{LIST}/{complaint.no}/photos/{risky.pk}"
    full = staff.get(path)
    assert full.mimetype == "image/jpeg"
    assert full.data == jpeg_bytes((64, 48))
    assert staff.get(path + "?size=thumb").data == jpeg_bytes((32, 24))
    assert staff.get(path + "?size=huge", status=400)["code"] == "validation_error"
    staff.get(f"{LIST}/{complaint.no}/photos/{other.pk}", status=404)
    staff.get(f"{LIST}/{complaint.no}/photos/not-an-id", status=404)


def test_revealing_the_contact_is_audited_and_anonymous_ones_have_none(login_staff):
    named = ComplaintFactory()
    anonymous = ComplaintFactory(anonymous=True)
    silent = ComplaintFactory(contact_phone=None)
    staff = login_staff("dispatcher", ("dispatcher",))
    assert staff.post(f"{LIST}/{named.no}/contact") == {"contact_phone": "13812345678"}
    (entry,) = staff.get(f"{LIST}/{named.no}")["audit"]
    assert (entry["action"], entry["by"]) == ("reveal_contact", "dispatcher")
    assert Complaint.objects.get(pk=named.pk).version == named.version  # nothing to act on
    for complaint in (anonymous, silent):
        assert staff.post(f"{LIST}/{complaint.no}/contact", status=404)["code"] == "no_contact"
        assert staff.get(f"{LIST}/{complaint.no}")["contact_phone"] is None
    viewer = login_staff("viewer", ("viewer",))
    assert viewer.post(f"{LIST}/{named.no}/contact", status=403)["code"] == "forbidden"


def test_staff_endpoints_need_a_staff_token(client, parent):
    client.get(LIST, status=401)
    parent.get(LIST, status=401)
    client.get("/api/staff/v1/queues", status=401)


def test_search_text_is_literal(login_staff):
    ComplaintFactory(institution_name="收费（一次性）[见合同].*")
    staff = login_staff("viewer", ("viewer",))
    assert staff.get(LIST, query_string={"q": "收费（一次性）[见合同].*"})["total"] == 1
    for text in (".*", "(", "\\", "$where", "TS.*", "[见合同]"):
        assert staff.get(LIST, query_string={"q": text})["total"] == 0


def test_the_new_paths_are_in_both_specs(client):
    staff_paths = client.get("/api/staff/v1/swagger.json")["paths"]
    for path in (
        "/queues",
        "/complaints",
        "/complaints/{no}",
        "/complaints/{no}/actions",
        "/complaints/{no}/photos/{photo_id}",
        "/complaints/{no}/contact",
        "/holidays",
    ):
        assert path in staff_paths, path
    mp_paths = client.get("/api/mp/v1/swagger.json")["paths"]
    assert {"/complaints/{no}/supplements", "/complaints/{no}/rating"} <= set(mp_paths)
