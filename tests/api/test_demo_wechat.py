"""Demo mode with WeChat unable to fetch photos (PUBLIC_BASE_URL where nothing listens):
a photo on a new complaint leaves `pending` and the complaint is flagged within a minute,
by the demo fake's -1008 push to the served demo app."""

import io
import threading
import time

import pytest
from werkzeug.serving import make_server

from models.complaint import Complaint
from models.photo import Photo
from server.app import create_app
from tests import conftest
from tests.conftest import ApiClient
from tests.support import image_bytes
from tests.support.complaint_support import body_for, submit
from tests.support.served import LateApp, closed_url

BOUND_SECONDS = 60  # the bound; it takes well under a second


@pytest.fixture
def demo_server():
    """A demo app (its own fake WeChat and worker thread) served on loopback."""
    target = LateApp()
    server = make_server("127.0.0.1", 0, target, threaded=True)
    config = {
        "APP_ENV": "demo",
        "MONGODB_DB": conftest.test_db_name(),
        "HOST": "127.0.0.1",
        "PORT": server.server_port,
        "PUBLIC_BASE_URL": closed_url(),
        "DEMO_INSTITUTIONS": 10,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "LOG_LEVEL": "WARNING",
    }
    target.app = create_app(config)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield target.app
    target.app.extensions["worker"].stop()
    target.app.extensions["fake_wechat"].stop()
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


def test_a_photo_wechat_cannot_fetch_flags_the_complaint_within_a_minute(demo_server):
    anonymous = ApiClient(demo_server.test_client())
    token = anonymous.post("/api/mp/v1/auth/login", json={"code": "demo-parent-42"})["token"]
    parent = ApiClient(demo_server.test_client(), token)
    photo = parent.post(
        "/api/mp/v1/uploads",
        data={"file": (io.BytesIO(image_bytes.jpeg()), "p.jpg")},
        content_type="multipart/form-data",
        status=201,
    )
    no = submit(parent, body_for(photo_ids=[photo["id"]]))["no"]
    deadline = time.monotonic() + BOUND_SECONDS
    while time.monotonic() < deadline and not Complaint.objects.get(no=no).needs_manual_review:
        time.sleep(0.05)
    complaint = Complaint.objects.get(no=no)
    assert complaint.needs_manual_review
    assert Photo.objects.get(id=photo["id"]).moderation == "unchecked"
    assert complaint.review_reasons[0]["code"] == "photo_check_failed"
    fake = demo_server.extensions["fake_wechat"]
    assert any(p.get("downloaded") is False and p.get("status") == 200 for p in fake.pushes)
