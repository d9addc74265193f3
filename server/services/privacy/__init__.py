"""Personal information (PIPL): de-identification, parents' rights, the privacy notice.

The face: the notice parents read and agree to in the mini-program (`current_notice`,
`notice_ref`); the scrubber lives in `scrub`.
"""

from server.services.privacy.notice import current_notice, notice_ref

__all__ = ["current_notice", "notice_ref"]
