"""Bench section: photo upload and complaint submission through the HTTP API.

- A 12-megapixel JPEG through POST /uploads (multipart parsing, hashing, decode, orient,
  re-encode full + thumbnail, GridFS, the WeChat media check over loopback), against
  Pillow doing only the decode at draft scale and the encodes of the same file in the same
  run. Target: at most 1.5x.
- POST /complaints without photos, one after another (validation, daily limit, the
  msgSecCheck call to the fake WeChat over loopback, routing, hints, tracking number,
  insert). Target: at least 100 per second. The same with an Idempotency-Key on each
  (the claim, the complaint under the key's unit, the stored answer), as a ratio.

Runs on the embedded store (mongomock) with the fake WeChat server, like `make run`.
"""

import io
import statistics
import time

from PIL import Image

from server.app import create_app
from server.emulators.wechat.fake import FakeWeChat
from server.services.demo.routing_defaults import seed_demo_rules
from server.services.photos.processing import FULL_LONG_SIDE, JPEG_QUALITY, THUMB_LONG_SIDE

PHOTO_SIZE = (4000, 3000)  # 12 megapixels, a phone camera's 4:3
UPLOAD_ROUNDS = 7
SUBMISSIONS = 300
UPLOAD_TARGET = 1.5
SUBMISSION_TARGET = 100
BLOCK = 20  # POSTs per block, half without a key, half with


def phone_like_jpeg(size=PHOTO_SIZE):
    """A JPEG with a photo's texture (smooth areas plus sensor noise), about 3-4 MB."""
    small = Image.effect_noise((size[0] // 8, size[1] // 8), 80).convert("RGB")
    red, green, blue = small.split()
    small = Image.merge(
        "RGB",
        (
            red,
            green.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
            blue.transpose(Image.Transpose.FLIP_TOP_BOTTOM),
        ),
    )
    texture = small.resize(size, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(size, 12).convert("RGB")
    out = io.BytesIO()
    Image.blend(texture, grain, 0.15).save(out, "JPEG", quality=90)
    return out.getvalue()


def _fit(size, long_side):
    """`size` scaled so the long side is at most `long_side`."""
    scale = min(1.0, long_side / max(size))
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def pillow_baseline(data):
    """Pillow alone: open, draft-decode toward 2048 px, resize, encode full and thumbnail."""
    image = Image.open(io.BytesIO(data))
    target = _fit(image.size, FULL_LONG_SIDE)
    image.draft("RGB", target)
    image.load()
    full = image.resize(target, Image.Resampling.BILINEAR) if image.size != target else image
    full.save(io.BytesIO(), "JPEG", quality=JPEG_QUALITY)
    thumb = full.resize(_fit(full.size, THUMB_LONG_SIDE), Image.Resampling.BICUBIC)
    thumb.save(io.BytesIO(), "JPEG", quality=JPEG_QUALITY)


def _app(fake):
    """The app on mongomock with the fake WeChat, no daily limit or intake cap in the way."""
    return create_app(
        {
            "APP_ENV": "test",
            "MONGODB_URI": None,
            "MONGODB_DB": "bench_complaints",
            "WECHAT_APPID": fake.appid,
            "WECHAT_SECRET": fake.secret,
            "WECHAT_API_BASE": fake.base_url,
            "LOG_LEVEL": "WARNING",
            "COMPLAINTS_PER_DAY": 10**9,
            # One bench client is one address: the intake caps (30 an hour) are off here.
            "CAP_COMPLAINTS_PER_ADDRESS": 0,
            "CAP_COMPLAINTS_PER_HOUR": 0,
        }
    )


def _login(client, code):
    """A parent's Authorization header."""
    token = client.post("/api/mp/v1/auth/login", json={"code": code}).get_json()["token"]
    return {"Authorization": f"Bearer {token}"}


def _upload_ms(client, headers, data):
    """Milliseconds for one POST /uploads of `data`."""
    started = time.perf_counter()
    response = client.post(
        "/api/mp/v1/uploads",
        data={"file": (io.BytesIO(data), "photo.jpg")},
        content_type="multipart/form-data",
        headers=headers,
    )
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 201, response.get_data(as_text=True)
    return elapsed


def bench_upload(client, data):
    """(ms per upload, ms per Pillow baseline), medians of interleaved rounds."""
    # Each round is a new parent: de-duplication is per parent, so every upload does the work.
    parents = [_login(client, f"bench-upload-{i}") for i in range(UPLOAD_ROUNDS + 1)]
    _upload_ms(client, parents[-1], data)  # warm-up: token fetch, first GridFS writes
    pillow_baseline(data)
    ours, pillow = [], []
    for headers in parents[:UPLOAD_ROUNDS]:
        ours.append(_upload_ms(client, headers, data))
        started = time.perf_counter()
        pillow_baseline(data)
        pillow.append((time.perf_counter() - started) * 1000)
    return statistics.median(ours), statistics.median(pillow)


def bench_submissions(client):
    """(complaints per second without an Idempotency-Key, with one), POSTed one after another
    by one parent in interleaved blocks (each keyed POST has its own key: a claim, the
    complaint under its unit, the stored answer)."""
    headers = _login(client, "bench-submitter")
    body = {
        "category": "fees",
        "description": "机构要求一次性预交一年学费，超过三个月的规定。",
        "institution_name": "无名补习班",
        "institution_address": "城关镇幸福小区 3 栋 201",
    }
    client.post("/api/mp/v1/complaints", json=body, headers=headers)  # warm-up
    seconds = {False: 0.0, True: 0.0}
    for block in range(SUBMISSIONS // BLOCK):
        for keyed in (False, True):
            started = time.perf_counter()
            for n in range(BLOCK // 2):
                key = {"Idempotency-Key": f"bench-{block}-{n}"} if keyed else {}
                response = client.post(
                    "/api/mp/v1/complaints", json=body, headers={**headers, **key}
                )
                assert response.status_code == 201, response.get_data(as_text=True)
            seconds[keyed] += time.perf_counter() - started
    each = SUBMISSIONS / 2
    return each / seconds[False], each / seconds[True]


def run():
    """Rows (name, value, unit, note) for the bench table."""
    # Codes are single-use as on WeChat; the bench signs in with codes nobody issued.
    with FakeWeChat("wx-bench-appid", "bench-secret", accept_unseen_codes=True) as fake:
        app = _app(fake)
        with app.app_context():
            seed_demo_rules()
        client = app.test_client()
        data = phone_like_jpeg()
        ours, pillow = bench_upload(client, data)
        per_second, keyed_per_second = bench_submissions(client)
    ratio = ours / pillow
    size_mb = len(data) / 1024 / 1024
    return [
        (
            "upload 12 MP JPEG (POST /uploads)",
            round(ours, 1),
            "ms/photo",
            f"{PHOTO_SIZE[0]}x{PHOTO_SIZE[1]}, {size_mb:.1f} MB, median of {UPLOAD_ROUNDS}",
        ),
        (
            "Pillow draft-decode + encode, same file",
            round(pillow, 1),
            "ms/photo",
            "decode toward 2048 px, resize, encode full + 400 px thumbnail",
        ),
        (
            "upload / Pillow",
            round(ratio, 2),
            "x",
            f"target <= {UPLOAD_TARGET}: {'met' if ratio <= UPLOAD_TARGET else 'MISSED'}",
        ),
        (
            "complaint submissions, no photos",
            round(per_second, 1),
            "per s",
            f"{SUBMISSIONS // 2} sequential POST /complaints incl. msgSecCheck; "
            f"target >= {SUBMISSION_TARGET}: "
            f"{'met' if per_second >= SUBMISSION_TARGET else 'MISSED'}",
        ),
        (
            "  with an Idempotency-Key / without",
            round(keyed_per_second / per_second, 2),
            "x",
            f"{keyed_per_second:.1f} per s with a key each, interleaved blocks of {BLOCK // 2}",
        ),
    ]


if __name__ == "__main__":
    for name, value, unit, note in run():
        print(f"{name:<42} {value:>10} {unit:<9} {note}")
