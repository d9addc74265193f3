"""In the demo county, a verdict's lookalikes share the brand, never only trade words."""

import pytest

from server.services.demo.county import seed_directory
from server.services.directory.brands import brand_of
from server.services.directory.names import normalize_name
from tests.support.directory_helpers import PUBLIC, create

CHECK = f"{PUBLIC}/check"


@pytest.fixture
def county(admin):
    """The demo county, plus institutions sharing 启航 by characters, sound and script."""
    seed_directory(300)
    for name in ("启航少儿编程中心", "起航美术工作室", "啟航舞蹈工作室"):
        create(admin, name, kind="non_subject", category="arts")
    return admin


def test_a_whitelisted_name_lists_only_brand_sharing_lookalikes(client, county):
    body = client.get(CHECK, query_string={"name": "启航英语培训学校"})
    assert body["verdict"] == "whitelist"
    names = {item["name"] for item in body["similar"]}
    assert {"启航少儿编程中心", "起航美术工作室", "啟航舞蹈工作室"} <= names
    for item in body["similar"]:  # no 书文英语培训学校: sharing 英语培训学校 is not alike
        assert brand_of(normalize_name(item["name"]), item["district"]) in ("启航", "起航")


@pytest.mark.parametrize("name", ["学而思", "學而思", "学尔思", "学而思培优"])
def test_each_spelling_of_a_brand_finds_the_listed_one(client, admin, name):
    create(admin, "学而思培训学校")
    create(admin, "思学而英语培训学校")  # the same characters, another brand
    body = client.get(CHECK, query_string={"name": name})
    assert [item["name"] for item in body["similar"]] == ["学而思培训学校"]
