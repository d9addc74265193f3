"""The issue's demo checks, run on a demo app (demo county, demo accounts, RETENTION_DAYS=0)
with every log line it writes captured as the app's stdout handler formats it."""

import io
import json
import logging
import re

import pytest

from server.app import create_app
from server.worker import run_once
from tests import conftest
from tests.conftest import ApiClient
from tests.support.complaint_support import body_for, submit

STAFF = "/api/staff/v1/complaints"
PHONES = re.compile(r"(?<![0-9A-Za-z])1[3-9](?:[ -]?\d){9}(?![0-9A-Za-z])")
MEASURES = "约谈负责人，举报线索来自家长 13700001111"


@pytest.fixture
def demo(now):
    """A demo app at `now` whose every log line is captured; (app, captured lines)."""
    config = {
        "APP_ENV": "demo",
        "MONGODB_DB": conftest.test_db_name(),
        "DEMO_INSTITUTIONS": 10,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "LOG_LEVEL": "INFO",
        "RETENTION_DAYS": 0,
        "RUN_WORKER": False,
    }
    root = logging.getLogger()
    (stdout,) = [h for h in root.handlers if getattr(h, "_shuangjian", False)]
    buffer = io.StringIO()
    capture = logging.StreamHandler(buffer)
    capture.setFormatter(stdout.formatter)
    root.addHandler(capture)
    try:
        app = create_app(config)
        app.extensions["clock"].set(now)
        yield app, buffer
        app.extensions["fake_wechat"].stop()
    finally:
        root.removeHandler(capture)
        root.setLevel(logging.WARNING)


def sign_in(app, code=None, *, username=None):
    """A parent (any wx.login code signs in, in demo) or a demo staff account; an ApiClient."""
    anonymous = ApiClient(app.test_client())
    if username:
        login = {"username": username, "password": "demo-password"}
        return ApiClient(
            app.test_client(), anonymous.post("/api/staff/v1/auth/login", json=login)["token"]
        )
    return ApiClient(
        app.test_client(), anonymous.post("/api/mp/v1/auth/login", json={"code": code})["token"]
    )


def act(staff, no, action, **fields):
    """One staff action at the complaint's current version."""
    version = staff.get(f"{STAFF}/{no}")["version"]
    return staff.post(
        f"{STAFF}/{no}/actions", json={"action": action, "version": version, **fields}
    )


def test_the_demo_keeps_parents_personal_information(demo):
    app, logs = demo
    first, second, third = (sign_in(app, f"demo-code-{n}") for n in (1, 2, 3))
    dispatcher = sign_in(app, username="dispatcher")
    institution = dispatcher.get("/api/staff/v1/institutions")["items"][0]["id"]
    about = {"institution_id": institution, "category": "fees"}
    target = submit(
        first,
        dict(about, description="预收一年学费，电话 13812345678", contact_phone="13812345678"),
    )["no"]
    merged = submit(second, dict(about, description="同一家机构预收学费。"))["no"]
    queue = dispatcher.get(f"{STAFF}/{target}")["queue"]["key"]
    handler = sign_in(app, username=f"handler_{queue}")
    act(dispatcher, merged, "merge", into=target)
    act(dispatcher, target, "accept_assign", assignee=handler.get("/api/staff/v1/me")["id"])
    act(
        handler,
        target,
        "resolve",
        outcome="substantiated",
        message="已责令退费。",
        measures=MEASURES,
    )
    run_once(app)
    assert "约谈负责人" not in json.dumps(
        second.get(f"/api/mp/v1/complaints/{merged}"), ensure_ascii=False
    )

    hidden = submit(third, body_for(None, anonymous=True))["no"]
    assert third.get(f"/api/mp/v1/complaints/{hidden}")["contact_phone"] is None
    assert dispatcher.get(f"{STAFF}/{hidden}")["contact_phone"] is None
    submit(third, body_for(None, anonymous=True, contact_phone="13912345678"), status=400)

    rejected = submit(
        third, body_for(None, description="打我电话 139 1234 5678", contact_phone="13912345678")
    )["no"]
    act(dispatcher, rejected, "reject", reason="不属职责，已告知家长 13912345678 向住建部门反映")
    assert run_once(app, retention=True)["retention"]["anonymised"] >= 1
    assert (
        PHONES.findall(json.dumps(dispatcher.get(f"{STAFF}/{rejected}"), ensure_ascii=False)) == []
    )

    held = first.get("/api/mp/v1/me/data")
    assert [c["no"] for c in held["complaints"]] == [target]
    first.delete("/api/mp/v1/me")
    detail = dispatcher.get(f"{STAFF}/{target}")
    assert detail["contact_phone"] is None
    assert detail["audit"][-1]["action"] == "parent_withdrew"
    assert PHONES.findall(json.dumps(detail, ensure_ascii=False)) == []

    lines = logs.getvalue().splitlines()
    assert any(" /api/mp/v1/me/data 200 " in line for line in lines)
    tokens = [client.token for client in (first, second, third, dispatcher, handler)]
    for line in lines:
        assert PHONES.search(line) is None, line
        assert not any(token in line for token in tokens), line
