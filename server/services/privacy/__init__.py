"""Personal information (PIPL): de-identification, parents' rights, the privacy notice.

The face: the notice parents read and agree to in the mini-program (`current_notice`,
`notice_ref`) and the scrubber (`scrub_text`).
"""

from server.services.privacy.data_copy import my_data
from server.services.privacy.notice import current_notice, notice_ref
from server.services.privacy.scrub import scrub_text, scrub_value
from server.services.privacy.withdrawal import withdraw

__all__ = ["current_notice", "my_data", "notice_ref", "scrub_text", "scrub_value", "withdraw"]
