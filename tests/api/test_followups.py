"""The parent's supplements and rating: news for the handler, pauses, reopening, privacy.

The rating window (7 days from the answer) is tried one minute either side of its end,
at the edge instants.
"""

from datetime import timedelta

import pytest

from models.complaint import Complaint
from models.parent import Parent
from server.clock import SHANGHAI
from tests.support.complaint_support import upload_photo
from tests.support.factories import complaint_in
from tests.support.image_bytes import jpeg
from tests.support.instants import at_edges

MP = "/api/mp/v1/complaints"
pytestmark = pytest.mark.hours_of_the_day


@pytest.fixture
def own(parent, fake_wechat):
    """Make a complaint of the signed-in parent in a given status."""
    me = Parent.objects.get(openid=fake_wechat.openid_for("parent-code-a"))

    def make(status, **fields):
        return complaint_in(status, parent=me, **fields)

    return make


def test_a_supplement_lands_as_news_on_the_record(parent, own):
    complaint = own("in_progress")
    body = parent.post(
        f"{MP}/{complaint.no}/supplements", json={"text": " 又收到一次催缴短信 "}, status=201
    )
    assert body["status"] == "in_progress"
    assert body["timeline"][-1] == {
        "at": body["timeline"][-1]["at"],
        "status": "in_progress",
        "label": "办理中",
        "message": "又收到一次催缴短信",
        "kind": "supplement",
    }
    stored = Complaint.objects.get(pk=complaint.pk)
    assert stored.has_news is True
    assert stored.version == 2
    assert [s.text for s in stored.supplements] == ["又收到一次催缴短信"]
    assert (stored.audit[-1].by, stored.audit[-1].action) == ("parent", "supplement")


def test_a_supplement_in_need_info_resumes_work_and_ends_the_pause(parent, own):
    complaint = own("need_info", paused_from="reopened")
    body = parent.post(
        f"{MP}/{complaint.no}/supplements", json={"text": "补充收费收据"}, status=201
    )
    assert body["status"] == "reopened"
    stored = Complaint.objects.get(pk=complaint.pk)
    assert stored.pauses[-1].end is not None
    assert stored.paused_from is None
    audit = stored.audit[-1]
    assert (audit.from_status, audit.to_status) == ("need_info", "reopened")


@pytest.mark.parametrize("status", ["resolved", "closed", "rejected", "merged"])
def test_no_supplement_once_finished(status, parent, own):
    complaint = own(status)
    answer = parent.post(f"{MP}/{complaint.no}/supplements", json={"text": "还有"}, status=422)
    assert answer["code"] == "invalid_transition"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "长" * 1001}, "text"),
        ({"text": "见照片", "photo_ids": ["abc"]}, "photo_ids"),
    ],
)
def test_supplement_input_is_checked(body, field, parent, own):
    complaint = own("accepted")
    answer = parent.post(f"{MP}/{complaint.no}/supplements", json=body, status=400)
    assert set(answer["errors"]) == {field}
    parent.post(
        f"{MP}/{complaint.no}/supplements", data="[", content_type="application/json", status=400
    )


def test_another_parents_complaint_is_404(parent, login_parent, own):
    complaint = own("resolved")
    stranger = login_parent("parent-code-b")
    for path, body in (("supplements", {"text": "我也看到了"}), ("rating", {"score": "satisfied"})):
        answer = stranger.post(f"{MP}/{complaint.no}/{path}", json=body, status=404)
        assert answer["code"] == "not_found"
    stranger.post(f"{MP}/TS000000000000/rating", json={"score": "satisfied"}, status=404)
    stored = Complaint.objects.get(pk=complaint.pk)
    assert (stored.status, stored.version) == ("resolved", 1)
    parent.post(f"{MP}/{complaint.no}/rating", json={"score": "satisfied"}, token=None, status=401)


@pytest.mark.parametrize("score", ["satisfied", "basically_satisfied"])
def test_a_good_rating_closes_the_complaint(score, parent, own):
    complaint = own("resolved")
    body = parent.post(
        f"{MP}/{complaint.no}/rating", json={"score": score, "comment": "及时"}, status=201
    )
    assert body["status"] == "closed"
    assert body["timeline"][-1]["kind"] == "rating"
    stored = Complaint.objects.get(pk=complaint.pk)
    assert (stored.rating.score, stored.rating.comment, stored.has_news) == (score, "及时", False)
    assert stored.closed_at is not None


@at_edges
def test_dissatisfied_within_seven_days_reopens_as_news(parent, own, now):
    complaint = own("resolved", resolved_at=now - timedelta(days=7) + timedelta(minutes=1))
    body = parent.post(
        f"{MP}/{complaint.no}/rating",
        json={"score": "dissatisfied", "comment": "仍未退费"},
        status=201,
    )
    assert body["status"] == "reopened"
    stored = Complaint.objects.get(pk=complaint.pk)
    assert stored.has_news is True
    assert stored.reopened_at is not None
    due = stored.resolve_due_at.astimezone(SHANGHAI)
    assert due > now + timedelta(days=14)  # 15 working days from now, weekends between
    assert (due.hour, due.minute, due.second) == (23, 59, 59)  # the end of a Shanghai day
    assert (stored.audit[-1].from_status, stored.audit[-1].to_status) == ("resolved", "reopened")


@at_edges
def test_dissatisfied_after_seven_days_closes(parent, own, now):
    complaint = own("resolved", resolved_at=now - timedelta(days=7, minutes=1))
    body = parent.post(f"{MP}/{complaint.no}/rating", json={"score": "dissatisfied"}, status=201)
    assert body["status"] == "closed"
    assert Complaint.objects.get(pk=complaint.pk).rating.score == "dissatisfied"


@pytest.mark.parametrize("status", ["submitted", "in_progress", "closed", "reopened"])
def test_rating_only_when_resolved(status, parent, own):
    complaint = own(status)
    answer = parent.post(f"{MP}/{complaint.no}/rating", json={"score": "satisfied"}, status=422)
    assert answer["code"] == "invalid_transition"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"score": "great"},
        {"score": "satisfied", "comment": 5},
        {"score": "satisfied", "comment": "长" * 501},
    ],
)
def test_rating_input_is_checked(body, parent, own):
    complaint = own("resolved")
    assert parent.post(f"{MP}/{complaint.no}/rating", json=body, status=400)["errors"]


def upload(client, data):
    """Upload one image; its id."""
    return upload_photo(client, data)["id"]


def test_a_supplement_carries_the_parents_own_photos_to_staff(parent, own, login_parent, admin):
    complaint = own("in_progress")
    photo_id = upload(parent, jpeg((80, 60)))
    stranger_photo = upload(login_parent("parent-code-b"), jpeg((80, 60), color=(1, 2, 3)))
    path = f"{MP}/{complaint.no}/supplements"
    refused = parent.post(path, json={"text": "照片", "photo_ids": [stranger_photo]}, status=400)
    assert set(refused["errors"]) == {"photo_ids"}
    parent.post(path, json={"text": "收费收据照片", "photo_ids": [photo_id]}, status=201)
    staff_view = admin.get(f"/api/staff/v1/complaints/{complaint.no}")
    (supplement,) = staff_view["supplements"]
    assert [p["id"] for p in supplement["photos"]] == [photo_id]
    image = admin.get(supplement["photos"][0]["url"])
    assert image.mimetype == "image/jpeg"
    assert image.data[:2] == b"\xff\xd8"
    assert staff_view["has_news"] is True


def test_a_risky_supplement_is_refused_and_an_unchecked_one_flagged(parent, own, fake_wechat):
    complaint = own("accepted")
    path = f"{MP}/{complaint.no}/supplements"
    fake_wechat.set_text_verdict("违禁内容", "risky")
    answer = parent.post(path, json={"text": "这里有违禁内容"}, status=422)
    assert answer["code"] == "content_rejected"
    assert Complaint.objects.get(pk=complaint.pk).supplements == []
    fake_wechat.fail_next(3, errcode=-1, path="msg_sec_check")
    parent.post(path, json={"text": "微信检测暂不可用时也要收下"}, status=201)
    stored = Complaint.objects.get(pk=complaint.pk)
    assert stored.needs_manual_review is True
    assert len(stored.supplements) == 1
