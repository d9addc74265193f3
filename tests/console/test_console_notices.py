"""Console notices: admins write, publish and withdraw; other staff read; parents see published."""

from models.institution import Institution
from models.notice import Notice
from tests.support.console_client import text_of


def notice_id(title):
    return str(Notice.objects.get(title=title).id)


def test_admin_writes_publishes_and_withdraws(console_login, client):
    admin = console_login("boss", ["admin"])
    black = Institution(name="某某培训学校", status="blacklist").save()
    admin.get("/console/notices/new")
    form = {"title": "黑名单公告", "body": "第一批", "institutions": str(black.id)}
    page = admin.page(admin.post("/console/notices", form).headers["Location"])
    assert "公告已保存为草稿" in page
    assert "某某培训学校" in page
    assert "未发布" in page
    assert client.get("/api/mp/v1/notices")["total"] == 0
    nid = notice_id("黑名单公告")
    admin.post(f"/console/notices/{nid}/publish")
    assert "公告已发布" in admin.page(f"/console/notices/{nid}")
    assert client.get("/api/mp/v1/notices")["total"] == 1
    admin.post(f"/console/notices/{nid}/edit", {"title": "黑名单公告（更正）", "body": "第一批"})
    assert Notice.objects.get(id=nid).title == "黑名单公告（更正）"
    admin.post(f"/console/notices/{nid}/withdraw")
    assert client.get("/api/mp/v1/notices")["total"] == 0
    assert "草稿" in admin.page("/console/notices?show=draft")


def test_bad_notice_shows_the_reasons(console_login):
    admin = console_login("boss", ["admin"])
    admin.get("/console/notices/new")
    form = {"title": "", "body": "正文", "institutions": "not-an-id"}
    page = text_of(admin.post("/console/notices", form, status=400))
    assert "请填写标题" in page
    assert "机构编号格式不正确" in page
    assert 'name="body"' in page
    assert ">正文<" in page
    assert Notice.objects.count() == 0


def test_staff_read_but_do_not_write(console_login):
    admin = console_login("boss", ["admin"])
    admin.get("/console/notices/new")
    admin.post("/console/notices", {"title": "通知", "body": "内容", "published": "1"})
    nid = notice_id("通知")
    viewer = console_login("reader", ["viewer"])
    page = viewer.page(f"/console/notices/{nid}")
    assert "内容" in page
    assert "撤回公告" not in page
    assert "edit-form" not in page
    viewer.post(f"/console/notices/{nid}/withdraw", status=403)
    viewer.get("/console/notices/new", status=403)
    assert Notice.objects.get(id=nid).published


def test_unknown_notice_is_a_404_page(console_login):
    admin = console_login("boss", ["admin"])
    admin.get("/console/notices/0123456789abcdef01234567", status=404)
    admin.get("/console/notices/nonsense", status=404)
