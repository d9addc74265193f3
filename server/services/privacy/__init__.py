"""Personal information (PIPL): de-identification, parents' rights, the privacy notice.

The face: the notice parents read and agree to in the mini-program (`current_notice`,
`notice_ref`), the admins' keeping of it (`publish_notice`, `edit_notice`, audited), the
scrubber (`scrub_text`), a parent's copy of their data (`my_data`) and withdrawal
(`withdraw`), and the shapes of those answers.
"""

from server.services.privacy.data_copy import my_data
from server.services.privacy.data_shapes import (
    HeldAccount,
    HeldSubscription,
    HeldUpload,
    MyData,
    Withdrawn,
)
from server.services.privacy.notice import current_notice, notice_ref
from server.services.privacy.notice_admin import (
    PrivacyNoticeChange,
    PrivacyNoticeDraft,
    edit_notice,
    list_notices,
    notice_view,
    publish_notice,
)
from server.services.privacy.notice_shapes import (
    PrivacyNoticeText,
    PrivacyNoticeVersion,
    PrivacyRef,
)
from server.services.privacy.scrub import scrub_text, scrub_value
from server.services.privacy.withdrawal import withdraw

__all__ = [
    "current_notice",
    "edit_notice",
    "HeldAccount",
    "HeldSubscription",
    "HeldUpload",
    "list_notices",
    "my_data",
    "MyData",
    "notice_ref",
    "notice_view",
    "PrivacyNoticeChange",
    "PrivacyNoticeDraft",
    "PrivacyNoticeText",
    "PrivacyNoticeVersion",
    "PrivacyRef",
    "publish_notice",
    "scrub_text",
    "scrub_value",
    "withdraw",
    "Withdrawn",
]
