"""Admins read and replace the ordered routing rules (the router itself is routing.py).

PUT replaces the whole list: every rule is checked first and nothing is written unless
all are valid; then rules keep their ids where given (a complaint's recorded routing
decision names its rule), new ones are added and the rest removed.
"""

from models.choices import COMPLAINT_CATEGORIES, INSTITUTION_CATEGORIES, INSTITUTION_KINDS
from models.queue import Queue
from models.routing import RoutingRule, RuleConditions
from server.errors import validation_error
from server.services.admin.queues import QueueRef
from server.services.common import Shape, clean_text
from server.services.permissions import require

MAX_RULES = 200
# condition -> (allowed codes or None for free text, what a bad value is called)
CODE_CONDITIONS = {
    "categories": (COMPLAINT_CATEGORIES, "投诉类别"),
    "institution_kinds": (INSTITUTION_KINDS, "机构类型"),
    "institution_categories": (INSTITUTION_CATEGORIES, "机构类别"),
    "districts": (None, "乡镇/街道"),
}
CONDITIONS = (*CODE_CONDITIONS, "institution_listed")


def routing_rules(*, actor):
    """Every rule in routing order (`manage_routing` only)."""
    require(actor, "manage_routing")
    return list(RoutingRule.objects.order_by("order", "id"))


def _clean(value):
    """A string cleaned of control characters (None for a lone surrogate); others as given."""
    if not isinstance(value, str):
        return value
    try:
        return clean_text(value)
    except ValueError:
        return None


def _code_list(value, allowed, what):
    """(list, None) or (None, reason) for one list condition."""
    if value is None:
        return [], None
    value = [_clean(v) for v in value] if isinstance(value, list) else value
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        return None, f"必须是{what}的列表"
    values = list(dict.fromkeys(value))
    if allowed is None:
        too_long = [v for v in values if len(v) > 40]
        return (None, f"{what}不能超过 40 字") if too_long else (values, None)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        return None, f"未知的{what}：" + "、".join(unknown)
    return values, None


def _conditions(value, errors, prefix):
    """The checked conditions of one rule (an empty set matches every complaint)."""
    if value is None:
        return RuleConditions()
    if not isinstance(value, dict):
        errors[prefix] = "必须是条件对象"
        return None
    unknown = sorted(set(value) - set(CONDITIONS))
    if unknown:
        errors[prefix] = "未知的条件：" + "、".join(unknown)
    checked = {}
    for field, (allowed, what) in CODE_CONDITIONS.items():
        values, reason = _code_list(value.get(field), allowed, what)
        if reason:
            errors[f"{prefix}.{field}"] = reason
        checked[field] = values
    listed = value.get("institution_listed")
    if listed is not None and not isinstance(listed, bool):
        errors[f"{prefix}.institution_listed"] = "必须是 true、false 或 null"
    return RuleConditions(institution_listed=listed, **checked)


def _queue(value, queues):
    """The active queue named by key, id or a `{"key"}` / `{"id"}` object, or a reason."""
    if isinstance(value, dict):
        value = value.get("key") or value.get("id")
    if not isinstance(value, str) or not value:
        return None, "请指定队列（key）"
    queue = queues.get(value)
    if queue is None:
        return None, f"未知的队列：{value}"
    if not queue.active:
        return None, f"队列已停用：{value}"
    return queue, None


def _flag(value, default, field, errors):
    """An optional boolean."""
    if value is None:
        return default
    if not isinstance(value, bool):
        errors[field] = "必须是 true 或 false"
    return value


def _rule(item, index, queues, existing, errors):
    """One checked rule as a (new or existing) document at position `index`."""
    prefix = f"items[{index}]"
    if not isinstance(item, dict):
        errors[prefix] = "每条规则必须是对象"
        return None
    name = _clean(item.get("name"))
    if not isinstance(name, str) or not name or len(name) > 100:
        errors[f"{prefix}.name"] = "请填写规则名称（100 字以内）"
    conditions = _conditions(item.get("conditions"), errors, f"{prefix}.conditions")
    queue, reason = _queue(item.get("queue"), queues)
    if reason:
        errors[f"{prefix}.queue"] = reason
    urgent = _flag(item.get("urgent"), False, f"{prefix}.urgent", errors)
    active = _flag(item.get("active"), True, f"{prefix}.active", errors)
    rule = existing.get(str(item.get("id"))) or RoutingRule()
    fields = {"name": name, "order": index}
    fields.update(conditions=conditions, queue=queue, urgent=urgent, active=active)
    for field, value in fields.items():
        setattr(rule, field, value)
    return rule


def replace_routing_rules(items, *, actor):
    """Replace every rule with `items`, in order; nothing changes unless all are valid
    (`manage_routing` only)."""
    require(actor, "manage_routing")
    if not isinstance(items, list) or len(items) > MAX_RULES:
        raise validation_error({"items": f"必须是规则列表（最多 {MAX_RULES} 条）"})
    queues = {}
    for queue in Queue.objects:
        queues[queue.key] = queues[str(queue.id)] = queue
    existing = {str(rule.id): rule for rule in RoutingRule.objects}
    errors = {}
    rules = [_rule(item, i, queues, existing, errors) for i, item in enumerate(items)]
    ids = [str(rule.id) for rule in rules if rule is not None and rule.id]
    if len(ids) != len(set(ids)):
        errors["items"] = "同一条规则（id）出现了两次"
    if errors:
        raise validation_error(errors)
    for rule in rules:
        rule.save()
    kept = [rule.id for rule in rules]
    RoutingRule.objects(id__nin=kept).delete()
    return rules


class RuleConditionsView(Shape):
    """What a complaint must match (an empty list matches anything)."""

    categories: list[str]
    institution_kinds: list[str]
    institution_categories: list[str]
    districts: list[str]
    institution_listed: bool | None


class RoutingRuleView(Shape):
    """A rule as the admin API shows it."""

    id: str
    name: str
    order: int
    conditions: RuleConditionsView
    queue: QueueRef | None
    urgent: bool
    active: bool


class RoutingRules(Shape):
    """Every rule in the order they are tried."""

    items: list[RoutingRuleView]
    total: int


def rules_listing(rules):
    """The ordered rules as `{"items", "total"}`."""
    return RoutingRules.answer({"items": [rule_item(r) for r in rules], "total": len(rules)})


def rule_item(rule):
    """A rule as the admin API shows it."""
    conditions = rule.conditions or RuleConditions()
    return {
        "id": str(rule.id),
        "name": rule.name,
        "order": rule.order,
        "conditions": {
            "categories": list(conditions.categories),
            "institution_kinds": list(conditions.institution_kinds),
            "institution_categories": list(conditions.institution_categories),
            "districts": list(conditions.districts),
            "institution_listed": conditions.institution_listed,
        },
        "queue": rule.queue.to_ref() if isinstance(rule.queue, Queue) else None,
        "urgent": rule.urgent,
        "active": rule.active,
    }
