"""The demo county's routing rules: each problem to the department that acts on it.

Subject-type problems and unlicensed or unlisted institutions go to 校外培训监管股;
non-subject sports / arts / science institutions to the sports, culture-and-tourism and
science departments that regulate them; schools' homework and after-school service to
基础教育股; whatever is left (non-subject "other" institutions ...) to triage, and safety
is urgent wherever it goes. Admins edit the stored copy; this table only seeds it.
"""

from models.routing import RoutingRule, RuleConditions
from server.services.admin import seed_demo_queues

SUBJECT_TYPE = ["disguised_subject", "ahead_of_curriculum", "off_hours", "foreign_curriculum"]

# (name, queue key, conditions, urgent), in order: the first match wins.
DEMO_RULES = [
    (
        "学校作业与课后服务 → 基础教育股",
        "basic_education",
        {"categories": ["school_burden"]},
        False,
    ),
    ("学科类违规 → 校外培训监管股", "training", {"categories": SUBJECT_TYPE}, False),
    ("无证无照办学 → 校外培训监管股", "training", {"categories": ["unlicensed"]}, False),
    ("未登记机构 → 校外培训监管股", "training", {"institution_listed": False}, False),
    ("学科类机构 → 校外培训监管股", "training", {"institution_kinds": ["subject"]}, False),
    (
        "非学科类体育机构 → 体育局",
        "sports",
        {"institution_kinds": ["non_subject"], "institution_categories": ["sports"]},
        False,
    ),
    (
        "非学科类文化艺术机构 → 文旅局",
        "culture_tourism",
        {"institution_kinds": ["non_subject"], "institution_categories": ["arts"]},
        False,
    ),
    (
        "非学科类科技机构 → 科技局",
        "science",
        {"institution_kinds": ["non_subject"], "institution_categories": ["science"]},
        False,
    ),
    ("安全隐患 → 综合受理（加急）", "triage", {"categories": ["safety"]}, True),
]


def demo_rules(queues):
    """The demo rules as unsaved documents, given the queues keyed by key."""
    return [
        RoutingRule(
            name=name,
            order=(i + 1) * 10,
            conditions=RuleConditions(**conditions),
            queue=queues[queue_key],
            urgent=urgent,
        )
        for i, (name, queue_key, conditions, urgent) in enumerate(DEMO_RULES)
    ]


def seed_demo_rules():
    """Store the demo rules unless some rules exist already (admins' edits are kept)."""
    if RoutingRule.objects.count():
        return 0
    queues = {queue.key: queue for queue in seed_demo_queues()}
    rules = demo_rules(queues)
    for rule in rules:
        rule.save()
    return len(rules)
