"""A second app served on a real loopback port, where the fake WeChat reaches it itself.

`serve(**settings)` builds an app with `settings` (push mode, AES key, ...) whose
PUBLIC_BASE_URL is its own address, so the fake WeChat downloads `media_url` from it and
pushes results to it, over HTTP, exactly as WeChat would reach a deployment. The fake's
push settings are set to match and restored afterwards. `closed_url()` is an address
where nothing listens.
"""

import logging
import socket
import threading
from dataclasses import dataclass

import pytest
from werkzeug.serving import make_server

from server.app import create_app
from tests.conftest import ApiClient, app_config

PUSH = "/api/mp/v1/wechat/push"


class LateApp:
    """A WSGI app whose target is set after the server (and so its port) exists."""

    app = None

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


@dataclass
class Served:
    """A served app: the Flask app, its base URL, and a parent signed in to it."""

    app: object
    base_url: str
    fake: object

    def parent(self, user="parent-code-a"):
        """A parent signed in through this app's API with a fresh code of `user`."""
        anonymous = ApiClient(self.app.test_client())
        code = self.fake.login_code(user)
        body = anonymous.post("/api/mp/v1/auth/login", json={"code": code})
        return ApiClient(self.app.test_client(), body["token"])


def closed_url():
    """An http:// address on loopback where nothing listens (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def serve(fake_wechat):
    """Start apps on loopback with given settings; each is stopped after the test."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    saved = {
        k: getattr(fake_wechat, k) for k in ("push_url", "push_mode", "aes_key", "push_format")
    }
    saved["auto_push"] = fake_wechat.auto_push
    running = []

    def start(*, public_base_url=None, push_format="json", **settings):
        target = LateApp()
        server = make_server("127.0.0.1", 0, target, threaded=True)
        base = f"http://127.0.0.1:{server.server_port}"
        config = app_config(fake_wechat, PUBLIC_BASE_URL=public_base_url or base, **settings)
        target.app = create_app(config)
        thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        running.append((server, thread))
        fake_wechat.push_url = base + PUSH
        fake_wechat.push_mode = target.app.config["WECHAT_PUSH_MODE"]
        fake_wechat.aes_key = target.app.config["WECHAT_PUSH_AES_KEY"]
        fake_wechat.push_format = push_format
        return Served(target.app, base, fake_wechat)

    yield start
    for server, thread in running:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
    for key, value in saved.items():
        setattr(fake_wechat, key, value)
