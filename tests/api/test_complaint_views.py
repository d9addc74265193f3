"""GET /complaints and /complaints/{no}: a parent sees their own reports, and nobody else's."""

from models.photo import Photo
from tests.support import image_bytes
from tests.support.complaint_support import (
    COMPLAINTS,
    body_for,
    make_institution,
    photo_ids,
    submit,
    upload_photo,
)
from tests.support.wechat_push import push_verdict


def upload(client, data):
    """Upload one image; its id."""
    return upload_photo(client, data)["id"]


def test_list_is_own_newest_first_and_paginated(parent, login_parent):
    institution = make_institution()
    numbers = [submit(parent, body_for(institution))["no"] for _ in range(3)]
    submit(login_parent("parent-code-b"), body_for(None))
    page = parent.get(f"{COMPLAINTS}?per_page=2")
    assert page["total"] == 3
    assert page["page"] == 1
    assert page["per_page"] == 2
    assert [item["no"] for item in page["items"]] == numbers[::-1][:2]
    item = page["items"][0]
    assert set(item) >= {
        "no",
        "status",
        "status_label",
        "category",
        "category_label",
        "institution_name",
        "created_at",
    }
    assert item["institution_name"] == "星光培训中心"
    assert item["status_label"] == "待受理"
    assert item["created_at"].endswith("+08:00")
    rest = parent.get(f"{COMPLAINTS}?per_page=2&page=2")
    assert [item["no"] for item in rest["items"]] == numbers[:1]


def test_list_rejects_bad_paging(parent):
    assert "per_page" in parent.get(f"{COMPLAINTS}?per_page=500", status=400)["errors"]


def test_detail_has_the_public_timeline_and_no_staff_matters(parent):
    no = submit(parent, body_for(None, contact_phone="13912345678", category="safety"))["no"]
    body = parent.get(f"{COMPLAINTS}/{no}")
    assert body["no"] == no
    assert body["contact_phone"] == "139****5678"
    [entry] = body["timeline"]
    assert set(entry) >= {"at", "status", "label", "message"}
    assert entry["status"] == "submitted"
    assert entry["label"] == "待受理"
    for private in ("hints", "routing", "audit", "notes", "queue", "urgent", "needs_manual_review"):
        assert private not in body


def test_another_parents_complaint_is_404(parent, login_parent, client):
    no = submit(parent, body_for(None))["no"]
    body = login_parent("parent-code-b").get(f"{COMPLAINTS}/{no}", status=404)
    assert body["code"] == "not_found"
    parent.get(f"{COMPLAINTS}/TS000000000000", status=404)
    client.get(f"{COMPLAINTS}/{no}", status=401)


def test_a_risky_photo_disappears_from_the_complaint(parent, fake_wechat):
    ids = [upload(parent, data) for data in image_bytes.distinct_jpegs(2)]
    no = submit(parent, body_for(None, photo_ids=ids))["no"]
    assert photo_ids(parent.get(f"{COMPLAINTS}/{no}")) == ids
    traces = {check["trace_id"] for check in fake_wechat.media_checks}
    assert len(traces) == 2
    risky = Photo.objects.get(id=ids[0]).trace_id
    push_verdict(parent, risky, "risky")
    assert photo_ids(parent.get(f"{COMPLAINTS}/{no}")) == ids[1:]


def test_a_photo_found_risky_cannot_be_attached(parent, fake_wechat):
    photo_id = upload(parent, image_bytes.jpeg())
    push_verdict(parent, fake_wechat.media_checks[0]["trace_id"], "risky")
    body = submit(parent, body_for(None, photo_ids=[photo_id]), status=400)
    assert "photo_ids" in body["errors"]
