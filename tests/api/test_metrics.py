"""GET /metrics: Prometheus text holding the metrics an operator alerts on, for loopback
callers and `METRICS_TOKEN` holders only."""

import io

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.support import image_bytes
from tests.support.complaint_support import body_for, submit

OUTSIDE = {"REMOTE_ADDR": "203.0.113.50"}
NAMED = {
    "shuangjian_http_requests": "counter",
    "shuangjian_http_request_duration_seconds": "histogram",
    "shuangjian_outbox_messages": "gauge",
    "shuangjian_outbox_oldest_due_age_seconds": "gauge",
    "shuangjian_complaints_open": "gauge",
    "shuangjian_complaints_overdue": "gauge",
    "shuangjian_wechat_calls": "counter",
    "shuangjian_store_retries": "counter",
    "shuangjian_photo_decode_slots_in_use": "gauge",
    "shuangjian_sign_in_failures": "counter",
}


def scrape(client, **kwargs):
    """The metric families of one scrape, by name."""
    response = client.get("/metrics", **kwargs)
    assert response.mimetype == "text/plain"
    families = text_string_to_metric_families(response.get_data(as_text=True))
    return {family.name: family for family in families}


def value(family, **labels):
    """The sample of `family` with these labels (the _total or plain sample)."""
    for sample in family.samples:
        if sample.name.endswith(("_created", "_bucket")):
            continue
        if all(sample.labels.get(k) == v for k, v in labels.items()):
            return sample.value
    return None


def test_metrics_hold_what_an_operator_watches(client, parent, login_staff):
    client.post("/api/mp/v1/auth/login", json={"code": "invalid-code"}, status=400)
    parent.post(
        "/api/mp/v1/uploads",
        data={"file": (io.BytesIO(image_bytes.jpeg()), "p.jpg")},
        content_type="multipart/form-data",
        status=201,
    )
    no = submit(parent, body_for())["no"]
    dispatcher = login_staff("dispatcher", ("dispatcher",))
    version = dispatcher.get(f"/api/staff/v1/complaints/{no}")["version"]
    dispatcher.post(
        f"/api/staff/v1/complaints/{no}/actions", json={"action": "accept", "version": version}
    )
    families = scrape(client)
    for name, kind in NAMED.items():
        assert families[name].type == kind, name
    requests = families["shuangjian_http_requests"]
    assert value(requests, endpoint="/api/mp/v1/complaints", method="POST", status="201") >= 1
    assert value(families["shuangjian_complaints_open"], queue="triage") == 1
    assert value(families["shuangjian_outbox_messages"], state="pending") == 1
    assert value(families["shuangjian_outbox_oldest_due_age_seconds"]) >= 0
    assert value(families["shuangjian_wechat_calls"], api="code2session", outcome="ok") >= 1
    failures = families["shuangjian_sign_in_failures"]
    assert value(failures, who="parent", reason="invalid") >= 1
    assert value(families["shuangjian_photo_decode_slots_in_use"]) == 0


def test_an_outside_caller_is_refused_without_the_token(client, app, monkeypatch):
    assert client.get("/metrics", environ_base=OUTSIDE, status=403)["code"] == "forbidden"
    proxied = {"X-Forwarded-For": "203.0.113.50"}
    client.get("/metrics", headers=proxied, status=403)
    monkeypatch.setitem(app.config, "METRICS_TOKEN", "s3cret-metrics-token")
    scrape(client, environ_base=OUTSIDE, token="s3cret-metrics-token")
    client.get("/metrics", environ_base=OUTSIDE, token="wrong", status=403)


@pytest.mark.parametrize("path", ["/metrics"])
def test_metrics_are_not_in_either_spec(client, path):
    for spec in ("/api/mp/v1/swagger.json", "/api/staff/v1/swagger.json"):
        assert path not in client.get(spec)["paths"]
