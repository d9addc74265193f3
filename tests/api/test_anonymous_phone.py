"""An anonymous complaint stores no phone number and never shows one back."""

import json

from models.complaint import Complaint
from tests.support.complaint_support import body_for, make_institution, submit
from tests.support.factories import ComplaintFactory

STAFF = "/api/staff/v1/complaints"


def test_a_phone_sent_with_an_anonymous_complaint_is_refused(parent):
    body = body_for(make_institution(), anonymous=True, contact_phone="13812345678")
    answer = submit(parent, body, status=400)
    assert answer["errors"] == {"contact_phone": "匿名投诉不保存联系电话：请删除电话，或取消匿名"}
    assert Complaint.objects.count() == 0


def test_an_anonymous_complaint_holds_and_shows_no_phone(parent, login_staff):
    no = submit(parent, body_for(make_institution(), anonymous=True, contact_phone=""))["no"]
    assert "contact_phone" not in Complaint._get_collection().find_one({"no": no})
    mine = parent.get(f"/api/mp/v1/complaints/{no}")
    assert (mine["anonymous"], mine["contact_phone"]) == (True, None)
    staff = login_staff("dispatcher", ("dispatcher",))
    assert staff.get(f"{STAFF}/{no}")["contact_phone"] is None
    assert staff.post(f"{STAFF}/{no}/contact", status=404)["code"] == "no_contact"


def test_migrate_store_removes_a_phone_stored_with_an_anonymous_complaint(app, parent):
    old = ComplaintFactory(anonymous=True)  # stored with a phone, as before the rule
    named = ComplaintFactory()
    result = app.test_cli_runner().invoke(args=["migrate-store"])
    assert "anonymous complaints hold no phone: 1 documents changed" in result.output
    assert "contact_phone" not in Complaint._get_collection().find_one({"_id": old.pk})
    assert Complaint.objects.get(pk=named.pk).contact_phone == "13812345678"
    raw = Complaint._get_collection().find_one({"_id": old.pk})
    assert "13812345678" not in json.dumps(raw, default=str)
