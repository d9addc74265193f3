"""Photos cost bounded memory and time whatever their header claims.

The app runs on a loopback port (werkzeug's threaded server, a thread per request, as in
production's threaded workers), parents upload in parallel threads over real HTTP, and the
test samples this process's resident memory from /proc/self/status and times /healthz
meanwhile. The bounds are generous (the machine may be busy); without the per-format
limits, eight 40-megapixel PNGs took a worker from 400 MB to 2.8 GB, and without the
decode slots four PNGs at the budget would hold about 700 MB at once.
"""

import io
import struct
import threading
import time

import pytest
import requests
from PIL import Image
from werkzeug.serving import make_server

from models.photo import Photo
from server.app import create_app
from server.services.photos import processing
from server.services.photos.processing import DECODED_PIXELS
from tests.conftest import ApiClient, app_config
from tests.support import image_bytes

UPLOADS = "/api/mp/v1/uploads"
MB = 1024 * 1024


def rss_bytes():
    """This process's resident set size, from /proc/self/status."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def png_of(size, mode="RGBA"):
    """A one-colour PNG made with Pillow: tiny on the wire, `size` pixels decoded."""
    out = io.BytesIO()
    Image.new(mode, size, (200, 120, 40, 255)[: len(mode)]).save(out, "PNG")
    return out.getvalue()


def serve(app):
    """Serve `app` on a loopback port with werkzeug's threaded server; (base URL, stop)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()

    return f"http://127.0.0.1:{server.server_port}", stop


@pytest.fixture
def live_server(app):
    """The app on a loopback port; its base URL."""
    base_url, stop = serve(app)
    yield base_url
    stop()


def tokens_for(app, fake, count, prefix):
    """`count` parents signed in through the API with single-use codes; their tokens."""
    anonymous = ApiClient(app.test_client())
    return [
        anonymous.post("/api/mp/v1/auth/login", json={"code": fake.login_code(f"{prefix}-{i}")})[
            "token"
        ]
        for i in range(count)
    ]


class Sampler:
    """Samples RSS and /healthz latency in background threads until stopped."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.peak = self.baseline = rss_bytes()
        self.health = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=f) for f in (self._memory, self._healthz)]

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def _memory(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes())
            time.sleep(0.005)

    def _healthz(self):
        with requests.Session() as session:
            while not self._stop.is_set():
                started = time.perf_counter()
                answer = session.get(f"{self.base_url}/healthz", timeout=30)
                self.health.append((answer.status_code, time.perf_counter() - started))
                time.sleep(0.05)


def upload_all(base_url, tokens, data):
    """Each token uploads `data` at once, in its own thread; the statuses."""
    statuses, lock = [], threading.Lock()
    start = threading.Barrier(len(tokens))

    def one(token):
        start.wait()
        answer = requests.post(
            f"{base_url}{UPLOADS}",
            headers={"Authorization": f"Bearer {token}"},
            files={"file": ("photo.png", data, "image/png")},
            timeout=120,
        )
        with lock:
            statuses.append(
                (answer.status_code, answer.json()["code"] if answer.status_code >= 400 else None)
            )

    threads = [threading.Thread(target=one, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    return statuses


def test_parallel_big_pngs_keep_memory_bounded_and_healthz_answering(app, fake_wechat, live_server):
    # Made (and their pixels freed) before the baseline is taken.
    bomb = png_of((8000, 5000))  # 40 MP, ~166 KB: the file
    at_budget = png_of((4096, 4096))  # the largest PNG we decode
    assert len(bomb) < 250_000
    assert len(at_budget) < 250_000
    tokens = tokens_for(app, fake_wechat, 8, "budget-parent")

    with Sampler(live_server) as sampler:
        refused = upload_all(live_server, tokens, bomb)
        # Each parent's first copy of these bytes: four real decodes, two at a time. (Four
        # at once, without the slots, would hold about 700 MB: this bound would catch it.)
        stored = upload_all(live_server, tokens[:4], at_budget)

    growth = sampler.peak - sampler.baseline
    slowest = max(seconds for _, seconds in sampler.health)
    print(
        f"\nRSS {sampler.baseline / MB:.0f} MB -> peak {sampler.peak / MB:.0f} MB "
        f"(+{growth / MB:.0f} MB); /healthz x{len(sampler.health)}, slowest {slowest:.2f} s"
    )
    assert refused == [(400, "image_too_large")] * 8
    assert stored == [(201, None)] * 4
    assert Photo.objects.count() == 4
    assert growth < 600 * MB
    assert all(status == 200 for status, _ in sampler.health)
    assert len(sampler.health) >= 3
    assert slowest < 2.0


def webp_claiming(width, height):
    """A small real WebP whose VP8 frame header is patched to claim width x height."""
    data = bytearray(image_bytes.webp((40, 30)))
    assert data[12:16] == b"VP8 "
    assert data[23:26] == b"\x9d\x01\x2a"
    data[26:30] = struct.pack("<HH", width, height)
    return bytes(data)


def upload(client, data, status):
    return client.post(
        UPLOADS,
        data={"file": (io.BytesIO(data), "photo")},
        content_type="multipart/form-data",
        status=status,
    )


@pytest.mark.parametrize(
    "data",
    [image_bytes.png_claiming(4097, 4096), webp_claiming(5000, 4000)],
    ids=["png-just-over-4096x4096", "webp-20mp"],
)
def test_png_and_webp_over_the_decode_budget_are_refused_from_the_header(parent, data):
    assert upload(parent, data, status=400)["code"] == "image_too_large"
    assert Photo.objects.count() == 0


def test_a_jpeg_of_the_same_size_is_taken_since_it_draft_decodes(parent):
    body = upload(parent, image_bytes.jpeg((5000, 4000), quality=50), status=201)
    assert (body["width"], body["height"]) == (2048, 1638)
    assert DECODED_PIXELS < 5000 * 4000


@pytest.fixture
def one_slot_app(fake_wechat):
    """An app whose process decodes one photo at a time and lets none wait (the slots are
    per process: the session's two are put back afterwards)."""
    app = create_app(app_config(fake_wechat, PHOTO_DECODE_SLOTS=1, PHOTO_SLOT_WAIT_SECONDS=0))
    try:
        yield app
    finally:
        processing.set_decode_slots(2)


def test_a_photo_that_cannot_get_a_decode_slot_is_a_503_busy_not_a_500(one_slot_app, fake_wechat):
    base_url, stop = serve(one_slot_app)
    try:
        statuses = upload_all(
            base_url, tokens_for(one_slot_app, fake_wechat, 3, "busy"), png_of((3000, 3000))
        )
    finally:
        stop()
    assert (201, None) in statuses, statuses
    assert (503, "busy") in statuses, statuses
    assert {status for status, _ in statuses} <= {201, 503}
