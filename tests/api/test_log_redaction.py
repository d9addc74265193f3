"""No log line carries a signed token or a phone number, whatever shape the path has."""

import logging

import pytest

from server.log_redaction import RedactingFormatter
from server.services.photos import MediaLinks, PhotoLinks

PHONE = "13812345678"


def request_lines(caplog):
    """The request log's lines as the app's stdout handler writes them."""
    formatter = RedactingFormatter("%(message)s")
    return [formatter.format(r) for r in caplog.records if r.name == "server.request"]


@pytest.fixture
def photo_token(app, now):
    """A real signed photo-link token."""
    return PhotoLinks.from_config(app.config).token("0" * 24, "thumb", now=now)


@pytest.mark.parametrize(
    ("shape", "logged"),
    [
        ("/api/mp/v1//images/{t}", "/api/mp/v1/images/<redacted>"),
        # The test client reads "//api" as a host name: the token still goes by its shape.
        ("//api/mp/v1/images/{t}", "/mp/v1/images/<redacted>"),
        ("/api/mp/v1/images//{t}", "/api/mp/v1/images/<redacted>"),
        ("/api/mp/v1/./images/{t}", "/api/mp/v1/images/<redacted>"),
        ("/api/mp/v1/x/../images/{t}", "/api/mp/v1/images/<redacted>"),
        ("/api/mp/v1/%2569mages/{t}", "/api/mp/v1/images/<redacted>"),
        ("/API/mp/v1/Images/{t}", "/api/mp/v1/images/<redacted>"),
        ("/api/mp/v1\\images\\{t}", "/api/mp/v1/images/<redacted>"),
        ("/api/mp/v1/complaints/{t}", "/api/mp/v1/complaints/<redacted>"),
    ],
)
def test_a_photo_token_never_reaches_the_log(client, caplog, photo_token, shape, logged):
    caplog.set_level(logging.INFO, logger="server.request")
    response = client.client.get(shape.format(t=photo_token))
    assert response.status_code in (200, 308, 401, 404)
    lines = request_lines(caplog)
    assert any(line.startswith(f"GET {logged} ") for line in lines), lines
    assert not any(photo_token.rsplit(".", 1)[1] in line for line in lines)


def test_the_doubled_slash_redirect_is_logged_without_its_token(client, caplog, photo_token):
    caplog.set_level(logging.INFO, logger="server.request")
    response = client.call("GET", f"/api/mp/v1//images/{photo_token}", status=308, token=None)
    assert photo_token in response.headers["Location"]  # the client is sent on, with it
    (line,) = request_lines(caplog)
    assert line.split(" ")[:3] == ["GET", "/api/mp/v1/images/<redacted>", "308"]
    assert not any(photo_token in record.getMessage() for record in caplog.records)


def test_a_media_link_or_a_bearer_token_in_any_path_is_cut(app, client, caplog, parent):
    caplog.set_level(logging.INFO, logger="server.request")
    media = MediaLinks.from_config(app.config).url_for("0" * 24).rsplit("/", 1)[1]
    client.call("GET", f"/api/mp/v1//media/{media}", status=308, token=None)
    client.call("GET", f"/api/mp/v1/unknown/{parent.token}", status=404, token=None)
    lines = request_lines(caplog)
    assert lines[0].startswith("GET /api/mp/v1/media/<redacted> 308"), lines
    assert lines[1].startswith("GET /api/mp/v1/unknown/<redacted> 404"), lines
    assert not any(media in line or parent.token in line for line in lines)


@pytest.mark.parametrize(
    "path",
    [
        f"/api/staff/v1/complaints/{PHONE}",
        "/api/mp/v1/x/138-1234-5678",
        "/p/+86%20138%201234%205678",
    ],
)
def test_a_phone_number_in_a_path_is_never_logged(client, caplog, path):
    caplog.set_level(logging.INFO, logger="server.request")
    client.client.get(path)
    (line,) = request_lines(caplog)
    assert "〔已删除〕" not in line
    assert "<redacted>" in line
    assert not any(digits in line.replace("-", "").replace(" ", "") for digits in (PHONE,))


def test_every_line_the_app_writes_is_redacted(app):
    (handler,) = [h for h in logging.getLogger().handlers if getattr(h, "_shuangjian", False)]
    assert isinstance(handler.formatter, RedactingFormatter)
    record = logging.LogRecord(
        "server.x", logging.ERROR, __file__, 1, "failed for %s (%s)", (PHONE, "a@b.cn"), None
    )
    line = handler.format(record)
    assert PHONE not in line
    assert "a@b.cn" not in line
    assert "failed for <redacted> (<redacted>)" in line
