"""Intake caps through the API: a flood from one client address is capped per hour, the
service as a whole too, parent sign-ins per address; a parent's urgent complaints past the
daily cap are accepted but not urgent until a dispatcher confirms; staff see each cap."""

import io

import pytest

from models.audit import AuditEntry
from tests.support import image_bytes
from tests.support.complaint_support import body_for, submit

FLOOD = {"REMOTE_ADDR": "203.0.113.7"}
ELSEWHERE = {"REMOTE_ADDR": "198.51.100.9"}
CAPS = "/api/staff/v1/intake/caps"


@pytest.fixture
def caps(app, monkeypatch):
    """Set caps on the session app for this test (read on every request)."""

    def set_caps(**values):
        for name, value in values.items():
            monkeypatch.setitem(app.config, "CAP_" + name.upper(), value)

    return set_caps


def from_address(client, environ):
    """`client` whose every request comes from the address in `environ`."""
    original = client.call

    def call(method, path, **kwargs):
        return original(method, path, environ_base=environ, **kwargs)

    client.call = call
    return client


def test_a_flood_from_one_address_is_capped_and_staff_see_it(caps, login_parent, login_staff):
    caps(complaints_per_address=4)
    parents = [from_address(login_parent(f"flood-{i}"), FLOOD) for i in range(3)]
    for turn, parent in enumerate(parents * 2):
        submit(parent, body_for(category="safety"), status=201 if turn < 4 else 429)
    other = from_address(login_parent("elsewhere"), ELSEWHERE)
    submit(other, body_for())
    viewer = login_staff("viewer", ("viewer",))
    [event] = viewer.get(CAPS)["items"]
    assert (event["cap"], event["scope"], event["refused"]) == (
        "complaints_per_address",
        "203.0.113.*",
        2,
    )
    assert "203.0.113.7" not in str(viewer.get(CAPS))
    [entry] = AuditEntry.objects(action="intake_cap_reached").order_by("seq")
    assert (entry.outcome, entry.details["scope"]) == ("denied", "203.0.113.*")
    login_staff("handler", ("handler",)).get(CAPS, status=403)


def test_the_service_wide_cap_holds_across_addresses(caps, login_parent):
    caps(complaints_per_hour=3)
    for i in range(3):
        submit(from_address(login_parent(f"p{i}"), {"REMOTE_ADDR": f"10.0.0.{i}"}), body_for())
    late = from_address(login_parent("late"), {"REMOTE_ADDR": "10.0.1.1"})
    answer = submit(late, body_for(), status=429)
    assert answer["code"] == "rate_limited"
    assert "系统" in answer["message"]


def test_uploads_are_capped_per_address(caps, login_parent):
    caps(uploads_per_address=2)
    parent = from_address(login_parent(), FLOOD)
    for seed, status in ((1, 201), (2, 201), (3, 429)):
        parent.post(
            "/api/mp/v1/uploads",
            data={"file": (io.BytesIO(image_bytes.jpeg(color=(seed * 40, 30, 30))), "p.jpg")},
            content_type="multipart/form-data",
            status=status,
        )


def test_parent_sign_ins_are_rate_limited_per_address(caps, app, fake_wechat, client):
    caps(sign_ins_per_address=3)
    login = "/api/mp/v1/auth/login"
    for i in range(3):
        client.post(login, json={"code": fake_wechat.login_code(f"u{i}")}, environ_base=FLOOD)
    answer = client.post(
        login, json={"code": fake_wechat.login_code("u9")}, environ_base=FLOOD, status=429
    )
    assert answer["code"] == "rate_limited"
    client.post(login, json={"code": fake_wechat.login_code("u9")}, environ_base=ELSEWHERE)


def test_urgent_past_the_daily_cap_waits_for_a_dispatcher(caps, parent, login_staff):
    caps(urgent_per_parent=2)
    numbers = [submit(parent, body_for(category="safety"))["no"] for _ in range(3)]
    dispatcher = login_staff("dispatcher", ("dispatcher",))
    rows = {row["no"]: row for row in dispatcher.get("/api/staff/v1/complaints")["items"]}
    assert [(rows[n]["urgent"], rows[n]["urgent_held"]) for n in numbers] == [
        (True, False),
        (True, False),
        (False, True),
    ]
    held = numbers[2]
    handler = login_staff("handler", ("handler",), queues=("triage",))
    version = dispatcher.get(f"/api/staff/v1/complaints/{held}")["version"]
    action = {"action": "confirm_urgent", "version": version}
    handler.post(f"/api/staff/v1/complaints/{held}/actions", json=action, status=403)
    detail = dispatcher.post(f"/api/staff/v1/complaints/{held}/actions", json=action)
    assert (detail["urgent"], detail["urgent_held"]) == (True, False)
    again = {"action": "confirm_urgent", "version": detail["version"]}
    dispatcher.post(f"/api/staff/v1/complaints/{held}/actions", json=again, status=422)
    [event] = dispatcher.get(CAPS)["items"]
    assert event["cap"] == "urgent_per_parent"
