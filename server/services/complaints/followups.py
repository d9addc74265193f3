"""The parent's follow-ups on their own complaint: supplements and the rating.

Both land as news for the handler (`has_news`) and on the record. A supplement answering
a request for information (need_info) ends the pause and returns the complaint to the
status it was in; a dissatisfied rating within the window reopens the complaint with a
fresh resolve deadline, any other rating closes it. A parent is not acting on a view of
the complaint, so a write that meets a concurrent staff step is simply tried again.
"""

from datetime import timedelta

from pydantic import Field

from models.choices import RATING_SCORES, label
from models.complaint import OPEN_STATUSES, Rating, Supplement
from server.clock import as_utc, iso, utcnow
from server.errors import AppError, validation_error
from server.services.common import Choice, Form, LongText, check, rate_limit
from server.services.complaints import photo_flags
from server.services.complaints.announcing import announce
from server.services.complaints.input import PhotoIds
from server.services.complaints.store import records
from server.services.complaints.store.guarded import Change, commit
from server.services.deadlines import working_days_after
from server.services.photos import check_report_text, own_photos

ATTEMPTS = 5
TEXT_LIMIT = 1000
COMMENT_LIMIT = 500


def find_own(no, parent):
    """The parent's own complaint `no`; 404 for anyone else's, as if it did not exist."""
    if not isinstance(no, str) or len(no) > 40:
        raise AppError("not_found")
    complaint = records.by_no(no, parent=parent.pk)
    if complaint is None:
        raise AppError("not_found")
    return complaint


def _retrying(no, parent, build):
    """Load, build the change (None: nothing to do), commit; again (fresh) if a staff step
    got in between."""
    for _ in range(ATTEMPTS):
        complaint = find_own(no, parent)
        change = build(complaint)
        if change is None:  # done already, by an earlier attempt under the same unit
            return complaint
        try:
            commit(complaint, change)
        except AppError as error:
            if error.code != "version_conflict":
                raise
            continue
        return records.reload(complaint)
    raise AppError("version_conflict")


class SupplementInput(Form):
    """POST /complaints/{no}/supplements."""

    reasons = {"text": f"请填写补充内容（最多 {TEXT_LIMIT} 字）"}
    text: LongText(TEXT_LIMIT, min_length=1)
    photo_ids: PhotoIds = Field(None, description="本人上传的照片 id，最多 9 张")


class RatingInput(Form):
    """POST /complaints/{no}/rating."""

    reasons = {
        "score": "评价只能是 " + "、".join(RATING_SCORES),
        "comment": f"评价内容最多 {COMMENT_LIMIT} 字",
    }
    score: Choice(RATING_SCORES)
    comment: LongText(COMMENT_LIMIT) | None = None


def check_supplement(text):
    """The supplement's text (required, at most 1000 characters), cleaned."""
    return check(SupplementInput, {"text": text}).text


def add_supplement(
    no,
    parent,
    *,
    text,
    photo_ids=None,
    wechat,
    calendar,
    now=None,
    per_window=10,
    window_minutes=60,
    unit=None,
):
    """Add the parent's supplement; in need_info it ends the pause and resumes the work.

    The text goes through WeChat's check like a report's (risky: 422; check down: accepted
    and flagged for manual review); photos must be the parent's own, uploaded before. Past
    `per_window` supplements in `window_minutes`, 429 `rate_limited`. A supplement added
    under `unit` before (a retried Idempotency-Key, common/idempotency) is not added again.
    """
    complaint = find_own(no, parent)  # another parent's complaint is 404 before anything else
    if _added_under(complaint.supplements, unit):
        return complaint
    rate_limit(
        f"supplements:{parent.id}",
        count=per_window,
        minutes=window_minutes,
        what="补充 {count} 次材料",
        now=now,
    )
    text = check_supplement(text)
    photos = own_photos(parent, photo_ids)
    now = now or utcnow()
    review = check_report_text(parent.openid, text, wechat=wechat, now=now)

    def build(complaint):
        """The supplement as a change to the complaint as it is now."""
        if _added_under(complaint.supplements, unit):
            return None
        if complaint.status not in OPEN_STATUSES:
            raise AppError("invalid_transition", "投诉已办结或已关闭，不能再补充材料")
        change = Change(now=now, calendar=calendar)
        before = after = complaint.status
        if before == "need_info":
            after = complaint.paused_from or ("in_progress" if complaint.assignee else "accepted")
            change.set["status"] = after
            change.close_pause(complaint)
        change.set["has_news"] = True
        if review:
            change.set["needs_manual_review"] = True
            change.push.setdefault("review_reasons", []).append(review)
        supplement = Supplement(at=now, text=text, photos=list(photos), unit=unit)
        change.append("supplements", supplement)
        detail = {"text": text, "photos": [str(photo.pk) for photo in photos]}
        change.audit(
            by="parent", action="supplement", from_status=before, to_status=after, detail=detail
        )
        change.timeline(status=after, message=text, kind="supplement")
        return change

    updated = _retrying(no, parent, build)
    photo_flags.flag_unchecked_photos(updated.pk, photos, now=now)
    key = f"{updated.no}:{len(updated.supplements)}"
    announce("supplement", updated, key=key, now=now)
    return updated


def _added_under(supplements, unit):
    """Whether one of `supplements` was added under `unit`."""
    return unit is not None and any(supplement.unit == unit for supplement in supplements)


def check_ratable(complaint):
    """Only a resolved complaint is rated: 409 `already_rated` once rated, else 422."""
    if complaint.status == "resolved":
        return
    if complaint.rating is not None:
        raise AppError("already_rated")
    if complaint.status == "closed":
        raise AppError("invalid_transition", "评价期限已过，投诉已归档")
    raise AppError("invalid_transition", "投诉办结后才能评价")


def rate(no, parent, *, score, comment=None, rules, calendar, now=None, unit=None):
    """Rate the answer: dissatisfied within the window reopens it, otherwise it closes. A
    rating given under `unit` before (common/idempotency) is not given again."""
    found = check(RatingInput, {"score": score, "comment": comment})
    if found.score is None:
        raise validation_error({"score": RatingInput.reasons["score"]})
    score, comment = found.score, found.comment or None
    now = now or utcnow()

    def build(complaint):
        """The rating as a change to the complaint as it is now."""
        if unit is not None and complaint.rating and complaint.rating.unit == unit:
            return None
        check_ratable(complaint)
        window = timedelta(days=rules.rating_window_days)
        in_window = now - as_utc(complaint.resolved_at or now) <= window
        reopen = score == "dissatisfied" and in_window
        change = Change(now=now, calendar=calendar)
        rating = Rating(at=now, score=score, comment=comment, unit=unit)
        change.set["rating"] = rating.to_mongo().to_dict()
        if reopen:
            due = working_days_after(now, rules.resolve_days, calendar=calendar)
            change.set.update(status="reopened", reopened_at=now, resolve_due_at=due)
            change.set.update(resolved_at=None, outcome=None, measures=None, has_news=True)
        else:
            change.set.update(status="closed", closed_at=now)
        after = "reopened" if reopen else "closed"
        detail = {"score": score, "comment": comment}
        change.audit(
            by="parent", action="rating", from_status="resolved", to_status=after, detail=detail
        )
        message = label(RATING_SCORES, score) + (f"：{comment}" if comment else "")
        change.timeline(status=after, message=message, kind="rating")
        return change

    rated = _retrying(no, parent, build)
    if rated.status == "reopened":
        announce("dissatisfied", rated, key=f"{rated.no}:{iso(rated.reopened_at)}", now=now)
    return rated
