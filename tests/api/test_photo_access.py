"""Who sees a photo: its parent (unless WeChat found it risky), and WeChat by a signed link."""

import io

import pytest

from models.photo import Photo
from tests.support import image_bytes
from tests.support.wechat_push import push_verdict


def upload(client, data=None):
    """Upload one JPEG; the answer."""
    data = data or image_bytes.jpeg()
    return client.post(
        "/api/mp/v1/uploads",
        data={"file": (io.BytesIO(data), "p.jpg")},
        content_type="multipart/form-data",
        status=201,
    )


def local_path(app, url):
    """The path of one of our absolute URLs (what WeChat would fetch)."""
    base = app.config["PUBLIC_BASE_URL"]
    assert url.startswith(base + "/api/mp/v1/media/")
    return url[len(base) :]


def test_owner_reads_full_and_thumb(parent):
    photo = upload(parent)
    for size in ("full", "thumb"):
        response = parent.get(f"/api/mp/v1/photos/{photo['id']}?size={size}")
        assert response.mimetype == "image/jpeg"
        assert response.data[:3] == b"\xff\xd8\xff"
    assert parent.get(f"/api/mp/v1/photos/{photo['id']}").data[:3] == b"\xff\xd8\xff"


def test_bad_size_names_the_parameter(parent):
    photo = upload(parent)
    body = parent.get(f"/api/mp/v1/photos/{photo['id']}?size=huge", status=400)
    assert "size" in body["errors"]


@pytest.mark.parametrize("photo_id", ["not-an-id", "5f0000000000000000000000"])
def test_unknown_photo_is_404(parent, photo_id):
    parent.get(f"/api/mp/v1/photos/{photo_id}", status=404)


def test_another_parents_photo_is_404(parent, login_parent, client):
    photo = upload(parent)
    body = login_parent("parent-code-b").get(f"/api/mp/v1/photos/{photo['id']}", status=404)
    assert body["code"] == "not_found"
    client.get(f"/api/mp/v1/photos/{photo['id']}", status=401)


def test_upload_is_sent_to_wechat_with_a_link_it_can_fetch(app, parent, client, fake_wechat):
    photo = upload(parent)
    [check] = fake_wechat.media_checks
    assert Photo.objects.get(id=photo["id"]).trace_id == check["trace_id"]
    assert photo["moderation"] == "pending"
    # WeChat carries no token: the signed link alone opens the photo.
    response = client.get(local_path(app, check["media_url"]), token=None)
    assert response.mimetype == "image/jpeg"
    assert response.data == parent.get(f"/api/mp/v1/photos/{photo['id']}").data


def test_altered_or_expired_media_link_is_404(app, parent, client, fake_wechat):
    upload(parent)
    path = local_path(app, fake_wechat.media_checks[0]["media_url"])
    client.get(path[:-2] + ("xy" if not path.endswith("xy") else "zz"), status=404)
    client.get("/api/mp/v1/media/not-a-token", status=404)
    app.config["MEDIA_URL_TTL"], ttl = -1, app.config["MEDIA_URL_TTL"]
    try:
        client.get(path, status=404)
    finally:
        app.config["MEDIA_URL_TTL"] = ttl


def test_wechat_down_leaves_the_photo_unchecked_and_a_retry_checks_it(parent, fake_wechat):
    data = image_bytes.jpeg()
    fake_wechat.fail_next(1, errcode=-1, path="media_check_async")
    first = upload(parent, data)
    assert first["moderation"] == "unchecked", "the upload is kept although WeChat is down"
    assert fake_wechat.media_checks == []
    again = upload(parent, data)
    assert again["id"] == first["id"]
    assert again["moderation"] == "pending"
    assert Photo.objects.get(id=first["id"]).trace_id == fake_wechat.media_checks[0]["trace_id"]


def test_wechat_error_page_leaves_the_photo_unchecked(parent, fake_wechat):
    fake_wechat.fail_next(1, status=502, path="media_check_async")
    assert upload(parent)["moderation"] == "unchecked"


def test_risky_verdict_hides_the_photo_from_its_parent(parent, fake_wechat):
    photo = upload(parent)
    trace_id = fake_wechat.media_checks[0]["trace_id"]
    push_verdict(parent, trace_id, "risky")
    assert Photo.objects.get(id=photo["id"]).moderation == "risky"
    parent.get(f"/api/mp/v1/photos/{photo['id']}", status=404)
    # Uploading the same bytes again is refused: WeChat already judged them.
    body = parent.post(
        "/api/mp/v1/uploads",
        data={"file": (io.BytesIO(image_bytes.jpeg()), "p.jpg")},
        content_type="multipart/form-data",
        status=422,
    )
    assert body["code"] == "content_rejected"


def test_pass_verdict_keeps_the_photo_visible(parent, fake_wechat):
    photo = upload(parent)
    push_verdict(parent, fake_wechat.media_checks[0]["trace_id"], "pass")
    assert Photo.objects.get(id=photo["id"]).moderation == "pass"
    parent.get(f"/api/mp/v1/photos/{photo['id']}")
