"""Errors that say what went wrong (413 body_too_large / too_many_parts / file_too_large),
`Allow` on 405, `nosniff` everywhere, no framing of the Swagger pages, deep JSON refused."""

import io

import pytest

from models.photo import Photo
from tests.support import image_bytes

MP, STAFF = "/api/mp/v1", "/api/staff/v1"
UPLOADS = f"{MP}/uploads"


def test_an_oversized_json_body_is_body_too_large_not_a_photo_message(client):
    body = b'{"username": "' + b"a" * (1024 * 1024 + 10) + b'", "password": "x"}'
    answer = client.post(
        f"{STAFF}/auth/login", data=body, content_type="application/json", status=413
    )
    assert answer["code"] == "body_too_large"
    assert "图片" not in answer["message"]


def test_a_json_body_over_the_json_limit_but_under_the_upload_limit_is_refused(parent):
    body = b'{"text": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    answer = parent.post(
        f"{MP}/complaints/TS202606090001/supplements",
        data=body,
        content_type="application/json",
        status=413,
    )
    assert answer["code"] == "body_too_large"


def test_a_chunked_json_body_past_the_limit_is_body_too_large(client):
    """No Content-Length to check: the limit holds on the stream (as gunicorn delivers it)."""
    body = b'{"username": "' + b"a" * (2 * 1024 * 1024) + b'", "password": "x"}'
    answer = client.post(
        f"{STAFF}/auth/login",
        input_stream=io.BytesIO(body),
        headers={"Transfer-Encoding": "chunked", "Content-Type": "application/json"},
        environ_overrides={"wsgi.input_terminated": True},
        status=413,
    )
    assert answer["code"] == "body_too_large"


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 100_000,
        b'{"a": ' * 50_000 + b"1" + b"}" * 50_000,
        b'{"code": ' + b"[" * 30 + b"]" * 30 + b"}",
    ],
    ids=["deep-array-unclosed", "deep-object", "21-levels"],
)
@pytest.mark.parametrize("path", [f"{MP}/auth/login", f"{STAFF}/auth/login"])
def test_json_nested_too_deep_is_400_without_login(client, path, raw):
    answer = client.post(path, data=raw, content_type="application/json", status=400)
    assert answer["code"] == "malformed_json"


def test_json_at_an_ordinary_depth_still_reaches_validation(client):
    nested = b'{"username": {"a": [[["x"]]]}, "password": "x"}'
    answer = client.post(
        f"{STAFF}/auth/login", data=nested, content_type="application/json", status=400
    )
    assert answer["code"] == "validation_error"


def multipart(parts, boundary="----limits-test"):
    """A multipart body of (name, filename or None, bytes) parts, encoded here."""
    chunks = []
    for name, filename, data in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        chunks.append(
            f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + data + b"\r\n"
        )
    return b"".join(
        chunks
    ) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def test_an_upload_with_too_many_form_parts_is_too_many_parts(parent):
    parts = [("file", "p.jpg", image_bytes.jpeg())] + [(f"f{i}", None, b"x") for i in range(30)]
    body, content_type = multipart(parts)
    answer = parent.post(UPLOADS, data=body, content_type=content_type, status=413)
    assert answer["code"] == "too_many_parts"
    assert Photo.objects.count() == 0


def test_a_photo_over_its_limit_is_still_file_too_large(parent):
    body, content_type = multipart(
        [("file", "big.jpg", image_bytes.jpeg() + b"\0" * (10 * 1024 * 1024))]
    )
    answer = parent.post(UPLOADS, data=body, content_type=content_type, status=413)
    assert answer["code"] == "file_too_large"


def test_a_staff_import_with_too_many_parts_is_too_many_parts(admin):
    # The file last: werkzeug leaves a spooled file part unclosed when it stops mid-form.
    parts = [(f"f{i}", None, b"x") for i in range(1001)]
    parts.append(("file", "a.csv", "机构名称\n甲\n".encode()))
    body, content_type = multipart(parts)
    answer = admin.post(
        f"{STAFF}/institutions/import", data=body, content_type=content_type, status=413
    )
    assert answer["code"] == "too_many_parts"


def test_a_console_form_with_too_many_parts_is_an_html_413(console_login):
    browser = console_login()
    form = {f"f{i}": "x" for i in range(1001)}
    body, content_type = multipart([(name, None, b"x") for name in form])
    response = browser.client.post("/console/notices", data=body, content_type=content_type)
    assert response.status_code == 413
    assert "表单项过多" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("POST", "/healthz", {"GET", "HEAD"}),
        ("GET", f"{MP}/auth/login", {"POST"}),
        ("DELETE", f"{STAFF}/auth/login", {"POST"}),
        ("PUT", f"{MP}/uploads", {"POST"}),
        ("DELETE", "/console/login", {"GET", "POST"}),
    ],
)
def test_405_names_the_allowed_methods(app, method, path, allowed):
    response = app.test_client().open(path, method=method)
    assert response.status_code == 405
    assert allowed <= {m.strip() for m in response.headers["Allow"].split(",")}


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/healthz", 200),
        (f"{MP}/meta", 200),
        (f"{MP}/no-such-thing", 404),
        (f"{MP}/swagger.json", 200),
        (f"{STAFF}/me", 401),
        ("/console/login", 200),
        ("/nowhere", 404),
    ],
)
def test_every_response_says_nosniff(app, path, status):
    response = app.test_client().get(path)
    assert response.status_code == status
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_photo_response_says_nosniff(parent):
    stored = parent.post(
        UPLOADS,
        data={"file": (io.BytesIO(image_bytes.jpeg()), "p.jpg")},
        content_type="multipart/form-data",
        status=201,
    )
    response = parent.get(f"{MP}/photos/{stored['id']}")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", [f"{MP}/docs", f"{STAFF}/docs"])
def test_swagger_ui_pages_cannot_be_framed(app, path):
    response = app.test_client().get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
