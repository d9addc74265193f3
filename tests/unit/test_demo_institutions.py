"""The demo county: realistic, varied, valid, and the lookalikes the verdict must resist."""

import random
from collections import Counter

from models.institution import credit_code_is_valid
from server.services.demo.institutions import NOT_LISTED, SEAT, generate
from server.services.directory import geo


def test_the_demo_county_covers_every_kind_category_and_status():
    docs = list(generate(300, random.Random(20211)))
    assert len({d["name"] for d in docs}) == 300
    assert not set(NOT_LISTED) & {d["name"] for d in docs}
    assert {"启航英语培训学校", "智慧树数学工作室", "智慧树数学培训学校"} <= {
        d["name"] for d in docs
    }
    kinds = Counter((d["kind"], d.get("category")) for d in docs)
    assert set(kinds) == {
        ("subject", None),
        ("non_subject", "sports"),
        ("non_subject", "arts"),
        ("non_subject", "science"),
        ("non_subject", "other"),
    }
    statuses = Counter(d["status"] for d in docs)
    assert set(statuses) == {"whitelist", "blacklist", "suspended", "revoked", "pending"}
    assert len({d["district"] for d in docs}) >= 6
    for d in docs:
        assert d["courses"]
        assert d["teachers"]["qualified"] <= d["teachers"]["total"]
        assert "credit_code" not in d or credit_code_is_valid(d["credit_code"])
        if "location" in d:
            near = geo.haversine_m(*SEAT, d["location"]["lat"], d["location"]["lng"])
            assert near < 25_000
        assert d["status_history"][-1]["status"] == d["status"]
