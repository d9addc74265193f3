"""The demo county's notices are published, idempotent and readable by parents."""

from models.institution import Institution
from models.notice import Notice
from server.services.demo.county import DEMO_NOTICES, seed_notices


def test_demo_notices_are_seeded_once_and_list_institutions(client):
    Institution(name="黑名单机构甲", status="blacklist").save()
    seed_notices()
    seed_notices()
    assert Notice.objects.count() == len(DEMO_NOTICES)
    listed = client.get("/api/mp/v1/notices")["items"]
    assert {n["title"] for n in listed} == {title for title, _, _ in DEMO_NOTICES}
    blacklist = next(n for n in listed if "黑名单" in n["title"])
    assert [i["name"] for i in blacklist["institutions"]] == ["黑名单机构甲"]
