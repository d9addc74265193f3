"""Routing: which queue a new complaint goes to, by the first rule that matches.

`route` is a pure function over the facts of a complaint and the ordered rule list (no
database, no clock), so the routing table is unit-tested as a table. A rule's condition
left empty (or None for `institution_listed`) matches anything; every condition given must
match. No match goes to the default (triage) queue. `safety` is always urgent.
"""

from dataclasses import dataclass
from types import SimpleNamespace

from models.queue import Queue
from models.routing import RoutingRule
from server.services.admin import default_queue

ALWAYS_URGENT = frozenset({"safety"})


@dataclass(frozen=True)
class ComplaintFacts:
    """What routing looks at; institution fields are None for a free-text institution."""

    category: str
    institution_kind: str | None = None
    institution_category: str | None = None
    district: str | None = None
    institution_listed: bool = False


@dataclass(frozen=True)
class Decision:
    """Where the complaint goes, which rule said so (None: no rule matched), whether urgent."""

    queue: object
    rule: object | None
    urgent: bool

    def record(self):
        """The `routing` dict kept on the complaint: why it went where it went."""
        return {
            "rule": str(self.rule.id) if self.rule is not None and self.rule.id else None,
            "rule_name": self.rule.name if self.rule is not None else None,
            "queue": self.queue.key,
        }


def _within(value, allowed):
    """An empty condition allows anything; otherwise the value must be listed."""
    return not allowed or value in allowed


# condition name -> test of (facts, the rule's condition value)
CONDITIONS = {
    "categories": lambda facts, allowed: _within(facts.category, allowed),
    "institution_kinds": lambda facts, allowed: _within(facts.institution_kind, allowed),
    "institution_categories": lambda facts, allowed: _within(facts.institution_category, allowed),
    "districts": lambda facts, allowed: _within(facts.district, allowed),
    "institution_listed": lambda facts, wanted: (
        wanted is None or facts.institution_listed == wanted
    ),
}


def matches(rule, facts):
    """Whether every condition of an active rule holds for the facts."""
    if not rule.active:
        return False
    conditions = rule.conditions
    if conditions is None:
        return True
    return all(test(facts, getattr(conditions, name, None)) for name, test in CONDITIONS.items())


def route(facts, rules, default):
    """The Decision for `facts` under the ordered `rules`, falling back to `default`."""
    urgent = facts.category in ALWAYS_URGENT
    for rule in sorted(rules, key=lambda r: r.order):
        if matches(rule, facts):
            return Decision(queue=rule.queue, rule=rule, urgent=urgent or bool(rule.urgent))
    return Decision(queue=default, rule=None, urgent=urgent)


@dataclass(frozen=True)
class StoredRule:
    """A rule as read from the store for one routing: raw fields, the queue by id.

    Building the mongoengine documents (and dereferencing each rule's queue) cost more
    than the rest of a submission together; routing needs only these fields.
    """

    id: object
    name: str
    order: int
    conditions: SimpleNamespace
    queue: object  # the queue's id
    urgent: bool
    active: bool = True


def load_rules():
    """The active rules in order whose queue is open (a closed queue's rule is skipped)."""
    open_queues = {doc["_id"] for doc in Queue._get_collection().find({"active": True}, {"_id": 1})}
    docs = RoutingRule._get_collection().find(
        {"active": {"$ne": False}}, sort=[("order", 1), ("_id", 1)]
    )
    return [
        StoredRule(
            id=doc["_id"],
            name=doc.get("name", ""),
            order=doc.get("order", 0),
            conditions=SimpleNamespace(
                **{name: (doc.get("conditions") or {}).get(name) for name in CONDITIONS}
            ),
            queue=doc.get("queue"),
            urgent=bool(doc.get("urgent")),
        )
        for doc in docs
        if doc.get("queue") in open_queues
    ]


def route_complaint(facts):
    """Route with the rules in the database (active ones, in order) and the triage queue."""
    decision = route(facts, load_rules(), None)
    queue = Queue.objects(id=decision.queue).first() if decision.rule is not None else None
    return Decision(queue=queue or default_queue(), rule=decision.rule, urgent=decision.urgent)
