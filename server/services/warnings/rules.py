"""The early-warning rules: defaults from the bureau's practice, edited by admins.

Defaults: three `fees` complaints about one institution within 14 days (prepaid fees are
the largest class of training complaints, and an institution about to close with parents'
money is what supervision must catch early); any complaint about an institution that is
blacklisted, suspended or revoked (it may still be operating); five complaints of any
category about one institution within 30 days.
"""

from models.choices import COMPLAINT_CATEGORIES, INSTITUTION_STATUSES
from models.warning import RULE_KINDS, WarningRule
from server.errors import validation_error
from server.services import audit
from server.services.common import Choice, Form, Items, Number, Text, check
from server.services.permissions import require
from server.services.warnings.shapes import WarningRules

DEFAULT_RULES = (
    {"key": "fees_14d", "name": "14 天内 3 起收费投诉", "kind": "count", "category": "fees",
     "threshold": 3, "days": 14},
    {"key": "listed_status", "name": "投诉涉及黑名单、暂停或吊销机构", "kind": "status",
     "statuses": ["blacklist", "suspended", "revoked"]},
    {"key": "any_30d", "name": "30 天内 5 起投诉", "kind": "count", "category": None,
     "threshold": 5, "days": 30},
)  # fmt: skip
MAX_WINDOW = 90  # days: what the complaints' (subject, category, created_at) index reads


class RuleInput(Form):
    """One rule as admins send it (PUT /warnings/rules)."""

    reasons = {
        "key": "规则编号为 2 到 40 位小写字母、数字或下划线，以字母开头",
        "threshold": "起数为 1 到 100 的整数",
        "days": f"天数为 1 到 {MAX_WINDOW} 的整数",
    }
    key: Text(40, min_length=2)
    name: Text(60, min_length=2)
    kind: Choice(RULE_KINDS)
    category: Choice(COMPLAINT_CATEGORIES) = None
    threshold: Number(1, 100, integer=True) | None = None
    days: Number(1, MAX_WINDOW, integer=True) | None = None
    statuses: Items(Choice(INSTITUTION_STATUSES), 5) | None = None
    active: bool = True


class RulesInput(Form):
    """PUT /warnings/rules: the whole ordered list."""

    items: Items(RuleInput, 20)


def ensure_default_rules():
    """Store the default rules once (admins' edits are never overwritten). Two processes
    doing it at once both upsert by key, so neither fails on the unique key."""
    if WarningRule.objects.first() is not None:
        return
    collection = WarningRule._get_collection()
    for order, rule in enumerate(DEFAULT_RULES):
        fields = WarningRule(order=order, **rule).to_mongo().to_dict()
        fields.pop("_id", None)
        collection.update_one({"key": rule["key"]}, {"$setOnInsert": fields}, upsert=True)


def rule_item(rule):
    """A rule as staff see it (`WarningRule`)."""
    return {
        "key": rule.key,
        "name": rule.name,
        "kind": rule.kind,
        "category": rule.category,
        "threshold": rule.threshold,
        "days": rule.days,
        "statuses": list(rule.statuses or []),
        "active": rule.active,
    }


def list_rules():
    """`{"items": [rule, ...]}`: every rule in order."""
    ensure_default_rules()
    rules = [rule_item(rule) for rule in WarningRule.objects.order_by("order", "key")]
    return WarningRules.answer({"items": rules})


def active_rules():
    """The rules the evaluation applies."""
    ensure_default_rules()
    return [rule for rule in WarningRule.objects.order_by("order", "key") if rule.active]


def _checked(number, data):
    rule = check(RuleInput, data)
    errors = {}
    if rule.kind == "count" and (rule.threshold is None or rule.days is None):
        errors["threshold"] = "计数规则需要起数和天数"
    if rule.kind == "status" and not rule.statuses:
        errors["statuses"] = "名单状态规则需要至少一个状态"
    if errors:
        raise validation_error({f"rules[{number}].{k}": v for k, v in errors.items()})
    return rule


def replace_rules(data, *, staff):
    """Replace every rule (admins); the new list (as `list_rules`)."""
    require(staff, "manage_warning_rules")
    if not isinstance(data, list) or len(data) > 20:
        raise validation_error({"rules": "规则应为列表，最多 20 条"})
    rules = [_checked(number, item) for number, item in enumerate(data)]
    if len({rule.key for rule in rules}) != len(rules):
        raise validation_error({"rules": "规则编号不能重复"})
    WarningRule.objects.delete()
    for order, rule in enumerate(rules):
        fields = rule.model_dump()
        if fields["kind"] == "count":
            fields["statuses"] = []
        WarningRule(order=order, updated_by=staff.username, **fields).save()
    audit.record(actor=staff, action=audit.SETTING_CHANGED, target="warning_rules",
                 details={"rules": len(rules)})  # fmt: skip
    return list_rules()
