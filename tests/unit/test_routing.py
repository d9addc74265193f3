"""Routing as a table: the pure `route` over the demo county's rules, and its general rules."""

import pytest

from models.queue import Queue
from models.routing import RoutingRule, RuleConditions
from server.services.admin.queues import DEMO_QUEUES
from server.services.complaints import ComplaintFacts, route
from server.services.demo.routing_defaults import demo_rules

QUEUES = {key: Queue(key=key, name=name) for key, name in DEMO_QUEUES}
TRIAGE = QUEUES["triage"]
RULES = demo_rules(QUEUES)

# (category, institution kind, institution category, listed) -> (queue key, urgent)
TABLE = [
    ("school_burden", None, None, False, "basic_education", False),
    ("school_burden", "subject", None, True, "basic_education", False),
    ("disguised_subject", "non_subject", "sports", True, "training", False),
    ("ahead_of_curriculum", "subject", None, True, "training", False),
    ("off_hours", "non_subject", "arts", True, "training", False),
    ("foreign_curriculum", "non_subject", "other", True, "training", False),
    ("unlicensed", None, None, False, "training", False),
    ("unlicensed", "non_subject", "sports", True, "training", False),
    ("fees", None, None, False, "training", False),
    ("fees", "subject", None, True, "training", False),
    ("teacher", "subject", None, True, "training", False),
    ("fees", "non_subject", "sports", True, "sports", False),
    ("false_advertising", "non_subject", "arts", True, "culture_tourism", False),
    ("teacher", "non_subject", "science", True, "science", False),
    ("fees", "non_subject", "other", True, "triage", False),
    ("other", "non_subject", "other", True, "triage", False),
    ("safety", "non_subject", "sports", True, "sports", True),
    ("safety", "subject", None, True, "training", True),
    ("safety", None, None, False, "training", True),
    ("safety", "non_subject", "other", True, "triage", True),
]


@pytest.mark.parametrize(
    ("category", "kind", "inst_category", "listed", "queue", "urgent"),
    TABLE,
    ids=[f"{row[0]}-{row[1]}-{row[2]}-{row[3]}" for row in TABLE],
)
def test_demo_table(category, kind, inst_category, listed, queue, urgent):
    facts = ComplaintFacts(category, kind, inst_category, "城关镇", listed)
    decision = route(facts, RULES, TRIAGE)
    assert (decision.queue.key, decision.urgent) == (queue, urgent)


def test_a_matching_rule_is_recorded_by_name():
    decision = route(ComplaintFacts("fees", "non_subject", "sports", None, True), RULES, TRIAGE)
    assert decision.record() == {
        "rule": None,
        "rule_name": "非学科类体育机构 → 体育局",
        "queue": "sports",
    }


def test_no_rule_means_triage_with_no_rule_recorded():
    decision = route(ComplaintFacts("fees", "subject", None, None, True), [], TRIAGE)
    assert decision.queue is TRIAGE
    assert decision.rule is None
    assert not decision.urgent
    assert decision.record() == {"rule": None, "rule_name": None, "queue": "triage"}


def rule(name, order, queue, urgent=False, active=True, **conditions):
    """An unsaved rule."""
    return RoutingRule(
        name=name,
        order=order,
        queue=QUEUES[queue],
        urgent=urgent,
        active=active,
        conditions=RuleConditions(**conditions),
    )


def test_order_field_decides_not_list_position():
    rules = [rule("late", 20, "sports"), rule("early", 10, "science")]
    assert route(ComplaintFacts("fees"), rules, TRIAGE).rule.name == "early"


def test_inactive_rule_is_skipped():
    rules = [rule("off", 1, "sports", active=False), rule("on", 2, "science")]
    assert route(ComplaintFacts("fees"), rules, TRIAGE).queue.key == "science"


def test_every_condition_must_hold():
    rules = [rule("east", 1, "sports", districts=["东城"], categories=["fees"])]
    assert route(ComplaintFacts("fees", district="东城"), rules, TRIAGE).queue.key == "sports"
    assert route(ComplaintFacts("fees", district="西城"), rules, TRIAGE).queue.key == "triage"
    assert route(ComplaintFacts("teacher", district="东城"), rules, TRIAGE).queue.key == "triage"


@pytest.mark.parametrize(("listed", "queue"), [(True, "sports"), (False, "science")])
def test_institution_listed_condition(listed, queue):
    rules = [rule("listed", 1, "sports", institution_listed=True), rule("any", 2, "science")]
    assert (
        route(ComplaintFacts("fees", institution_listed=listed), rules, TRIAGE).queue.key == queue
    )


def test_a_rule_may_make_its_complaints_urgent():
    rules = [rule("hot", 1, "sports", urgent=True)]
    assert route(ComplaintFacts("fees"), rules, TRIAGE).urgent


def test_demo_rules_are_seeded_once():
    from server.services.demo.routing_defaults import DEMO_RULES, seed_demo_rules

    assert seed_demo_rules() == len(DEMO_RULES)
    assert seed_demo_rules() == 0
    assert RoutingRule.objects.count() == len(DEMO_RULES)
