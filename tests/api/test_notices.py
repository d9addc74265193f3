"""Notices: admins write, publish and withdraw; parents see published ones only."""

from datetime import UTC, datetime

import pytest

from models.notice import Notice
from tests.support.factories import make_institution

STAFF = "/api/staff/v1/notices"
PARENTS = "/api/mp/v1/notices"


def notice(admin, **fields):
    """Create a notice through the API; returns its JSON."""
    body = {"title": "关于寒假校外培训的提醒", "body": "寒假期间严禁学科类培训。", **fields}
    return admin.post(STAFF, json=body, status=201)


def test_a_draft_is_hidden_from_parents_until_published(admin, client):
    draft = notice(admin)
    assert draft["published"] is False
    assert draft["published_at"] is None
    assert client.get(PARENTS)["items"] == []
    client.get(f"{PARENTS}/{draft['id']}", status=404)

    published = admin.patch(f"{STAFF}/{draft['id']}", json={"published": True})
    assert published["published"] is True
    assert published["published_at"]
    listed = client.get(PARENTS)
    assert [n["id"] for n in listed["items"]] == [draft["id"]]
    assert listed["total"] == 1
    detail = client.get(f"{PARENTS}/{draft['id']}")
    assert set(detail) == {"id", "title", "body", "published", "published_at", "institutions"}
    assert detail["title"] == "关于寒假校外培训的提醒"


def test_withdrawing_hides_it_again_and_republishing_restamps(admin, client):
    first = notice(admin, published=True)
    Notice.objects(id=first["id"]).update_one(set__published_at=datetime(2026, 1, 5, tzinfo=UTC))
    # Publishing a published notice again keeps its date.
    same = admin.patch(f"{STAFF}/{first['id']}", json={"published": True})
    assert same["published_at"] == "2026-01-05T08:00:00+08:00"
    admin.patch(f"{STAFF}/{first['id']}", json={"published": False})
    assert client.get(PARENTS)["total"] == 0
    client.get(f"{PARENTS}/{first['id']}", status=404)
    # Staff still see the withdrawn notice.
    assert admin.get(f"{STAFF}?published=false")["items"][0]["id"] == first["id"]
    again = admin.patch(f"{STAFF}/{first['id']}", json={"published": True})
    assert again["published_at"] > "2026-01-05T08:00:00+08:00"
    assert client.get(PARENTS)["total"] == 1


def test_parents_see_newest_first_with_pages(admin, client):
    ids = [notice(admin, title=f"公告{i}", published=True)["id"] for i in range(3)]
    notice(admin, title="草稿")
    page1 = client.get(f"{PARENTS}?per_page=2")
    assert [n["id"] for n in page1["items"]] == [ids[2], ids[1]]
    assert page1["total"] == 3
    page2 = client.get(f"{PARENTS}?per_page=2&page=2")
    assert [n["id"] for n in page2["items"]] == [ids[0]]


def test_a_notice_lists_institutions_with_their_status(admin, client):
    bad = make_institution("某某学科辅导班", status="blacklist")
    good = make_institution("星光美术", kind="non_subject", status="whitelist")
    created = notice(admin, institutions=[str(bad.id), str(good.id)], published=True)
    listed = client.get(f"{PARENTS}/{created['id']}")["institutions"]
    assert listed[0] == {
        "id": str(bad.id),
        "name": "某某学科辅导班",
        "status": "blacklist",
        "status_label": "黑名单",
    }
    assert [(i["id"], i["status_label"]) for i in listed[1:]] == [(str(good.id), "白名单")]
    edited = admin.patch(f"{STAFF}/{created['id']}", json={"institutions": [str(good.id)]})
    assert [i["id"] for i in edited["institutions"]] == [str(good.id)]


def test_edits_change_only_what_is_sent(admin):
    created = notice(admin)
    edited = admin.patch(f"{STAFF}/{created['id']}", json={"title": " 新标题 "})
    assert edited["title"] == "新标题"
    assert edited["body"] == created["body"]
    assert edited["updated_by"] == "admin"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": "正文"}, "title"),
        ({"title": "标题"}, "body"),
        ({"title": "  ", "body": "正文"}, "title"),
        ({"title": "长" * 101, "body": "正文"}, "title"),
        ({"title": "标题", "body": "正文", "published": "yes"}, "published"),
        ({"title": "标题", "body": "正文", "institutions": "abc"}, "institutions"),
        ({"title": "标题", "body": "正文", "institutions": ["not-an-id"]}, "institutions"),
        ({"title": "标题", "body": "正文", "institutions": ["0" * 24]}, "institutions"),
    ],
)
def test_bad_notices_are_refused_naming_the_field(admin, payload, field):
    body = admin.post(STAFF, json=payload, status=400)
    assert body["code"] == "validation_error"
    assert field in body["errors"]


def test_a_bad_patch_changes_nothing(admin):
    created = notice(admin)
    change = {"title": "", "published": True}
    body = admin.patch(f"{STAFF}/{created['id']}", json=change, status=400)
    assert "title" in body["errors"]
    assert admin.get(f"{STAFF}/{created['id']}")["published"] is False


def test_malformed_body_and_unknown_ids(admin, client):
    admin.post(STAFF, data="not json", content_type="application/json", status=400)
    admin.patch(f"{STAFF}/{'0' * 24}", json={"title": "x"}, status=404)
    admin.patch(f"{STAFF}/nonsense", json={"title": "x"}, status=404)
    client.get(f"{PARENTS}/nonsense", status=404)


@pytest.mark.parametrize("role", ["dispatcher", "handler", "viewer"])
def test_only_admins_write_but_all_staff_read(admin, login_staff, role):
    created = notice(admin)
    other = login_staff("someone", [role])
    assert other.post(STAFF, json={"title": "x", "body": "y"}, status=403)["code"] == "forbidden"
    other.patch(f"{STAFF}/{created['id']}", json={"published": True}, status=403)
    assert other.get(STAFF)["total"] == 1


def test_parents_cannot_write_and_anonymous_staff_calls_are_refused(parent, client):
    parent.post(STAFF, json={"title": "x", "body": "y"}, status=401)
    client.get(STAFF, status=401)
