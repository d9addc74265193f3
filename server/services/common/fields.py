"""One toolkit for what clients send: pydantic v2 models, our field types, one error shape.

Every JSON body, console form and imported file row is checked by a `Form` model: strict
types (no "1" for 1, no 1.5 for a count, no list where a choice is expected), lengths and
ranges, no inf/nan, unknown fields ignored. `check(Model, data)` returns the model or
raises one 400 `validation_error` naming every bad field with a Chinese reason;
`check_fields` gives (the good values, {field: reason}) without raising, so a service can
go on to the store's checks and name every bad field at once, and file rows (`lax=True`)
can be reported row by row.

Text is cleaned where it enters (`Text`, `LongText`): control characters go, newlines and
tabs survive only in long text, a lone surrogate is refused (no store, hash or file can
encode it). `Moment` is an ISO 8601 instant between 2000 and tomorrow, `Day` a date in a
range; `Count`, `Number` and the coordinates are finite and bounded.
"""

import re
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
)

from server.clock import as_utc, parse_iso, utcnow
from server.errors import validation_error
from server.services.common.field_messages import reason_of

# C0 (less tab, newline), DEL, C1, and the two XML non-characters: no file format holds them.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
LINE_BREAKS = re.compile("[\t\n]+")
SURROGATE = re.compile("[\ud800-\udfff]")
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
MAX_NUMBER = 10**9  # no count, price or coordinate we store comes near this


class Form(BaseModel):
    """Base of every input model: strict, finite, unknown fields ignored."""

    model_config = ConfigDict(strict=True, extra="ignore", allow_inf_nan=False)
    # field -> one Chinese reason shown for any failure of that field (optional)
    reasons: ClassVar[dict[str, str]] = {}

    def given(self):
        """The fields the client sent (after checking), as a dict."""
        return {name: getattr(self, name) for name in self.model_fields_set}


def clean_text(value, *, multiline=False):
    """`value` without control characters (newline/tab kept if `multiline`), trimmed;
    ValueError for a lone surrogate."""
    if SURROGATE.search(value):
        raise ValueError("包含无法识别的字符")
    value = CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    if not multiline:
        value = LINE_BREAKS.sub(" ", value)
    return value.strip()


def _lax(info):
    return bool(info.context and info.context.get("lax"))


def _text_before(multiline):
    def clean(value, info: ValidationInfo):
        if _lax(info) and isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)  # a spreadsheet cell holding a number
        if isinstance(value, str):
            value = clean_text(value, multiline=multiline)
        return value

    return clean


def Text(max_length, *, min_length=0):
    """A single line of text: control characters and line breaks cleaned, then measured."""
    return Annotated[
        str,
        Field(min_length=min_length, max_length=max_length),
        BeforeValidator(_text_before(False)),
    ]


def LongText(max_length, *, min_length=0):
    """Text that may hold newlines and tabs (descriptions, replies, notice bodies)."""
    return Annotated[
        str,
        Field(min_length=min_length, max_length=max_length),
        BeforeValidator(_text_before(True)),
    ]


def _empty_is_none(value):
    return None if value == "" else value


def Choice(table):
    """One code of `table` (a dict code -> label), or None; "" counts as not given."""
    codes = tuple(table)

    def check(value):
        value = _empty_is_none(value)
        if value is not None and not (isinstance(value, str) and value in table):
            raise ValueError("可选值：" + "、".join(codes))
        return value

    schema = {"type": "string", "enum": list(codes)}
    return Annotated[str | None, BeforeValidator(check), WithJsonSchema(schema)]


def Number(low, high, *, integer=False):
    """A finite number (an integer if `integer`) in [low, high]; never a bool."""
    kind = int if integer else float
    return Annotated[kind, Field(ge=low, le=high)]


Count = Number(0, MAX_NUMBER, integer=True)
IdText = Annotated[str, Field(pattern="^[0-9a-f]{24}$")]  # an ObjectId as clients send it
Latitude = Number(-90, 90)
Longitude = Number(-180, 180)


def _moment(value, info: ValidationInfo):
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError("时间应为 ISO 8601 文字，如 2026-03-01T20:45:00+08:00")
    moment = parse_iso(value) if len(value) <= 40 else None
    if moment is None:
        raise ValueError("时间格式不正确，应为 ISO 8601，如 2026-03-01T20:45:00+08:00")
    now = as_utc((info.context or {}).get("now") or utcnow())
    if moment < EARLIEST:
        raise ValueError("时间不能早于 2000 年")
    if moment > now + timedelta(days=1):
        raise ValueError("时间不能晚于明天")
    return moment


Moment = Annotated[
    datetime | None,
    BeforeValidator(_moment),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


def Day(first, last, reason="日期应为 YYYY-MM-DD，如 2026-03-01"):
    """A calendar date written YYYY-MM-DD, between `first` and `last`; None when empty."""

    def parse_day(value):
        if value in (None, ""):
            return None
        if not isinstance(value, str) or not DAY.fullmatch(value.strip()):
            raise ValueError(reason)
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(reason) from None
        if not first <= day <= last:
            raise ValueError(reason)
        return day

    schema = {"type": "string", "format": "date"}
    return Annotated[date | None, BeforeValidator(parse_day), WithJsonSchema(schema)]


class Location(Form):
    """A point as {"lat", "lng"} (GCJ-02)."""

    lat: Latitude
    lng: Longitude


def field_errors(model, exc: ValidationError):
    """{field: Chinese reason} for pydantic's errors, one reason per top-level field."""
    errors = {}
    for error in exc.errors(include_url=False):
        loc = error["loc"] or ("body",)
        field = str(loc[0])
        if field in errors:
            continue
        errors[field] = model.reasons.get(field) or reason_of(error, loc[1:])
    return errors


def check(model, data, *, context=None):
    """`data` checked by `model`; 400 `validation_error` naming every bad field."""
    if not isinstance(data, dict):
        raise validation_error({"body": "请求内容应为 JSON 对象"})
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise validation_error(field_errors(model, exc)) from None


def check_fields(model, data, *, context=None, lax=False):
    """(values, errors): every field given that passed, and a reason for each that did not,
    so a service can go on to check the good ones against the store and name every bad
    field. `lax` for file rows and forms: numbers may come as text, as cells hold them."""
    if not isinstance(data, dict):
        return {}, {"body": "请求内容应为 JSON 对象"}
    strict = False if lax else None
    context = {**(context or {}), "lax": lax}
    try:
        return model.model_validate(data, strict=strict, context=context).given(), {}
    except ValidationError as exc:
        errors = field_errors(model, exc)
    shell, values = model.model_construct(), {}
    for name in model.model_fields:
        if name in data and name not in errors:
            try:
                model.__pydantic_validator__.validate_assignment(
                    shell, name, data[name], strict=strict, context=context
                )
            except ValidationError:
                continue
            values[name] = getattr(shell, name)
    return values, errors


def Items(kind, max_items):
    """A list of at most `max_items` of `kind`."""
    return Annotated[list[kind], Field(max_length=max_items)]
