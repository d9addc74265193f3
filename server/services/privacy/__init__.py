"""Personal information (PIPL): de-identification, parents' rights, the privacy notice.

The face: the notice parents read and agree to in the mini-program (`current_notice`,
`notice_ref`) and the admins' keeping of it (`publish_notice`, `edit_notice`, audited); the
scrubber lives in `scrub`, a parent's copy and withdrawal in `my_data` and `withdrawal`.
"""

from server.services.privacy.notice import current_notice, notice_ref
from server.services.privacy.notice_admin import (
    PrivacyNoticeChange,
    PrivacyNoticeDraft,
    edit_notice,
    list_notices,
    notice_view,
    publish_notice,
)

__all__ = [
    "PrivacyNoticeChange",
    "PrivacyNoticeDraft",
    "current_notice",
    "edit_notice",
    "list_notices",
    "notice_ref",
    "notice_view",
    "publish_notice",
]
