"""Helpers every domain uses: pagination, idempotency, rate limits, passwords, phones.

This `__init__` is the domain's face: the names other packages may call (`__all__`).
"""

from server.services.common.args import Flag, PageArgs, SizeArgs, page_args, parse, photo_size
from server.services.common.cells import cell_text, defused, writable
from server.services.common.fields import (
    Choice,
    Count,
    Day,
    Form,
    IdText,
    Items,
    Latitude,
    Location,
    Longitude,
    LongText,
    Moment,
    Number,
    Text,
    check,
    check_fields,
    clean_text,
)
from server.services.common.idempotency import (
    check_key,
    created_before,
    insert_under,
    parent_owner,
    remember,
    staff_owner,
)
from server.services.common.pagination import page_of, paginate
from server.services.common.passwords import (
    MIN_LENGTH,
    hash_method,
    hash_password,
    use_hash_method,
    verify_password,
)
from server.services.common.period import (
    DEFAULT_DAYS,
    Period,
    PeriodArgs,
    ReportDay,
    period_args,
    report_period,
    today_in_shanghai,
)
from server.services.common.phones import mask_phone, normalise_mobile
from server.services.common.ratelimit import hit as rate_hit
from server.services.common.ratelimit import limit as rate_limit
from server.services.common.ratelimit import reset as rate_reset
from server.services.common.shapes import Anything, Counts, Date, DateTime, Rates, Shape, described
from server.services.common.sheets import MEDIA_TYPES, read_grid, write_sheet

__all__ = [
    "Anything",
    "cell_text",
    "check",
    "check_fields",
    "check_key",
    "Choice",
    "clean_text",
    "Count",
    "Counts",
    "created_before",
    "Date",
    "DateTime",
    "Day",
    "DEFAULT_DAYS",
    "defused",
    "described",
    "Flag",
    "Form",
    "hash_method",
    "hash_password",
    "IdText",
    "insert_under",
    "Items",
    "Latitude",
    "Location",
    "Longitude",
    "LongText",
    "mask_phone",
    "MEDIA_TYPES",
    "MIN_LENGTH",
    "Moment",
    "normalise_mobile",
    "Number",
    "page_args",
    "page_of",
    "PageArgs",
    "paginate",
    "parent_owner",
    "parse",
    "Period",
    "period_args",
    "PeriodArgs",
    "photo_size",
    "rate_hit",
    "rate_limit",
    "rate_reset",
    "Rates",
    "read_grid",
    "remember",
    "report_period",
    "ReportDay",
    "Shape",
    "SizeArgs",
    "staff_owner",
    "Text",
    "today_in_shanghai",
    "use_hash_method",
    "verify_password",
    "writable",
    "write_sheet",
]
