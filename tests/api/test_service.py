"""Probes, API docs, and the one error shape for everything that goes wrong."""

import pytest

from server.app import create_app
from tests.conftest import app_config


def test_health_and_readiness(client):
    assert client.get("/healthz") == {"status": "ok"}
    assert client.get("/readyz")["status"] == "ready"


@pytest.mark.parametrize("prefix", ["/api/mp/v1", "/api/staff/v1"])
def test_swagger_spec_and_ui(client, prefix):
    spec = client.get(f"{prefix}/swagger.json")
    assert spec["swagger"] == "2.0"
    assert any(path.endswith("/login") for path in spec["paths"])
    ui = client.get(f"{prefix}/docs")
    assert ui.mimetype == "text/html"


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/no/such/page", 404, "not_found"),
        ("GET", "/api/mp/v1/no-such-thing", 404, "not_found"),
        ("GET", "/api/staff/v1/no-such-thing", 404, "not_found"),
        ("POST", "/healthz", 405, "method_not_allowed"),
        ("GET", "/api/mp/v1/auth/login", 405, "method_not_allowed"),
        ("DELETE", "/api/staff/v1/auth/login", 405, "method_not_allowed"),
    ],
)
def test_http_errors_have_the_error_shape(client, method, path, status, code):
    assert client.call(method, path, status=status)["code"] == code


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", "", '"a string"'])
@pytest.mark.parametrize("path", ["/api/mp/v1/auth/login", "/api/staff/v1/auth/login"])
def test_malformed_json_is_400(client, path, body):
    response = client.post(path, data=body, content_type="application/json", status=400)
    assert response["code"] == "malformed_json"


def test_unexpected_errors_are_500_without_details_and_logged_with_request_id(fake_wechat, caplog):
    app = create_app(app_config(fake_wechat))

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom", headers={"X-Request-ID": "req-12345678"})
    assert response.status_code == 500
    assert response.get_json() == {
        "code": "internal_error",
        "message": "服务器内部错误，请稍后再试",
    }
    assert "secret internals" not in response.get_data(as_text=True)
    assert response.headers["X-Request-ID"] == "req-12345678"
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert any("req-12345678" in r.getMessage() for r in errors)


def test_every_response_carries_a_request_id(client):
    response = client.get("/healthz")
    assert client.client.get("/healthz").headers["X-Request-ID"]
    assert response == {"status": "ok"}
