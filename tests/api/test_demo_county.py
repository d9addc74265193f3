"""The demo county seeds once and is served: search and the lookalike verdict."""

from server.services.demo.county import seed_directory


def test_the_demo_county_is_served(client):
    seed_directory(300)
    seed_directory(300)  # idempotent
    assert client.get("/api/mp/v1/institutions")["total"] == 300
    verdict = client.get("/api/mp/v1/institutions/check", query_string={"name": "启航英语培训中心"})
    assert verdict["verdict"] == "not_listed"
    assert verdict["similar"][0]["name"] == "启航英语培训学校"
