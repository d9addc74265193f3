"""Personal information (PIPL): de-identification, parents' rights, the privacy notice.

This `__init__` is the domain's face: the names other packages may call (`__all__`).
"""

from server.services.privacy.scrub import scrub_text

__all__ = ["scrub_text"]
