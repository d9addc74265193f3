"""Personal information (PIPL): de-identification, parents' rights, the privacy notice.

The notice parents read and agree to in the mini-program: `current_notice`, `notice_ref`
(read side; its admin editing and audit belong here too when they are built).
"""

from server.services.privacy.notice import current_notice, notice_ref

__all__ = ["current_notice", "notice_ref"]
