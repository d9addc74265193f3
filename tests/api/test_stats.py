"""GET /stats: every figure of a known mix made through the API, against a count made here."""

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from models.choices import COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, RATING_SCORES
from models.institution import Institution
from models.rectification import Rectification
from server.clock import SHANGHAI
from tests.support import report_mix
from tests.support.factories import ComplaintFactory
from tests.support.instants import at_edges, local_date
from tests.support.report_mix import HOLIDAY, LISTED, PERIOD

mix = report_mix.mix  # the known mix, filed and moved through the API

STATS = "/api/staff/v1/stats"
OPEN = ("submitted", "accepted", "in_progress", "need_info", "reopened")


def open_rectifications(now, admin, institution_id):
    """Three notices through the API: one closed, one overdue (aged), one running."""
    ids = []
    due = local_date(now, 10)
    for problem in ("周末培训", "超前培训", "预收费"):
        body = {
            "institution_id": institution_id,
            "problems": [problem],
            "requirements": "立即整改",
            "due_date": due,
            "summary": "限期整改",
        }
        ids.append(admin.post("/api/staff/v1/rectifications", json=body, status=201)["id"])
    admin.post(f"/api/staff/v1/rectifications/{ids[0]}/close", json={"evidence": "已整改"})
    Rectification.objects(id=ids[1]).update_one(set__due_at=now - timedelta(hours=1))


def median(values):
    """The middle value (the mean of the two middle ones for an even count)."""
    ordered, half = sorted(values), len(values) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2


def with_zeros(codes, counter):
    """Every code with its count, 0 when absent."""
    return {code: counter.get(code, 0) for code in codes}


def inst_id(institution_name):
    """The archive id of a listed institution."""
    return Institution.objects.get(name=institution_name).id


def district(case):
    return LISTED[case.institution][1]["district"] if case.institution in LISTED else "未注明"


def name(case):
    return LISTED[case.institution][0] if case.institution in LISTED else case.institution


def test_every_statistic_matches_a_count_of_what_the_test_did(mix, admin, demo_queues, now):
    cases = list(mix.values())
    open_rectifications(now, admin, str(inst_id(LISTED["A"][0])))
    body = admin.get(f"{STATS}?{PERIOD}")

    assert (body["from"], body["to"], body["scope"]) == ("2026-03-01", "2026-03-31", "all")
    assert body["total"] == len(cases) == 13
    assert body["by_category"] == with_zeros(
        COMPLAINT_CATEGORIES, Counter(c.category for c in cases)
    )
    assert body["by_status"] == with_zeros(COMPLAINT_STATUSES, Counter(c.status for c in cases))
    assert body["by_queue"] == with_zeros(demo_queues, Counter(c.queue for c in cases))
    assert body["by_district"] == dict(Counter(district(c) for c in cases))
    ids = {value[0]: str(inst_id(value[0])) for value in LISTED.values()}
    expected = sorted(Counter(name(c) for c in cases).items(), key=lambda kv: (-kv[1], kv[0]))
    assert body["by_institution"] == [
        {"id": ids.get(n), "name": n, "count": count} for n, count in expected
    ]

    for step, verdict in (("accept", "accepted_on_time"), ("resolve", "resolved_on_time")):
        verdicts = [getattr(c, verdict) for c in cases]
        kept, late = verdicts.count(True), verdicts.count(False)
        assert body["on_time_counts"][step] == {"on_time": kept, "late": late}
        assert body["on_time"][step] == round(kept / (kept + late), 4)
        days = [getattr(c, f"{step}_days") for c in cases if getattr(c, f"{step}_days") is not None]
        assert body["days"][step] == {
            "mean": round(sum(days) / len(days), 2),
            "median": median(days),
        }
    # The same figures by hand, so a wrong expectation above cannot pass unnoticed.
    assert body["on_time"] == {"accept": 0.8, "resolve": 0.4}
    assert body["days"] == {
        "accept": {"mean": 0.78, "median": 1.0},
        "resolve": {"mean": 11.75, "median": 14.0},
    }
    late_and_open = [
        c.key
        for c in cases
        if c.status in OPEN and False in (c.accepted_on_time, c.resolved_on_time)
    ]
    assert body["overdue"] == len(late_and_open) == 2
    ratings = Counter(c.rating for c in cases if c.rating)
    assert body["satisfaction"] == with_zeros(RATING_SCORES, ratings)
    rated = sum(ratings.values())
    assert body["satisfaction_share"] == {
        score: round(ratings.get(score, 0) / rated, 4) for score in RATING_SCORES
    }
    assert body["rectifications"] == {"open": 2, "overdue": 1}


def test_a_handler_gets_the_figures_of_their_own_queues(mix, sign_in_staff):
    cases = [c for c in mix.values() if c.queue == "training"]
    body = sign_in_staff("h_training").get(f"{STATS}?{PERIOD}")
    assert body["scope"] == "own_queues"
    assert body["total"] == len(cases) == 6
    assert body["by_queue"] == {"training": 6}
    assert body["by_status"] == with_zeros(COMPLAINT_STATUSES, Counter(c.status for c in cases))


def test_the_admins_holiday_counts_in_days_and_deadlines(mix, admin):
    admin.delete(f"/api/staff/v1/holidays/{HOLIDAY}", status=204)
    body = admin.get(f"{STATS}?{PERIOD}")
    # Without the day off, c4's pause holds two working days and it was resolved on time;
    # c1, c2 and c6 each took one working day more.
    assert body["on_time_counts"]["resolve"] == {"on_time": 3, "late": 2}
    assert body["days"]["resolve"] == {"mean": 12.25, "median": 14.5}
    assert body["days"]["accept"] == {"mean": 0.89, "median": 1.0}


def shanghai(y, m, d, hour=0, minute=0, second=0):
    return datetime(y, m, d, hour, minute, second, tzinfo=SHANGHAI).astimezone(UTC)


@at_edges
def test_the_period_is_inclusive_shanghai_dates_and_defaults_to_30_days(admin, now):
    for moment in (
        shanghai(2026, 2, 28, 23, 59, 59),
        shanghai(2026, 3, 1),
        shanghai(2026, 3, 31, 23, 59, 59),
        shanghai(2026, 4, 1),
    ):
        ComplaintFactory(created_at=moment)
    assert admin.get(f"{STATS}?{PERIOD}")["total"] == 2
    assert admin.get(f"{STATS}?from=2026-03-31&to=2026-03-31")["total"] == 1
    assert admin.get(f"{STATS}?from=2026-03-01")["to"] == "2026-03-30"
    assert admin.get(f"{STATS}?to=2026-03-31")["from"] == "2026-03-02"

    ComplaintFactory(created_at=now)
    ComplaintFactory(created_at=now - timedelta(days=31))
    today = now.astimezone(SHANGHAI).date()
    body = admin.get(STATS)
    assert (body["from"], body["to"]) == (str(today - timedelta(days=29)), str(today))
    assert body["total"] == 1


def test_an_empty_period_rates_nothing(admin):
    body = admin.get(f"{STATS}?{PERIOD}")
    assert body["total"] == 0
    assert body["by_institution"] == []
    assert body["by_district"] == {}
    assert body["on_time"] == {"accept": None, "resolve": None}
    assert body["days"]["accept"] == {"mean": None, "median": None}
    assert set(body["satisfaction_share"].values()) == {None}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2026-13-01", "from"),
        ("to=yesterday", "to"),
        ("from=2026-3-1", "from"),
        ("from=1999-12-31", "from"),
        ("from=2026-03-02&to=2026-03-01", "from"),
    ],
)
def test_bad_dates_name_the_argument(admin, query, field):
    body = admin.get(f"{STATS}?{query}", status=400)
    assert body["code"] == "validation_error"
    assert set(body["errors"]) == {field}


def test_only_staff_read_statistics(client, parent, login_staff):
    client.get(STATS, status=401)
    parent.get(STATS, status=401)
    assert login_staff("viewer", ("viewer",)).get(STATS)["scope"] == "all"


def test_both_reports_are_in_the_staff_swagger_spec(client):
    paths = client.get("/api/staff/v1/swagger.json")["paths"]
    assert paths["/stats"]["get"]["summary"].startswith("Counts, on-time rates")
    assert {"from", "to"} <= {p["name"] for p in paths["/stats"]["get"]["parameters"]}
    assert paths["/ledger/export"]["get"]["summary"].startswith("One row per complaint")
