"""The privacy domain's face: the notice parents read and agree to in the mini-program.

Read side only for now (`current_notice`, `notice_ref`); the admin's editing and audit,
a parent's own data and its deletion belong here too when they are built.
"""

from server.services.privacy.notice import current_notice, notice_ref

__all__ = ["current_notice", "notice_ref"]
