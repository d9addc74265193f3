"""The demo county shows the console: listed institutions, every status, photos, supplements,
ratings, a merge, an open and an overdue rectification, all through the real services."""

import re
from collections import Counter
from datetime import UTC, datetime

import pytest

from models.choices import COMPLAINT_STATUSES
from models.complaint import Complaint
from models.queue import Queue
from models.rectification import Rectification
from models.staff import Staff
from server.deadline_context import deadlines_of
from server.services.complaints import list_complaints
from server.services.deadlines import DeadlineRules
from server.services.demo.complaints import seed_demo_complaints
from server.services.demo.county import seed_directory, seed_staff
from server.services.demo.routing_defaults import seed_demo_rules
from server.services.holidays import load_calendar
from server.services.rectifications.ledger import is_overdue
from tests.support.console_client import ConsoleClient

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
        seed_demo_complaints(
            app.config, wechat=app.extensions["wechat"], deadlines=deadlines_of(app), now=NOW
        )
        yield NOW
    finally:
        clock.reset()


def test_every_status_about_listed_institutions_and_overdue_work(demo_county, app):
    complaints = list(Complaint.objects)
    statuses = Counter(c.status for c in complaints)
    assert set(statuses) == set(COMPLAINT_STATUSES)  # every status of the life cycle
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


HEX_ID = re.compile(r"(?<![0-9a-fA-F])[0-9a-f]{24}(?![0-9a-fA-F])")
SKIPPED = ("/static/", "/export", "/code", "/photos/", "/lookup", "/logout")


def visible_text(html):
    """What a reader sees: text outside tags, plus the values shown in text fields."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    shown = [
        value
        for tag, value in re.findall(r'(<input\b[^>]*?\bvalue="([^"]*)"[^>]*>)', html)
        if not re.search(r'type="(hidden|checkbox|radio)"', tag)
    ]
    return re.sub(r"<[^>]+>", " ", html) + " ".join(shown)


def crawl(browser, start, limit=120):
    """Every console page reachable by links from `start` (GET, HTML), up to `limit`."""
    seen, queue, pages = set(), [start], {}
    while queue and len(pages) < limit:
        path = queue.pop(0)
        if path in seen or any(part in path for part in SKIPPED):
            continue
        seen.add(path)
        response = browser.client.get(path)
        html = response.get_data(as_text=True) if response.mimetype == "text/html" else None
        response.close()
        if response.status_code != 200 or html is None:
            continue
        pages[path] = html
        links = re.findall(r'href="(/console/[^"#]*)"', html)
        queue += [link.replace("&amp;", "&") for link in links if "page=" not in link]
    return pages


def test_no_page_shows_a_database_id_or_a_queue_key(demo_county, app):
    browser = ConsoleClient(app.test_client())
    browser.login("admin", "demo-password")
    pages = crawl(browser, "/console/")
    assert len(pages) > 40  # home, lists, complaints, institutions, ledger, notices, accounts
    assert any("/console/complaints/TS" in path for path in pages)
    keys = {queue.key for queue in Queue.objects}
    key_word = re.compile(r"(?<![A-Za-z_])(" + "|".join(keys) + r")(?![A-Za-z_])")
    for path, html in pages.items():
        text = visible_text(html)
        assert not HEX_ID.search(text), (path, HEX_ID.search(text).group())
        assert not key_word.search(text), (path, key_word.search(text).group())
