"""The institution fields staff send and files carry (the archive's field list): one model.

`clean_fields(data)` returns (values, errors): values ready for the document (only the
fields given), errors as {"field": "中文原因"}. The same model checks the staff API
(strictly: JSON has types) and every imported row (`lax=True`: a spreadsheet cell holds
"3" for 3, but "1e400", "nan" or a list is refused all the same). Unknown and read-only
fields are ignored, so a client may send back what it read.
"""

from typing import Annotated

from pydantic import BeforeValidator, WithJsonSchema, model_validator

from models.choices import (
    INSTITUTION_CATEGORIES,
    INSTITUTION_KINDS,
    INSTITUTION_MODES,
    INSTITUTION_NATURES,
    INSTITUTION_STATUSES,
)
from models.institution import credit_code_is_valid
from server.services.common import (
    Choice,
    Count,
    Form,
    Items,
    Location,
    Number,
    Text,
    check_fields,
    clean_text,
)

MAX_ALIASES = 10
MAX_COURSES = 50
MAX_PRICE = 1_000_000  # yuan per class hour: anything above is a typing mistake
CREDIT_CODE_REASON = "统一社会信用代码无效：应为 18 位，且校验位符合 GB 32100-2015"


def _aliases(value):
    """One name or a list of names; duplicates and empty ones dropped."""
    if value in (None, ""):
        return []
    return [value] if isinstance(value, str) else value


def _credit_code(value):
    if value is None or (isinstance(value, str) and not clean_text(value)):
        return None
    code = clean_text(value).upper() if isinstance(value, str) else None
    if not credit_code_is_valid(code):
        raise ValueError(CREDIT_CODE_REASON)
    return code


Aliases = Annotated[Items(Text(100), MAX_ALIASES), BeforeValidator(_aliases)]
CreditCode = Annotated[
    str | None, BeforeValidator(_credit_code), WithJsonSchema({"type": "string", "maxLength": 18})
]


class Teachers(Form):
    """{"total", "qualified"}: qualified teachers are among the total."""

    total: Count | None = None
    qualified: Count | None = None

    @model_validator(mode="after")
    def _qualified_among_total(self):
        if None not in (self.total, self.qualified) and self.qualified > self.total:
            raise ValueError("持证教师数不能多于教师总数")
        return self


class Course(Form):
    """A filed course (课程备案)."""

    name: Text(100, min_length=1)
    subject: Text(40) | None = None
    grades: Text(60) | None = None
    class_hours: Count | None = None
    price_per_hour: Number(0, MAX_PRICE) | None = None
    filing_no: Text(60) | None = None


class PrepaidAccount(Form):
    """The supervised account prepaid fees must go into."""

    bank: Text(100) | None = None
    account: Text(60) | None = None


class InstitutionFields(Form):
    """POST/PATCH /institutions and each imported row; every field optional here (the
    record rules in `check_record` say what a whole institution needs)."""

    name: Text(100) | None = None
    aliases: Aliases = []
    credit_code: CreditCode = None
    licence_no: Text(60) | None = None
    kind: Choice(INSTITUTION_KINDS) = None
    category: Choice(INSTITUTION_CATEGORIES) = None
    nature: Choice(INSTITUTION_NATURES) = None
    mode: Choice(INSTITUTION_MODES) = None
    district: Text(40) | None = None
    address: Text(200) | None = None
    location: Location | None = None
    phone: Text(40) | None = None
    status: Choice(INSTITUTION_STATUSES) = None
    students: Count | None = None
    teachers: Teachers | None = None
    courses: Items(Course, MAX_COURSES) | None = None
    prepaid_account: PrepaidAccount | None = None
    business_hours: Text(100) | None = None


RULES = tuple(InstitutionFields.model_fields)


def _stored(field, value):
    """A checked value as the document takes it: "" is no value, models become dicts."""
    if value == "":
        return None
    if field == "aliases":
        return list(dict.fromkeys(v for v in value if v))
    if field == "courses":
        return [course.model_dump() for course in value or []]
    if isinstance(value, Form):
        return value.model_dump()
    return value


def clean_fields(data, *, lax=False):
    """(values, errors) for the known fields present in `data`; others are ignored."""
    found, errors = check_fields(InstitutionFields, data, lax=lax)
    return {field: _stored(field, value) for field, value in found.items()}, errors


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
