"""Checking a parent's complaint submission: one model, every bad field named.

`clean_submission` returns the fields ready to store, or raises one 400
`validation_error` whose `errors` names each field that failed, with a Chinese reason,
so the mini-program can mark them all at once. Types, lengths, ranges and text cleaning
come from the field toolkit (`ComplaintSubmission`); what needs the store (the institution,
the parent's own photos) is checked after it.
"""

from datetime import timedelta
from typing import Annotated, Any

from bson import ObjectId
from pydantic import WithJsonSchema

from models.choices import COMPLAINT_CATEGORIES
from models.institution import Institution
from models.institution import Location as StoredLocation
from server.errors import AppError, validation_error
from server.services.common import (
    Choice,
    Form,
    Location,
    LongText,
    Moment,
    Text,
    check_fields,
    normalise_mobile,
)
from server.services.photos import own_photos

DESCRIPTION_LENGTH = (10, 2000)
# A phone's clock may run a little ahead of ours; a report "from the future" beyond that is wrong.
CLOCK_SKEW = timedelta(minutes=5)
PhotoIds = Annotated[
    Any, WithJsonSchema({"type": "array", "items": {"type": "string"}, "maxItems": 9})
]
NAME_REASON = "请选择机构，或填写 2 到 100 字的机构名称"
ADDRESS_REASON = "请填写 2 到 200 字的机构地址"


class ComplaintSubmission(Form):
    """POST /complaints: a listed institution by id, or a free-text name and address."""

    reasons = {
        "institution_id": "机构不存在，请重新选择",
        "institution_name": NAME_REASON,
        "institution_address": ADDRESS_REASON,
        "category": "请选择投诉类别",
        "description": "请填写 {} 到 {} 字的问题描述".format(*DESCRIPTION_LENGTH),
        "location": '位置应为 {"lat", "lng"} 经纬度',
        "contact_phone": "请填写正确的 11 位手机号码",
        "anonymous": "必须是 true 或 false",
        "privacy_version": "隐私保护指引版本号不超过 20 个字符",
    }

    institution_id: Text(24) | None = None
    institution_name: Text(100) | None = None
    institution_address: Text(200) | None = None
    category: Choice(COMPLAINT_CATEGORIES)
    description: LongText(DESCRIPTION_LENGTH[1], min_length=DESCRIPTION_LENGTH[0])
    occurred_at: Moment = None
    location: Location | None = None
    photo_ids: PhotoIds = None  # checked against the parent's uploads below
    contact_phone: Text(20) | None = None
    anonymous: bool | None = None
    privacy_version: Text(20) | None = None  # the notice the parent agreed to (GET /privacy)


def _text_length_ok(value, low, high):
    return value is not None and low <= len(value) <= high


def _institution(found, errors):
    """A listed institution by id, or a free-text name and address for an unlisted one."""
    out = {}
    raw_id = found.get("institution_id")
    if raw_id or "institution_id" in errors:
        valid = bool(raw_id) and ObjectId.is_valid(raw_id)
        institution = Institution.objects(id=ObjectId(raw_id)).first() if valid else None
        if institution is None:
            errors["institution_id"] = ComplaintSubmission.reasons["institution_id"]
        out.update(institution=institution, district=getattr(institution, "district", None))
        address = found.get("institution_address")
        if address:  # A listed institution may train at another site (one approval, several).
            if _text_length_ok(address, 2, 200):
                out["institution_address"] = address
            else:
                errors["institution_address"] = "机构地址应为 2 到 200 字"
        return out
    for field, (low, high), reason in (
        ("institution_name", (2, 100), NAME_REASON),
        ("institution_address", (2, 200), ADDRESS_REASON),
    ):
        value = found.get(field)
        if _text_length_ok(value, low, high):
            out[field] = value
        else:
            errors.setdefault(field, reason)
    return out


def _phone(found, errors):
    if not found.get("contact_phone"):
        return None
    if found.get("anonymous"):  # an anonymous report stores no way to reach its parent
        errors["contact_phone"] = ANONYMOUS_PHONE
        return None
    phone = normalise_mobile(found["contact_phone"])
    if phone is None:
        errors["contact_phone"] = ComplaintSubmission.reasons["contact_phone"]
    return phone


ANONYMOUS_PHONE = "匿名投诉不保存联系电话：请删除电话，或取消匿名"


def _photos(parent, found, errors):
    try:
        return own_photos(parent, found.get("photo_ids"), field="photo_ids")
    except AppError as exc:
        errors["photo_ids"] = (exc.errors or {}).get("photo_ids", exc.message)
        return []


def clean_submission(parent, body, *, now):
    """The submission's fields ready to store; 400 `validation_error` naming each bad one."""
    found, errors = check_fields(ComplaintSubmission, body, context={"now": now})
    cleaned = _institution(found, errors)
    if not found.get("category"):
        errors.setdefault("category", ComplaintSubmission.reasons["category"])
    occurred_at = found.get("occurred_at")
    if occurred_at and occurred_at > now + CLOCK_SKEW:
        errors["occurred_at"] = "发生时间不能晚于当前时间"
    location = found.get("location")
    cleaned.update(
        category=found.get("category"),
        description=found.get("description"),
        occurred_at=occurred_at,
        location=StoredLocation(lat=location.lat, lng=location.lng) if location else None,
        anonymous=bool(found.get("anonymous")),
        privacy_version=found.get("privacy_version"),
        contact_phone=_phone(found, errors),
        photos=_photos(parent, found, errors),
    )
    if errors:
        raise validation_error(errors)
    return cleaned
