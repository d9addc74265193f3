"""A parent sees and copies everything held about them, and withdraws (PIPL Art. 44-47)."""

import json

import pytest

from models.audit import AuditEntry
from models.complaint import Complaint
from models.parent import Parent
from models.photo import Photo
from tests.api.test_swagger_responses import MP, Checked
from tests.support.complaint_support import body_for, make_institution, submit, upload_photo
from tests.support.factories import jpeg_bytes

STAFF = "/api/staff/v1/complaints"
PHONE = "13812345678"


@pytest.fixture
def spec(client):
    """The mini-program API's spec as served."""
    return client.get(f"{MP}/swagger.json")


def security_audit():
    """(action, target, details) of the security audit's entries, oldest first."""
    entries = AuditEntry.objects.order_by("-seq")
    return [(e.action, e.target, e.details) for e in entries][::-1]


def upload(parent, shade):
    """One real JPEG uploaded through the API; its id."""
    return upload_photo(parent, jpeg_bytes(color=(shade, 60, 90)))["id"]


def file_two(parent, institution):
    """Two complaints of `parent`, one with a photo, a supplement and a phone; their nos."""
    photo = upload(parent, 10)
    body = body_for(institution, contact_phone=PHONE, photo_ids=[photo])
    first = submit(parent, body)["no"]
    supplement = {"text": f"补充：催费电话打到 {PHONE}"}
    parent.post(f"/api/mp/v1/complaints/{first}/supplements", json=supplement, status=201)
    second = submit(parent, body_for(None, description="另一家机构周末上课。"))["no"]
    return first, second


def test_my_data_holds_everything_of_mine_and_nothing_of_anyone_else(
    spec, login_parent, fake_wechat
):
    mine, other = login_parent("parent-a"), login_parent("parent-b")
    institution = make_institution()
    first, second = file_two(mine, institution)
    theirs = submit(other, body_for(institution, description="别人的投诉内容：王五。"))["no"]
    upload(other, 200)
    loose = upload(mine, 30)
    subscribe = {"template_ids": ["demo-status-template"]}
    mine.post("/api/mp/v1/subscriptions", json=subscribe, status=204)
    held = Checked(spec, MP)(mine, "GET", "/me/data")
    assert [c["no"] for c in held["complaints"]] == [second, first]
    assert held["complaints"][1]["supplements"][0]["text"].startswith("补充：催费电话")
    assert held["complaints"][1]["contact_phone"] == "138****5678"
    assert len(held["complaints"][1]["photos"]) == 1
    assert held["account"]["subscriptions"] == [{"template_id": "demo-status-template", "count": 1}]
    assert [u["id"] for u in held["uploads"]] == [loose]
    assert held["uploads"][0]["url"].startswith("http")
    text = json.dumps(held, ensure_ascii=False)
    assert theirs not in text
    assert "王五" not in text
    assert fake_wechat.openid_for("parent-a") not in text
    ((action, target, details),) = security_audit()
    assert (action, details) == ("personal_data_copied", {"complaints": 2, "uploads": 1})
    assert target.startswith("parent:")


def test_withdrawing_deletes_the_account_and_cuts_every_tie(
    spec, login_parent, login_staff, fake_wechat
):
    parent = login_parent("parent-a")
    first, second = file_two(parent, make_institution())
    loose = upload(parent, 40)
    attached = Complaint.objects.get(no=first).photos[0].id
    openid = fake_wechat.openid_for("parent-a")
    answer = Checked(spec, MP)(parent, "DELETE", "/me")
    assert answer == {"complaints": 2, "uploads_deleted": 1}
    assert security_audit()[-1][0] == "parent_withdrew"
    assert security_audit()[-1][2] == answer
    assert parent.get("/api/mp/v1/me/data", status=401)["code"] == "invalid_token"
    assert Parent.objects(openid=openid).count() == 0
    assert Photo.objects(id=loose).count() == 0
    assert Photo.objects.get(id=attached).owner is None  # kept as evidence, owned by no one
    staff = login_staff("dispatcher", ("dispatcher",))
    for no in (first, second):
        raw = Complaint._get_collection().find_one({"no": no})
        assert not {"parent", "contact_phone"} & set(raw)
        assert openid not in json.dumps(raw, default=str)
        detail = staff.get(f"{STAFF}/{no}")
        assert detail["contact_phone"] is None
        assert detail["audit"][-1]["action"] == "parent_withdrew"
        assert PHONE not in json.dumps(detail, ensure_ascii=False)
    again = login_parent("parent-a")
    assert again.get("/api/mp/v1/me/data")["complaints"] == []
    assert again.get("/api/mp/v1/complaints")["items"] == []
    again.get(f"/api/mp/v1/complaints/{first}", status=404)


def test_the_bureau_still_handles_a_withdrawn_parents_complaint(login_parent, admin):
    parent = login_parent("parent-a")
    no = submit(parent, body_for(make_institution(), contact_phone=PHONE))["no"]
    parent.delete("/api/mp/v1/me")
    version = admin.get(f"{STAFF}/{no}")["version"]
    admin.post(f"{STAFF}/{no}/actions", json={"action": "accept", "version": version})
    assert admin.get(f"{STAFF}/{no}")["status"] == "accepted"
    assert admin.post(f"{STAFF}/{no}/contact", status=404)["code"] == "no_contact"
