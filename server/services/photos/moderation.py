"""WeChat content security: a report's text (msgSecCheck v2) and photos (mediaCheckAsync v2).

A parent's report is never lost to WeChat's outage: when a check cannot be made, the text
is accepted and the complaint flagged for manual review, and the photo is marked
`unchecked` (staff review it). A photo stays `pending` until WeChat pushes its verdict to
our message endpoint, which `apply_push` records.
"""

import logging

from models.photo import Photo
from server.clock import utcnow
from server.errors import AppError
from server.wechat import WeChatError
from server.wechat.client import SUGGESTS

log = logging.getLogger(__name__)

MEDIA_CHECK_EVENT = "wxa_media_check"


def check_report_text(openid, text, *, wechat):
    """Whether the text needs manual review; 422 `content_rejected` when WeChat says risky."""
    try:
        suggest = wechat.check_text(openid, text)
    except WeChatError as exc:
        log.warning("text check unavailable (errcode %s): accepted for manual review", exc.errcode)
        return True
    if suggest == "risky":
        raise AppError("content_rejected")
    return suggest == "review"


def submit_photo(photo, openid, *, wechat, media_links):
    """Hand a stored photo to mediaCheckAsync; `unchecked` if WeChat cannot take it now."""
    try:
        trace_id = wechat.check_media_async(openid, media_links.url_for(photo.id))
    except WeChatError as exc:
        log.warning(
            "media check unavailable (errcode %s): photo %s unchecked", exc.errcode, photo.id
        )
        Photo.objects(id=photo.id, moderation__in=("pending", "unchecked")).update_one(
            set__moderation="unchecked"
        )
        photo.moderation = "unchecked"
        return
    Photo.objects(id=photo.id).update_one(set__trace_id=trace_id)
    Photo.objects(id=photo.id, moderation="unchecked").update_one(set__moderation="pending")
    photo.reload()


def apply_push(event, *, now=None):
    """Record a pushed mediaCheckAsync verdict on its photo; whether the event was one."""
    if not isinstance(event, dict) or event.get("Event") != MEDIA_CHECK_EVENT:
        return False
    trace_id = event.get("trace_id")
    result = event.get("result")
    suggest = result.get("suggest") if isinstance(result, dict) else None
    if not isinstance(trace_id, str) or suggest not in SUGGESTS:
        return False
    updated = Photo.objects(trace_id=trace_id).update(
        set__moderation=suggest, set__checked_at=now or utcnow()
    )
    if not updated:
        log.warning("media check verdict for unknown trace id %s", trace_id)
    return True
