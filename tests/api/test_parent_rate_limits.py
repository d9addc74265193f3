"""Per-parent rate limits on photo uploads and supplements: 429 `rate_limited` naming the
window, nothing stored past the limit, another parent unaffected, and a fresh window
lets the parent go on."""

import io
from datetime import timedelta

import pytest

from models.complaint import Complaint
from models.parent import Parent
from models.photo import Photo
from tests.support.factories import complaint_in
from tests.support.image_bytes import distinct_jpegs

UPLOADS = "/api/mp/v1/uploads"
MP = "/api/mp/v1/complaints"


@pytest.fixture
def clock(app):
    """The app's clock, moved on by the tests (and reset afterwards). Only the distance
    between instants matters here; the signed tokens are still checked against the wall
    clock, so the clock runs on from now rather than from a fixed instant."""
    app_clock = app.extensions["clock"]
    yield app_clock
    app_clock.reset()


def upload(client, data, status=201):
    return client.post(
        UPLOADS,
        data={"file": (io.BytesIO(data), "p.jpg")},
        content_type="multipart/form-data",
        status=status,
    )


def test_the_31st_upload_in_ten_minutes_is_rate_limited(app, clock, parent, login_parent):
    photos = distinct_jpegs(31)
    for data in photos[:30]:
        upload(parent, data)
    body = upload(parent, photos[30], status=429)
    assert body["code"] == "rate_limited"
    assert "10 分钟" in body["message"]
    assert "30 张" in body["message"]
    assert Photo.objects.count() == 30
    # Another parent is not affected.
    upload(login_parent("parent-code-b"), photos[30])
    # Once the window has run out the parent goes on.
    clock.advance(timedelta(minutes=10, seconds=1))
    upload(parent, photos[30])


def test_the_limit_is_read_from_config(app, clock, parent):
    app.config["UPLOADS_PER_WINDOW"] = 2
    try:
        first, second, third = distinct_jpegs(3)
        upload(parent, first)
        upload(parent, second)
        assert upload(parent, third, status=429)["code"] == "rate_limited"
    finally:
        app.config["UPLOADS_PER_WINDOW"] = 30


def test_the_11th_supplement_in_an_hour_is_rate_limited(app, clock, parent, fake_wechat):
    me = Parent.objects.get(openid=fake_wechat.openid_for("parent-code-a"))
    complaint = complaint_in("in_progress", parent=me)
    for i in range(10):
        parent.post(f"{MP}/{complaint.no}/supplements", json={"text": f"补充 {i}"}, status=201)
    body = parent.post(f"{MP}/{complaint.no}/supplements", json={"text": "再补充"}, status=429)
    assert body["code"] == "rate_limited"
    assert "1 小时" in body["message"]
    assert len(Complaint.objects.get(pk=complaint.pk).supplements) == 10
    clock.advance(timedelta(hours=1, seconds=1))
    parent.post(f"{MP}/{complaint.no}/supplements", json={"text": "再补充"}, status=201)
