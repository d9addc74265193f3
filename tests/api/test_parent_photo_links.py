"""The photo links in a parent's complaint detail: usable in `<image src>`, signed, expiring."""

import io
import logging
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from PIL import Image

from models.photo import Photo
from server.services.photos.photo_links import BUCKET_SECONDS
from tests.support import image_bytes
from tests.support.complaint_support import COMPLAINTS, body_for, submit, upload_photo
from tests.support.wechat_push import push_verdict

VIEWED = datetime(2026, 6, 9, 2, 7, tzinfo=UTC)  # a Tuesday, 10:07 in Shanghai


@pytest.fixture
def frozen(app):
    """Stand the app clock at VIEWED (after filing: mongomock expires TTL-indexed records,
    such as the daily submission counter, by the wall clock); `.advance(delta)` moves it."""
    clock = app.extensions["clock"]

    class Frozen:
        def start(self):
            clock.set(VIEWED, frozen=True)

        def advance(self, delta):
            clock.advance(delta)

    yield Frozen()
    clock.reset()


def upload(client, data):
    """Upload one image; its id."""
    return upload_photo(client, data)["id"]


def path_of(app, url):
    """The local path of one of our absolute links (checks it is ours)."""
    base = app.config["PUBLIC_BASE_URL"]
    assert url.startswith(base + "/api/mp/v1/images/"), url
    return urlsplit(url).path


def fetch(app, url, status=200):
    """GET a link exactly as `<image src>` does: no Authorization, no other header."""
    response = app.test_client().get(path_of(app, url))
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    return response


@pytest.fixture
def filed(app, parent, frozen):
    """A complaint of the parent with two photos, and its detail."""
    ids = [upload(parent, image_bytes.jpeg((1600, 1200), (i * 90, 40, 40))) for i in range(2)]
    no = submit(parent, body_for(None, photo_ids=ids))["no"]
    frozen.start()
    return parent.get(f"{COMPLAINTS}/{no}")


def test_each_photo_has_a_full_and_a_thumb_link_that_needs_no_header(app, filed):
    assert [set(photo) for photo in filed["photos"]] == [{"id", "url", "thumb_url"}] * 2
    for photo in filed["photos"]:
        full, thumb = fetch(app, photo["url"]), fetch(app, photo["thumb_url"])
        assert full.mimetype == thumb.mimetype == "image/jpeg"
        full_size = Image.open(io.BytesIO(full.data)).size
        thumb_size = Image.open(io.BytesIO(thumb.data)).size
        assert max(thumb_size) < max(full_size)
        assert full.headers["Cache-Control"].startswith("private")
    first, second = filed["photos"]
    assert first["url"] != second["url"]
    assert first["url"] != first["thumb_url"]


def test_changing_any_character_breaks_a_link(app, filed):
    url = filed["photos"][0]["thumb_url"]
    prefix, token = url.rsplit("/", 1)
    for position, char in enumerate(token):
        for other in {"0", "f", "a", "."} - {char}:
            changed = token[:position] + other + token[position + 1 :]
            fetch(app, f"{prefix}/{changed}", status=404)
    upper = next(i for i, c in enumerate(token) if c in "abcdef")
    fetch(app, f"{prefix}/{token[:upper]}{token[upper].upper()}{token[upper + 1 :]}", status=404)
    fetch(app, url[:-1], status=404)
    fetch(app, url + "0", status=404)
    fetch(app, url)  # the original still works


def test_a_link_names_one_size_of_one_photo(app, filed):
    first, second = filed["photos"]
    thumb = fetch(app, first["thumb_url"]).data
    swapped = first["thumb_url"].replace(first["id"], second["id"])
    fetch(app, swapped, status=404)
    resized = first["thumb_url"].replace(".thumb.", ".full.")
    fetch(app, resized, status=404)
    assert fetch(app, first["url"]).data != thumb


def test_links_expire_by_the_app_clock(app, filed, frozen):
    url = filed["photos"][0]["url"]
    ttl = app.config["PHOTO_LINK_TTL"]
    frozen.advance(timedelta(seconds=ttl - 1))
    fetch(app, url)
    frozen.advance(timedelta(seconds=BUCKET_SECONDS + 1))
    fetch(app, url, status=404)


def test_a_fresh_detail_gives_fresh_links(app, parent, filed, frozen):
    frozen.advance(timedelta(seconds=app.config["PHOTO_LINK_TTL"] + BUCKET_SECONDS))
    fetch(app, filed["photos"][0]["url"], status=404)
    again = parent.get(f"{COMPLAINTS}/{filed['no']}")
    fetch(app, again["photos"][0]["url"])


def test_a_photo_found_risky_later_is_no_longer_served(app, parent, filed):
    photo = filed["photos"][0]
    push_verdict(parent, Photo.objects.get(id=photo["id"]).trace_id, "risky")
    fetch(app, photo["url"], status=404)
    fetch(app, photo["thumb_url"], status=404)
    fetch(app, filed["photos"][1]["url"])


def test_supplement_photos_carry_links_too(app, parent, filed):
    extra = upload(parent, image_bytes.jpeg((90, 70), (3, 200, 3)))
    path = f"{COMPLAINTS}/{filed['no']}/supplements"
    body = parent.post(path, json={"text": "补充收据照片", "photo_ids": [extra]}, status=201)
    [supplement] = body["supplements"]
    assert supplement["text"] == "补充收据照片"
    [photo] = supplement["photos"]
    assert photo["id"] == extra
    assert fetch(app, photo["url"]).mimetype == "image/jpeg"
    assert [p["id"] for p in body["photos"]][-1] == extra


@pytest.mark.parametrize("token", ["x", "0" * 24 + ".full.1.0", "", "..."])
def test_garbage_tokens_are_404_in_our_shape(client, token):
    body = client.get(f"/api/mp/v1/images/{token}", status=404)
    assert body["code"] == "not_found"


def test_the_request_log_never_holds_a_photo_link_token(app, filed, caplog):
    caplog.set_level(logging.INFO, logger="server.request")
    url = filed["photos"][0]["thumb_url"]
    fetch(app, url)
    lines = [record.getMessage() for record in caplog.records if record.name == "server.request"]
    assert any(line.startswith("GET /api/mp/v1/images/<redacted> 200") for line in lines), lines
    signature = url.rsplit(".", 1)[1]
    assert len(signature) == 32
    assert not any(signature in line for line in lines)
