"""Console: admins publish and correct the privacy notice; parents read the version in force."""

from datetime import timedelta

from models.audit import AuditEntry
from server.clock import SHANGHAI
from tests.support.console_client import text_of


def day(now, days):
    """The Shanghai date `days` after now's, as YYYY-MM-DD."""
    return (now.astimezone(SHANGHAI) + timedelta(days=days)).date().isoformat()


def test_admin_publishes_and_corrects_a_version_not_yet_in_force(console_login, client, now):
    admin = console_login("boss", ["admin"])
    assert "尚未发布" in admin.page("/console/privacy")
    form = {"version": "v2", "title": "新指引", "body": "我们收集……", "effective_date": day(now, 0)}
    admin.post("/console/privacy", form)
    later = dict(form, version="v3", effective_date=day(now, 3))
    page = admin.page(admin.post("/console/privacy", later).headers["Location"])
    assert "已发布隐私保护指引 v3" in page
    assert "已生效" in page
    assert "待生效" in page
    assert client.get("/api/mp/v1/privacy")["version"] == "v2"
    admin.post("/console/privacy/v3", {"title": "新指引（更正）"})
    assert "新指引（更正）" in admin.page("/console/privacy")
    refused = text_of(admin.post("/console/privacy/v2", {"title": "改"}, status=422))
    assert "请发布新版本" in refused
    again = text_of(admin.post("/console/privacy", form, status=409))
    assert "该版本号已存在" in again
    actions = [e.action for e in AuditEntry.objects.order_by("-seq")]
    assert actions.count("privacy_notice_changed") == 3


def test_only_admins_see_the_privacy_notice_page(console_login):
    viewer = console_login("reader", ["viewer"])
    assert "隐私指引" not in viewer.page("/console/")
    viewer.get("/console/privacy", status=403)
