"""WeChat content security: a report's text (msgSecCheck v2) and photos (mediaCheckAsync v2).

A parent's report is never lost to WeChat's outage: when a check cannot be made, the text
is accepted and the complaint flagged for manual review, and the photo is marked
`unchecked` (staff review it). A photo stays `pending` until WeChat pushes its verdict to
our message endpoint, which `apply_push` records; a pushed failure (errcode other than 0,
or no result) makes it `unchecked` too, and `review.sweep_pending_photos` catches verdicts
that never come.
"""

import logging

from models.photo import Photo
from server.clock import utcnow
from server.errors import AppError
from server.services.photos import review
from server.wechat.client import SUGGESTS
from server.wechat.errors import WeChatError

log = logging.getLogger(__name__)

MEDIA_CHECK_EVENT = "wxa_media_check"


def check_report_text(openid, text, *, wechat, now=None):
    """The review reason for the text (None when it passed); 422 when WeChat says risky."""
    now = now or utcnow()
    try:
        suggest = wechat.check_text(openid, text)
    except WeChatError as exc:
        log.warning("text check unavailable (errcode %s): accepted for manual review", exc.errcode)
        return review.reason(
            "text_check_unavailable", now=now, errcode=exc.errcode, errmsg=exc.errmsg
        )
    if suggest == "risky":
        raise AppError("content_rejected")
    return review.reason("text_review", now=now) if suggest == "review" else None


def submit_photo(photo, openid, *, wechat, media_links, now=None):
    """Hand a stored photo to mediaCheckAsync; `unchecked` if WeChat cannot take it now."""
    try:
        trace_id = wechat.check_media_async(openid, media_links.url_for(photo.id))
    except WeChatError as exc:
        log.warning(
            "media check unavailable (errcode %s): photo %s unchecked", exc.errcode, photo.id
        )
        entry = review.reason(
            "photo_check_unavailable", now=now or utcnow(), errcode=exc.errcode, errmsg=exc.errmsg
        )
        review.mark_unchecked([photo.id], entry)
        photo.reload()
        return
    Photo.objects(id=photo.id).update_one(set__trace_id=trace_id)
    Photo.objects(id=photo.id, moderation="unchecked").update_one(
        set__moderation="pending", unset__check_reason=True
    )
    photo.reload()


def _errcode(event):
    """The event's errcode as a number (XML pushes carry text); 0 when absent."""
    raw = event.get("errcode", 0)
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def apply_push(event, *, now=None):
    """Record a pushed mediaCheckAsync verdict or failure on its photo; whether it was one."""
    if not isinstance(event, dict) or event.get("Event") != MEDIA_CHECK_EVENT:
        return False
    trace_id = event.get("trace_id")
    if not isinstance(trace_id, str) or not trace_id:
        log.warning("media check push without a trace id: ignored")
        return False
    now = now or utcnow()
    result = event.get("result")
    suggest = result.get("suggest") if isinstance(result, dict) else None
    errcode = _errcode(event)
    photos = list(Photo.objects(trace_id=trace_id).only("id", "moderation"))
    if not photos:
        log.warning("media check push for unknown trace id %s", trace_id)
        return True
    # A verdict once applied stands: WeChat's retries and any later push for the same trace
    # id (a replay with a fresh nonce, a forged second opinion) change nothing.
    photo_ids = [p.id for p in photos if p.moderation not in SUGGESTS]
    if not photo_ids:
        log.warning("media check push for trace id %s: verdict already applied, ignored", trace_id)
        return True
    if errcode != 0 or suggest not in SUGGESTS:
        errmsg = str(event.get("errmsg") or "no result")
        log.warning("media check failed for trace id %s: errcode %s", trace_id, errcode)
        entry = review.reason("photo_check_failed", now=now, errcode=errcode, errmsg=errmsg)
        review.mark_unchecked(photo_ids, entry)
        return True
    Photo.objects(id__in=photo_ids, moderation__nin=SUGGESTS).update(
        set__moderation=suggest, set__checked_at=now, unset__check_reason=True
    )
    return True
