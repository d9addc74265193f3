"""Early warning (风险预警): the rules admins edit and the warnings they raise."""

from mongoengine import (
    BooleanField,
    DateTimeField,
    DictField,
    IntField,
    ListField,
    ReferenceField,
    StringField,
)

from models.base import BaseDocument
from models.institution import Institution
from models.queue import Queue

WARNING_STATUSES = {"open": "待处置", "acknowledged": "已知悉", "closed": "已关闭"}
RULE_KINDS = {"count": "一段时间内投诉数", "status": "名单状态"}


class WarningRule(BaseDocument):
    """A rule: `count` (at least `threshold` complaints, of `category` or any, about one
    institution within `days`) or `status` (any complaint about an institution whose list
    status is one of `statuses`)."""

    key = StringField(required=True, unique=True, regex=r"^[a-z][a-z0-9_]{1,39}$")
    name = StringField(required=True, max_length=60)
    kind = StringField(required=True, choices=list(RULE_KINDS))
    category = StringField()
    threshold = IntField(min_value=1, max_value=1000)
    days = IntField(min_value=1, max_value=365)
    statuses = ListField(StringField())
    active = BooleanField(default=True)
    order = IntField(default=0)
    updated_by = StringField()

    meta = {"collection": "warning_rules", "ordering": ["order", "key"]}


class RiskWarning(BaseDocument):
    """One institution's warning under one rule; its evidence grows while it is live.

    `live` is True while open or acknowledged and unset once closed: the unique partial
    index on (subject, rule, live) lets one live warning exist per institution and rule,
    however many processes see the complaint that raises it at once.
    """

    subject = StringField(required=True)  # "id:<institution id>" or "name:<name>|<address>"
    institution = ReferenceField(Institution)
    institution_name = StringField()
    rule = StringField(required=True)
    rule_name = StringField()
    queue = ReferenceField(Queue)  # the queue of the complaint that raised it
    status = StringField(required=True, choices=list(WARNING_STATUSES), default="open")
    live = BooleanField()
    evidence = ListField(StringField())  # complaint tracking numbers, oldest first
    opened_at = DateTimeField(required=True)
    last_evidence_at = DateTimeField()
    history = ListField(DictField())  # {"at", "by", "action", "note"}

    meta = {
        "collection": "risk_warnings",
        "indexes": [
            {
                "fields": ["subject", "rule", "live"],
                "unique": True,
                "partialFilterExpression": {"live": True},
            },
            {"fields": ["status", "-opened_at"]},
            {"fields": ["-opened_at"]},
            {"fields": ["institution", "-opened_at"]},
            {"fields": ["institution", "status", "-opened_at"]},
            {"fields": ["institution", "queue", "-opened_at"]},
            {"fields": ["institution", "queue", "status", "-opened_at"]},
            {"fields": ["queue", "status", "-opened_at"]},
            {"fields": ["queue", "-opened_at"]},
            {"fields": ["status", "opened_at"]},  # statistics: warnings of a period
        ],
    }
