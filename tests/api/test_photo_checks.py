"""WeChat's checks that fail or never finish: the photo becomes `unchecked`, its complaint
`needs_manual_review`, and staff read why, in the API and on the console page."""

import io
from datetime import timedelta

import pytest

from models.photo import Photo
from server.worker import run_once
from tests.conftest import FIXED_NOW
from tests.support import image_bytes
from tests.support.complaint_support import body_for, submit
from tests.support.served import closed_url
from tests.support.wechat_push import send_push, verdict_event

STAFF = "/api/staff/v1/complaints"
T0 = FIXED_NOW  # the suite's default instant: tokens signed in by fixtures are valid at it
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"


def upload(client, color=(200, 30, 30)):
    """Upload one JPEG; its id."""
    return client.post(
        "/api/mp/v1/uploads",
        data={"file": (io.BytesIO(image_bytes.jpeg(color=color)), "p.jpg")},
        content_type="multipart/form-data",
        status=201,
    )["id"]


def reasons(admin, no):
    """The staff API's review flag and reasons of a complaint."""
    detail = admin.get(f"{STAFF}/{no}")
    return detail["needs_manual_review"], [r["code"] for r in detail["review_reasons"]], detail


@pytest.mark.parametrize(
    "push", [{}, {"push_format": "xml", "WECHAT_PUSH_AES_KEY": AES_KEY}], ids=["json", "safe-xml"]
)
def test_a_photo_wechat_cannot_download_flags_its_complaint(
    serve, fake_wechat, admin, console_login, push
):
    served = serve(public_base_url=closed_url(), **push)  # nothing listens where WeChat fetches
    fake_wechat.auto_push = False
    parent = served.parent()
    photo_id = upload(parent)
    no = submit(parent, body_for(photo_ids=[photo_id]))["no"]
    assert reasons(admin, no)[:2] == (False, [])
    assert fake_wechat.push_pending() == 1
    assert fake_wechat.pushes[0]["downloaded"] is False
    assert fake_wechat.pushes[0]["status"] == 200
    assert Photo.objects.get(id=photo_id).moderation == "unchecked"
    flagged, codes, detail = reasons(admin, no)
    assert flagged
    assert codes == ["photo_check_failed"]
    [reason] = detail["review_reasons"]
    assert reason["photo_id"] == photo_id
    assert "-1008" in reason["message"]
    [photo] = detail["photos"]
    assert photo["moderation"] == "unchecked"
    assert "-1008" in photo["check_reason"]
    assert detail["audit"][-1]["action"] == "manual_review"
    page = console_login("disp", ["dispatcher"]).page(f"/console/complaints/{no}")
    assert "需人工审核" in page
    assert "微信图片安全检测失败" in page
    assert "-1008" in page


def test_a_failure_pushed_before_the_complaint_is_filed_flags_it_at_filing(
    parent, client, admin, fake_wechat
):
    photo_id = upload(parent)
    trace_id = fake_wechat.media_checks[0]["trace_id"]
    send_push(client, verdict_event(trace_id, None, error=(-1008, "下载错误")))
    no = submit(parent, body_for(photo_ids=[photo_id]))["no"]
    flagged, codes, _ = reasons(admin, no)
    assert flagged
    assert codes == ["photo_check_failed"]


def test_a_push_without_a_result_counts_as_failed(parent, client, admin, fake_wechat):
    photo_id = upload(parent)
    no = submit(parent, body_for(photo_ids=[photo_id]))["no"]
    event = verdict_event(fake_wechat.media_checks[0]["trace_id"], "pass")
    del event["result"]
    send_push(client, event)
    assert Photo.objects.get(id=photo_id).moderation == "unchecked"
    assert reasons(admin, no)[:2] == (True, ["photo_check_failed"])


def test_media_check_unavailable_at_upload_flags_the_complaint(parent, admin, fake_wechat):
    fake_wechat.fail_next(1, errcode=-1, path="media_check_async")
    photo_id = upload(parent)
    assert Photo.objects.get(id=photo_id).moderation == "unchecked"
    no = submit(parent, body_for(photo_ids=[photo_id]))["no"]
    flagged, codes, detail = reasons(admin, no)
    assert flagged
    assert codes == ["photo_check_unavailable"]
    assert "微信错误码 -1" in detail["review_reasons"][0]["message"]


def test_a_stale_openid_leaves_the_text_to_manual_review(parent, admin, fake_wechat):
    fake_wechat.set_stale_openids()
    no = submit(parent, body_for())["no"]
    flagged, codes, detail = reasons(admin, no)
    assert flagged
    assert codes == ["text_check_unavailable"]
    assert "61010" in detail["review_reasons"][0]["message"]


def test_photos_still_pending_an_hour_after_upload_are_swept(app, parent, admin, fake_wechat):
    clock = app.extensions["clock"]
    clock.set(T0, frozen=True)
    try:
        fake_wechat.auto_push = False  # WeChat never answers
        photo_id = upload(parent)
        no = submit(parent, body_for(photo_ids=[photo_id]))["no"]
        later = upload(parent, color=(10, 200, 10))
        run_once(app, now=T0 + timedelta(minutes=59, seconds=59))
        assert Photo.objects.get(id=photo_id).moderation == "pending"
        assert reasons(admin, no)[:2] == (False, [])
        result = run_once(app, now=T0 + timedelta(hours=1))
        assert result["photos_unchecked"] == 2
        assert Photo.objects.get(id=photo_id).moderation == "unchecked"
        assert Photo.objects.get(id=later).moderation == "unchecked"
        run_once(app, now=T0 + timedelta(hours=2))  # nothing twice
        flagged, codes, detail = reasons(admin, no)
        assert flagged
        assert codes == ["photo_check_missing"]
        assert "1 小时" in detail["review_reasons"][0]["message"]
    finally:
        clock.reset()
        fake_wechat.auto_push = True


def test_a_verdict_that_arrives_keeps_the_photo_out_of_the_sweep(app, parent, client, fake_wechat):
    clock = app.extensions["clock"]
    clock.set(T0, frozen=True)
    try:
        photo_id = upload(parent)
        trace_id = fake_wechat.media_checks[0]["trace_id"]
        send_push(client, verdict_event(trace_id, "pass", at=T0.timestamp()), at=T0.timestamp())
        assert run_once(app, now=T0 + timedelta(hours=3))["photos_unchecked"] == 0
        assert Photo.objects.get(id=photo_id).moderation == "pass"
    finally:
        clock.reset()
