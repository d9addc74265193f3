"""Admins keep the privacy notice (用户隐私保护指引): each version is kept, and audited.

A version parents may already have agreed to is never rewritten: a version in force
(effective today or earlier) is closed to edits and a change is published as a new
version; one not yet in force may still be corrected. Every write goes on the security
audit (`privacy_notice_changed`, target `privacy_notice:<version>`).
"""

from datetime import date

from models.privacy import BODY_MAX, TITLE_MAX, VERSION_MAX, PrivacyNotice
from server.clock import SHANGHAI, utcnow
from server.errors import AppError, validation_error
from server.services import audit
from server.services.common import Form, LongText, Text, check
from server.services.permissions import require
from server.services.privacy.notice_shapes import PrivacyNoticeVersion

IN_FORCE = "已生效的版本不能修改（家长可能已同意），请发布新版本"


class PrivacyNoticeChange(Form):
    """PATCH /privacy-notices/{version}: any of title, body, effective date."""

    reasons = {
        "version": f"请填写版本号（不超过 {VERSION_MAX} 个字符，如 2026-12-01）",
        "title": f"请填写标题（不超过 {TITLE_MAX} 字）",
        "body": f"请填写正文（不超过 {BODY_MAX} 字）",
        "effective_date": "生效日期格式应为 YYYY-MM-DD",
    }
    title: Text(TITLE_MAX, min_length=1) = None
    body: LongText(BODY_MAX, min_length=1) = None
    effective_date: Text(10, min_length=10) = None


class PrivacyNoticeDraft(PrivacyNoticeChange):
    """POST /privacy-notices: a new version, whole."""

    version: Text(VERSION_MAX, min_length=1)
    title: Text(TITLE_MAX, min_length=1)
    body: LongText(BODY_MAX, min_length=1)
    effective_date: Text(10, min_length=10)


def _today(now):
    return now.astimezone(SHANGHAI).date().isoformat()


def _checked(form, data):
    """The given fields of `data`, the effective date a real date; 400 naming each bad one."""
    values = check(form, data).given()
    if "effective_date" in values:
        try:
            date.fromisoformat(values["effective_date"])
        except ValueError:
            raise validation_error({"effective_date": form.reasons["effective_date"]}) from None
    return values


def notice_view(notice, *, now):
    """One version as admins read it, with whether it is in force yet."""
    return PrivacyNoticeVersion.answer(
        {
            "version": notice.version,
            "title": notice.title,
            "body": notice.body,
            "effective_date": notice.effective_date,
            "in_force": notice.effective_date <= _today(now),
            "updated_by": notice.updated_by,
        }
    )


def _audit(staff, version, details, now):
    """Put a write to the notice on the security audit."""
    target = f"privacy_notice:{version}"
    audit.record(
        actor=staff, action=audit.PRIVACY_NOTICE_CHANGED, target=target, details=details, now=now
    )


def list_notices(*, staff):
    """Every stored version, the newest effective date first (admins)."""
    require(staff, "manage_notices")
    return PrivacyNotice.objects.order_by("-effective_date", "-created_at")


def publish_notice(data, *, staff, now=None):
    """Store a new version; 409 `duplicate` if the version exists. Audited."""
    require(staff, "manage_notices")
    now = now or utcnow()
    values = _checked(PrivacyNoticeDraft, data)
    if PrivacyNotice.objects(version=values["version"]).first() is not None:
        raise AppError("duplicate", errors={"version": "该版本号已存在"})
    notice = PrivacyNotice(**values, updated_by=staff.username, created_at=now).save()
    details = {"version": notice.version, "effective_date": notice.effective_date, "op": "publish"}
    _audit(staff, notice.version, details, now)
    return notice


def edit_notice(version, data, *, staff, now=None):
    """Correct a version not yet in force; 422 once it is. Audited."""
    require(staff, "manage_notices")
    now = now or utcnow()
    notice = PrivacyNotice.objects(version=version).first() if isinstance(version, str) else None
    if notice is None:
        raise AppError("not_found")
    values = _checked(PrivacyNoticeChange, data)
    if notice.effective_date <= _today(now):
        raise AppError("invalid_transition", IN_FORCE)
    for name, value in values.items():
        setattr(notice, name, value)
    notice.updated_by = staff.username
    notice.save()
    _audit(staff, version, {"version": version, "fields": sorted(values), "op": "edit"}, now)
    return notice
