"""pydantic's error types in the Chinese our parents and staff read: one table, one place."""


def _plain(value):
    """10.0 as 10, so a bound reads as staff wrote it."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


# pydantic error type -> reason (a format string over the error's ctx)
MESSAGES = {
    "missing": "必填",
    "string_type": "应为文字",
    "string_too_short": "至少 {min_length} 个字",
    "string_too_long": "最多 {max_length} 个字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "finite_number": "应为有限的数字",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "greater_than": "应大于 {gt}",
    "less_than": "应小于 {lt}",
    "bool_type": "必须是 true 或 false",
    "bool_parsing": "必须是 true 或 false",
    "list_type": "应为列表",
    "too_long": "最多 {max_length} 项",
    "too_short": "至少 {min_length} 项",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "literal_error": "可选值：{expected}",
    "enum": "可选值：{expected}",
}
# nested field names as staff read them inside a reason
PLACES = {
    "lat": "纬度",
    "lng": "经度",
    "total": "教师总数",
    "qualified": "持证教师数",
    "name": "名称",
    "subject": "科目",
    "grades": "年级",
    "class_hours": "课时",
    "price_per_hour": "每课时价格",
    "filing_no": "备案号",
    "bank": "银行",
    "account": "账户",
}
EMPTY = "必填"
FALLBACK = "格式不正确"


def _place(path):
    """A nested position as staff read it: `第 2 项`, `lat`, `第 1 项 name`."""
    parts = [
        f"第 {part + 1} 项" if isinstance(part, int) else PLACES.get(str(part), str(part))
        for part in path
    ]
    return " ".join(parts) + "：" if parts else ""


def reason_of(error, path=()):
    """The Chinese reason for one pydantic error dict, prefixed by its place inside the field."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "value_error":
        reason = str(ctx.get("error") or FALLBACK)
    elif kind == "string_too_short" and ctx.get("min_length") == 1:
        reason = EMPTY
    elif kind in MESSAGES:
        try:
            reason = MESSAGES[kind].format(**{k: _plain(v) for k, v in ctx.items()})
        except (KeyError, IndexError, ValueError):
            reason = FALLBACK
    else:
        reason = FALLBACK
    return _place(path) + reason
