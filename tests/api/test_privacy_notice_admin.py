"""Admins keep the privacy notice: publish versions, correct one not yet in force, audited;
parents read the version in force and each complaint records the one its parent agreed to."""

from datetime import timedelta

from models.audit import AuditEntry
from server.clock import SHANGHAI
from tests.api.test_swagger_responses import STAFF, Checked
from tests.support.complaint_support import body_for, make_institution, submit

URL = "/api/staff/v1/privacy-notices"


def day(now, days):
    """The Shanghai date `days` after now's, as YYYY-MM-DD."""
    return (now.astimezone(SHANGHAI) + timedelta(days=days)).date().isoformat()


def draft(now, version, days=0, **extra):
    """A whole new version effective `days` from today."""
    body = {"version": version, "title": "隐私保护指引", "body": "我们收集……"}
    return {**body, "effective_date": day(now, days), **extra}


def test_admins_publish_versions_parents_read_the_one_in_force(admin, client, now):
    checked = Checked(client.get(f"{STAFF}/swagger.json"), STAFF)
    checked(
        admin, "POST", "/privacy-notices", json=draft(now, "v2", 0, title="新版指引"), status=201
    )
    later = checked(admin, "POST", "/privacy-notices", json=draft(now, "v3", 5), status=201)
    checked(admin, "GET", "/privacy-notices")
    assert (later["in_force"], later["updated_by"]) == (False, "admin")
    assert client.get("/api/mp/v1/privacy")["version"] == "v2"
    assert client.get("/api/mp/v1/meta")["privacy"]["version"] == "v2"
    assert [n["version"] for n in admin.get(URL)["items"]] == ["v3", "v2"]
    assert admin.post(URL, json=draft(now, "v2"), status=409)["code"] == "duplicate"
    entries = [
        (e.action, e.target, e.details.get("op"))
        for e in AuditEntry.objects(action="privacy_notice_changed").order_by("-seq")
    ]
    assert entries[::-1] == [
        ("privacy_notice_changed", "privacy_notice:v2", "publish"),
        ("privacy_notice_changed", "privacy_notice:v3", "publish"),
    ]


def test_a_version_in_force_is_never_rewritten(admin, now):
    admin.post(URL, json=draft(now, "v2", 0), status=201)
    admin.post(URL, json=draft(now, "v3", 5), status=201)
    refused = admin.patch(f"{URL}/v2", json={"body": "改过的正文"}, status=422)
    assert "请发布新版本" in refused["message"]
    fixed = admin.patch(f"{URL}/v3", json={"title": "更正标题", "effective_date": day(now, 7)})
    assert (fixed["title"], fixed["effective_date"]) == ("更正标题", day(now, 7))
    assert admin.patch(f"{URL}/v9", json={"title": "x"}, status=404)["code"] == "not_found"
    bad = admin.post(URL, json=draft(now, "v4", effective_date="2026-13-40"), status=400)
    assert set(bad["errors"]) == {"effective_date"}
    assert AuditEntry.objects.order_by("-seq").first().details["fields"] == [
        "effective_date",
        "title",
    ]


def test_only_admins_keep_the_notice(login_staff, client, now):
    dispatcher = login_staff("dispatcher", ("dispatcher",))
    assert dispatcher.post(URL, json=draft(now, "v2"), status=403)["code"] == "forbidden"
    assert dispatcher.get(URL, status=403)["code"] == "forbidden"
    assert client.post(URL, json=draft(now, "v2"), status=401, token=None)["code"] == "unauthorized"


def test_each_complaint_records_the_notice_its_parent_agreed_to(admin, parent, now):
    admin.post(URL, json=draft(now, "v2", 0), status=201)
    agreed = submit(parent, body_for(make_institution(), privacy_version="v2"))
    assert agreed["privacy_version"] == "v2"
    assert admin.get(f"/api/staff/v1/complaints/{agreed['no']}")["privacy_version"] == "v2"
    unnamed = submit(parent, body_for(None))  # the version in force when it was filed
    assert unnamed["privacy_version"] == "v2"
    old = submit(parent, body_for(None, privacy_version="2026-06-01"), status=400)
    assert old["errors"] == {"privacy_version": "隐私保护指引已更新，请阅读并同意新版后再提交"}
