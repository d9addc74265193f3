"""The demo county shows the console: listed institutions, every status, photos, supplements,
ratings, a merge, an open and an overdue rectification, all through the real services."""

from collections import Counter
from datetime import UTC, datetime

import pytest

from models.complaint import Complaint
from models.rectification import Rectification
from models.staff import Staff
from server.services.deadlines.holidays import load_calendar
from server.services.deadlines.sla import DeadlineRules
from server.services.demo.complaints import seed_demo_complaints
from server.services.demo.county import seed_directory, seed_staff
from server.services.demo.routing_defaults import seed_demo_rules
from server.services.rectifications.ledger import is_overdue
from server.services.triage.reading import list_complaints

NOW = datetime(2026, 6, 9, 2, 7, tzinfo=UTC)


@pytest.fixture
def demo_county(app):
    """The demo county seeded at NOW (a Tuesday morning in Shanghai)."""
    seed_staff("demo-password")
    seed_directory(40)
    seed_demo_rules()
    clock = app.extensions["clock"]
    clock.set(NOW, frozen=True)
    try:
        seed_demo_complaints(app.config, wechat=app.extensions["wechat"], now=NOW)
        yield NOW
    finally:
        clock.reset()


def test_every_status_about_listed_institutions_and_overdue_work(demo_county, app):
    complaints = list(Complaint.objects)
    statuses = Counter(c.status for c in complaints)
    assert set(statuses) == {
        "submitted",
        "accepted",
        "in_progress",
        "need_info",
        "resolved",
        "closed",
        "rejected",
        "merged",
        "reopened",
    }
    assert all(c.institution is not None for c in complaints)
    assert sum(len(c.photos) for c in complaints) >= 6
    assert any(s.photos for c in complaints for s in c.supplements)
    assert any(c.has_news for c in complaints)
    assert {c.rating.score for c in complaints if c.rating} == {"satisfied", "dissatisfied"}
    merged = Complaint.objects.get(status="merged")
    assert Complaint.objects.get(no=merged.merged_into).status == "accepted"
    # overdue work and the ledger: one rectification open, one past its deadline
    viewer = Staff.objects.get(username="viewer")
    rules = DeadlineRules.from_config(app.config)
    late = list_complaints(
        viewer, page=1, per_page=20, overdue=True, calendar=load_calendar(), now=NOW, rules=rules
    )
    assert {item["status"] for item in late["items"]} >= {"submitted", "in_progress"}
    ledger = list(Rectification.objects)
    assert sorted(is_overdue(r, now=NOW) for r in ledger) == [False, True]
    assert all(r.status == "open" for r in ledger)
