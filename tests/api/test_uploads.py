"""POST /uploads: real Pillow-made images in, safe JPEGs stored once per parent in GridFS."""

import hashlib
import io

import pytest
from PIL import Image

from models.photo import Photo
from tests.support import image_bytes

UPLOADS = "/api/mp/v1/uploads"


def upload(client, data, *, filename="photo.jpg", status=201, **kwargs):
    """POST one file as multipart field `file`."""
    return client.post(
        UPLOADS,
        data={"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
        status=status,
        **kwargs,
    )


def upload_raw(client, data, *, status):
    """POST a multipart body encoded here (the test client spools big bodies to an unclosed
    temporary file of its own, which pytest's warnings-as-errors would report)."""
    boundary = "----upload-test-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\n'
            "Content-Type: image/jpeg\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.post(
        UPLOADS,
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        status=status,
    )


def stored_image(client, photo_id, size="full"):
    """The stored JPEG as a Pillow image, read back through GET /photos/{id}."""
    response = client.get(f"/api/mp/v1/photos/{photo_id}?size={size}")
    assert response.mimetype == "image/jpeg"
    return Image.open(io.BytesIO(response.data))


def test_upload_answers_the_stored_photo(parent):
    data = image_bytes.jpeg((300, 200))
    body = upload(parent, data)
    assert set(body) >= {"id", "width", "height", "bytes", "sha256"}
    assert (body["width"], body["height"]) == (300, 200)
    assert body["sha256"] == hashlib.sha256(data).hexdigest()
    image = stored_image(parent, body["id"])
    assert image.format == "JPEG"
    assert image.size == (300, 200)
    assert body["bytes"] == len(parent.get(f"/api/mp/v1/photos/{body['id']}").data)


def test_exif_orientation_is_applied_and_gps_is_gone(parent):
    # Orientation 6: the camera was turned; the pixels must be rotated 90° clockwise.
    data = image_bytes.jpeg((120, 60), orientation=6, gps=True)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(image_bytes.GPS_IFD)
    body = upload(parent, data)
    assert (body["width"], body["height"]) == (60, 120)
    image = stored_image(parent, body["id"])
    assert image.size == (60, 120)
    # The blue top-left corner of the sensor image is now top-right.
    assert image.getpixel((55, 3))[2] > 200
    assert image.getpixel((3, 3))[0] > 150
    raw = parent.get(f"/api/mp/v1/photos/{body['id']}").data
    assert not image.getexif(), "no EXIF at all may survive"
    assert b"Exif" not in raw
    assert b"GPS" not in raw
    assert "exif" not in image.info


def test_large_photo_is_capped_with_a_thumbnail(parent):
    body = upload(parent, image_bytes.jpeg((3000, 1500)))
    assert (body["width"], body["height"]) == (2048, 1024)
    assert stored_image(parent, body["id"], "thumb").size == (400, 200)


@pytest.mark.parametrize(
    ("data", "name"),
    [(image_bytes.png(), "a.png"), (image_bytes.webp(), "a.webp")],
    ids=["png", "webp"],
)
def test_png_and_webp_become_jpeg(parent, data, name):
    body = upload(parent, data, filename=name)
    assert stored_image(parent, body["id"]).format == "JPEG"


def test_same_bytes_give_the_same_photo_per_parent(parent, login_parent):
    data = image_bytes.jpeg()
    first = upload(parent, data)
    again = upload(parent, data)
    assert again["id"] == first["id"]
    assert Photo.objects(sha256=first["sha256"]).count() == 1
    other = upload(login_parent("parent-code-b"), data)
    assert other["id"] != first["id"], "de-duplication is per parent"


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (b"", "empty.jpg", "not_an_image"),
        (image_bytes.TEXT, "notes.jpg", "not_an_image"),
        (image_bytes.SVG, "drawing.svg", "not_an_image"),
        (image_bytes.truncated_jpeg(), "cut.jpg", "corrupt_image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "lying.jpg", "corrupt_image"),
        (image_bytes.png_claiming(8000, 6000), "bomb48mp.png", "image_too_large"),
        (image_bytes.png_claiming(50000, 50000), "bomb.png", "image_too_large"),
    ],
    ids=["empty", "text-as-jpg", "svg", "truncated", "lying-header", "bomb-48mp", "bomb-2gp"],
)
def test_bad_files_are_refused_with_their_code(parent, data, filename, code):
    body = upload(parent, data, filename=filename, status=400)
    assert body["code"] == code
    assert Photo.objects.count() == 0


def test_over_ten_megabytes_is_413(parent):
    data = image_bytes.jpeg() + b"\x00" * (10 * 1024 * 1024)
    body = upload_raw(parent, data, status=413)
    assert body["code"] == "file_too_large"


def test_body_over_the_request_limit_is_our_413_json(app, parent):
    data = b"\xff\xd8\xff" + b"\x00" * (12 * 1024 * 1024 + 10)
    response = upload_raw(parent, data, status=413)
    assert response["code"] == "file_too_large"
    assert response["message"]


def test_missing_file_field_names_it(parent):
    body = parent.post(UPLOADS, data={"other": "x"}, content_type="multipart/form-data", status=400)
    assert body["code"] == "validation_error"
    assert "file" in body["errors"]


def test_upload_needs_a_parent(client):
    upload(client, image_bytes.jpeg(), status=401)
