"""Fixtures of the fake WeChat's unit tests: a running fake, wechatpy's client on it, and a
stand-in push endpoint that also serves pictures for the fake to download."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlsplit

import pytest

from server.emulators.wechat.fake import FakeWeChat
from tests.support.fake_wechat_client import APPID, SECRET, TEMPLATES, FakeBackedClient
from tests.support.image_bytes import jpeg


@pytest.fixture
def fake():
    """A running fake WeChat server, stopped after the test."""
    with FakeWeChat(APPID, SECRET, templates=TEMPLATES) as server:
        yield server


@pytest.fixture
def client(fake):
    """A wechatpy client talking to the fake."""
    return FakeBackedClient(fake.base_url)


@pytest.fixture
def receiver():
    """Our message push endpoint, reduced to a stdlib server that records what it gets."""
    got = []
    picture = jpeg()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            found = urlsplit(self.path).path.endswith(".jpg")
            self.send_response(200 if found else 404)
            self.send_header("Content-Length", str(len(picture) if found else 0))
            self.end_headers()
            if found:
                self.wfile.write(picture)

        def do_POST(self):
            raw = self.rfile.read(int(self.headers["Content-Length"]))
            query = dict(parse_qsl(urlsplit(self.path).query))
            got.append({"path": urlsplit(self.path).path, "query": query, "json": json.loads(raw)})
            self.send_response(200)
            self.send_header("Content-Length", "7")
            self.end_headers()
            self.wfile.write(b"success")

        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    yield SimpleNamespace(url=base + "/api/mp/v1/wechat/push", media=base + "/media/", got=got)
    server.shutdown()
    server.server_close()
