"""Checking the institution fields staff send (the archive's field list), one rule a field.

`clean_fields(data)` returns (values, errors): values ready for the document, errors as
{"field": "中文原因"}. The same table checks the staff API and every imported row.
"""

from models.choices import (
    INSTITUTION_CATEGORIES,
    INSTITUTION_KINDS,
    INSTITUTION_MODES,
    INSTITUTION_NATURES,
    INSTITUTION_STATUSES,
)
from models.institution import credit_code_is_valid

MAX_ALIASES = 10
MAX_COURSES = 50


class Invalid(ValueError):
    """A field value that cannot be stored; the message is shown to staff."""


def _text(max_length, *, required=False):
    def check(value):
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise Invalid("必填")
            return None
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise Invalid("应为文字")
        value = str(value).strip()
        if len(value) > max_length:
            raise Invalid(f"最多 {max_length} 个字")
        return value

    return check


def _choice(table):
    def check(value):
        if value in (None, ""):
            return None
        if value not in table:
            raise Invalid("可选值：" + "、".join(table))
        return value

    return check


def _count(value, *, allow_none=True):
    if value in (None, "") and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Invalid("应为非负整数")
    try:
        number = float(value)
    except ValueError:
        raise Invalid("应为非负整数") from None
    if number < 0 or number != int(number):
        raise Invalid("应为非负整数")
    return int(number)


def _amount(value):
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Invalid("应为非负数")
    try:
        number = float(value)
    except ValueError:
        raise Invalid("应为非负数") from None
    if not number >= 0 or number == float("inf"):
        raise Invalid("应为非负数")
    return number


def _credit_code(value):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    code = value.strip().upper() if isinstance(value, str) else None
    if not credit_code_is_valid(code):
        raise Invalid("统一社会信用代码无效：应为 18 位，且校验位符合 GB 32100-2015")
    return code


def _aliases(value):
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or len(value) > MAX_ALIASES:
        raise Invalid(f"应为最多 {MAX_ALIASES} 个名称的列表")
    cleaned = [_text(100)(v) for v in value]
    return list(dict.fromkeys(v for v in cleaned if v))


def _location(value):
    if value is None:
        return None
    if not isinstance(value, dict):
        raise Invalid('应为 {"lat", "lng"}')
    lat, lng = _coordinate(value.get("lat"), 90), _coordinate(value.get("lng"), 180)
    return {"lat": lat, "lng": lng}


def _coordinate(value, limit):
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Invalid("经纬度应为数字")
    try:
        number = float(value)
    except ValueError:
        raise Invalid("经纬度应为数字") from None
    if not -limit <= number <= limit:
        raise Invalid("纬度应在 ±90、经度应在 ±180 之内")
    return number


def _object(fields):
    def check(value):
        if value is None:
            return None
        if not isinstance(value, dict):
            raise Invalid("应为对象：" + "、".join(fields))
        return {name: rule(value.get(name)) for name, rule in fields.items()}

    return check


def _teachers(value):
    teachers = _object({"total": _count, "qualified": _count})(value)
    if teachers and None not in teachers.values() and teachers["qualified"] > teachers["total"]:
        raise Invalid("持证教师数不能多于教师总数")
    return teachers


_course = _object(
    {
        "name": _text(100, required=True),
        "subject": _text(40),
        "grades": _text(60),
        "class_hours": _count,
        "price_per_hour": _amount,
        "filing_no": _text(60),
    }
)


def _courses(value):
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_COURSES:
        raise Invalid(f"应为最多 {MAX_COURSES} 门课程的列表")
    courses = []
    for number, course in enumerate(value, start=1):
        try:
            courses.append(_course(course))
        except Invalid as exc:
            raise Invalid(f"第 {number} 门课程：{exc}") from None
    return courses


RULES = {
    "name": _text(100, required=True),
    "aliases": _aliases,
    "credit_code": _credit_code,
    "licence_no": _text(60),
    "kind": _choice(INSTITUTION_KINDS),
    "category": _choice(INSTITUTION_CATEGORIES),
    "nature": _choice(INSTITUTION_NATURES),
    "mode": _choice(INSTITUTION_MODES),
    "district": _text(40),
    "address": _text(200),
    "location": _location,
    "phone": _text(40),
    "status": _choice(INSTITUTION_STATUSES),
    "students": _count,
    "teachers": _teachers,
    "courses": _courses,
    "prepaid_account": _object({"bank": _text(100), "account": _text(60)}),
    "business_hours": _text(100),
}
READ_ONLY = {"id", "status_history", "created_at", "updated_at"}


def clean_fields(data):
    """(values, errors) for the fields present in `data`; unknown fields are errors."""
    values, errors = {}, {}
    for field, raw in data.items():
        rule = RULES.get(field)
        if rule is None:
            errors[field] = "只读字段" if field in READ_ONLY else "未知字段"
            continue
        try:
            values[field] = rule(raw)
        except Invalid as exc:
            errors[field] = str(exc)
    return values, errors


def check_record(record, errors):
    """Rules across fields, on the whole record after the change (adds to `errors`)."""
    if not record.get("name"):
        errors.setdefault("name", "必填")
    kind = record.get("kind")
    if not kind:
        errors.setdefault("kind", "必填：subject（学科类）或 non_subject（非学科类）")
    elif kind == "subject" and record.get("category"):
        errors.setdefault("category", "学科类机构不设类别")
    elif kind == "non_subject" and not record.get("category"):
        errors.setdefault(
            "category", "非学科类机构须选择类别：" + "、".join(INSTITUTION_CATEGORIES)
        )
    return errors
