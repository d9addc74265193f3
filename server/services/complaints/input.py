"""Checking a parent's complaint submission: one rule per field, every bad field named.

`clean_submission` returns the fields ready to store, or raises one 400
`validation_error` whose `errors` names each field that failed, with a Chinese reason,
so the mini-program can mark them all at once.
"""

from datetime import timedelta

from bson import ObjectId

from models.choices import COMPLAINT_CATEGORIES
from models.institution import Institution, Location
from server.clock import parse_iso
from server.errors import AppError, validation_error
from server.services.common.phones import normalise_mobile
from server.services.photos.uploads import own_photos

DESCRIPTION_LENGTH = (10, 2000)
NAME_LENGTH = (2, 100)
ADDRESS_LENGTH = (2, 200)
# A phone's clock may run a little ahead of ours; a report "from the future" beyond that is wrong.
CLOCK_SKEW = timedelta(minutes=5)


class FieldError(Exception):
    """One field's Chinese reason for refusal."""


def _text(value, length, reason):
    """`value` stripped, if it is a string of an allowed length; else FieldError(reason)."""
    if not isinstance(value, str) or not length[0] <= len(value.strip()) <= length[1]:
        raise FieldError(reason)
    return value.strip()


def _institution(body):
    """A listed institution by id, or a free-text name and address for an unlisted one."""
    errors, out = {}, {}
    raw_id = body.get("institution_id")
    if raw_id not in (None, ""):
        valid = isinstance(raw_id, str) and ObjectId.is_valid(raw_id)
        institution = Institution.objects(id=ObjectId(raw_id)).first() if valid else None
        if institution is None:
            errors["institution_id"] = "机构不存在，请重新选择"
        out.update(institution=institution, district=getattr(institution, "district", None))
    else:
        checks = {
            "institution_name": (NAME_LENGTH, "请选择机构，或填写 2 到 100 字的机构名称"),
            "institution_address": (ADDRESS_LENGTH, "请填写 2 到 200 字的机构地址"),
        }
        for field, (length, reason) in checks.items():
            try:
                out[field] = _text(body.get(field), length, reason)
            except FieldError as exc:
                errors[field] = str(exc)
    address = body.get("institution_address")
    if raw_id not in (None, "") and address not in (None, ""):
        # A listed institution may train at another site (one approval, several sites).
        try:
            out["institution_address"] = _text(address, ADDRESS_LENGTH, "机构地址应为 2 到 200 字")
        except FieldError as exc:
            errors["institution_address"] = str(exc)
    return out, errors


def _category(value, parent, now):
    if not isinstance(value, str) or value not in COMPLAINT_CATEGORIES:
        raise FieldError("请选择投诉类别")
    return value


def _description(value, parent, now):
    low, high = DESCRIPTION_LENGTH
    return _text(value, DESCRIPTION_LENGTH, f"请填写 {low} 到 {high} 字的问题描述")


def _occurred_at(value, parent, now):
    if value in (None, ""):
        return None
    moment = parse_iso(value)
    if moment is None:
        raise FieldError("时间格式不正确，应为 ISO 8601，如 2026-03-01T20:45:00+08:00")
    if moment > now + CLOCK_SKEW:
        raise FieldError("发生时间不能晚于当前时间")
    return moment


def _number(value, low, high):
    return not isinstance(value, bool) and isinstance(value, int | float) and low <= value <= high


def _location(value, parent, now):
    if value is None:
        return None
    if (
        not isinstance(value, dict)
        or not _number(value.get("lat"), -90, 90)
        or not _number(value.get("lng"), -180, 180)
    ):
        raise FieldError('位置应为 {"lat", "lng"} 经纬度')
    return Location(lat=float(value["lat"]), lng=float(value["lng"]))


def _photos(value, parent, now):
    try:
        return own_photos(parent, value, field="photo_ids")
    except AppError as exc:
        raise FieldError((exc.errors or {}).get("photo_ids", exc.message)) from None


def _contact_phone(value, parent, now):
    if value in (None, ""):
        return None
    phone = normalise_mobile(value)
    if phone is None:
        raise FieldError("请填写正确的 11 位手机号码")
    return phone


def _anonymous(value, parent, now):
    if value is None:
        return False
    if not isinstance(value, bool):
        raise FieldError("必须是 true 或 false")
    return value


# request field -> (stored field, check of the value)
FIELDS = {
    "category": ("category", _category),
    "description": ("description", _description),
    "occurred_at": ("occurred_at", _occurred_at),
    "location": ("location", _location),
    "photo_ids": ("photos", _photos),
    "contact_phone": ("contact_phone", _contact_phone),
    "anonymous": ("anonymous", _anonymous),
}


def clean_submission(parent, body, *, now):
    """The submission's fields ready to store; 400 `validation_error` naming each bad one."""
    cleaned, errors = _institution(body)
    for field, (stored, check) in FIELDS.items():
        try:
            cleaned[stored] = check(body.get(field), parent, now)
        except FieldError as exc:
            errors[field] = str(exc)
    if errors:
        raise validation_error(errors)
    return cleaned
