"""Policy hints as a table: facts of a report -> the hint codes staff see."""

from datetime import date, datetime

import pytest

from models.institution import Institution
from server.clock import SHANGHAI
from server.services.complaints import HintFacts, policy_hints
from server.services.deadlines import Calendar


def at(text):
    """A Shanghai wall-clock time."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def institution(**fields):
    """An unsaved archive institution: subject, offline, whitelisted unless told."""
    values = {"name": "机构", "kind": "subject", "mode": "offline", "status": "whitelist"}
    values.update(fields)
    return Institution(**values)


SUBJECT = institution()
ONLINE = institution(mode="online")
SPORTS = institution(kind="non_subject", category="sports")

# (category, occurred_at, institution) -> hint codes; 2025-03-05 is a Wednesday,
# 2025-03-08 a Saturday, 2025-10-02 National Day, 2025-09-28 a make-up workday (Sunday).
TABLE = [
    ("fees", at("2025-03-05T19:00"), SUBJECT, []),
    ("fees", None, SUBJECT, []),
    ("off_hours", at("2025-03-05T20:30"), SUBJECT, []),
    ("off_hours", at("2025-03-05T20:45"), SUBJECT, ["off_hours"]),
    ("off_hours", at("2025-03-05T05:30"), SUBJECT, ["off_hours"]),
    ("off_hours", at("2025-03-05T20:45"), ONLINE, []),
    ("off_hours", at("2025-03-05T21:10"), ONLINE, ["off_hours"]),
    ("fees", at("2025-03-08T10:00"), SUBJECT, ["off_hours"]),
    ("fees", at("2025-03-08T10:00"), SPORTS, []),
    ("disguised_subject", at("2025-03-08T10:00"), SPORTS, ["off_hours", "disguised_subject"]),
    ("fees", at("2025-10-02T10:00"), SUBJECT, ["off_hours"]),
    ("fees", at("2025-09-28T10:00"), SUBJECT, []),
    ("ahead_of_curriculum", None, SPORTS, ["disguised_subject"]),
    ("ahead_of_curriculum", None, SUBJECT, []),
    ("fees", None, None, ["unlicensed"]),
    ("fees", None, institution(status="blacklist"), ["banned_institution"]),
    ("fees", None, institution(status="revoked"), ["banned_institution"]),
    ("fees", None, institution(status="suspended"), ["banned_institution"]),
    ("fees", None, institution(status="pending"), ["unapproved_institution"]),
    ("fees", None, institution(nature="for_profit"), ["for_profit_subject"]),
    ("fees", None, institution(kind="non_subject", nature="for_profit"), []),
]


@pytest.mark.parametrize(
    ("category", "occurred_at", "where", "codes"), TABLE, ids=[str(i) for i in range(len(TABLE))]
)
def test_hint_table(category, occurred_at, where, codes):
    found = policy_hints(HintFacts(category, occurred_at, where))
    assert [hint["code"] for hint in found] == codes
    assert all(hint["message"] for hint in found)


def test_holiday_is_named_in_chinese():
    [hint] = policy_hints(HintFacts("fees", at("2025-10-02T10:00"), SUBJECT))
    assert "国庆节" in hint["message"]
    assert "2025-10-02" in hint["message"]


def test_late_hint_says_when():
    [hint] = policy_hints(HintFacts("fees", at("2025-03-05T20:45"), SUBJECT))
    assert "20:45" in hint["message"]
    assert "20:30" in hint["message"]


def test_a_year_the_calendar_does_not_know_falls_back_to_weekends():
    # chinese_calendar raises for years beyond its data; hints must not.
    saturday, tuesday = at("2040-06-02T10:00"), at("2040-06-05T10:00")
    assert [h["code"] for h in policy_hints(HintFacts("fees", saturday, SUBJECT))] == ["off_hours"]
    assert policy_hints(HintFacts("fees", tuesday, SUBJECT)) == []


def test_admins_extra_holiday_counts():
    calendar = Calendar(extra_holidays=frozenset({date(2025, 3, 5)}))
    found = policy_hints(HintFacts("fees", at("2025-03-05T10:00"), SUBJECT, calendar))
    assert [hint["code"] for hint in found] == ["off_hours"]
