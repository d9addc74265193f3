"""Parents' contact phones: mainland mobile numbers, stored whole and shown masked."""

import re

MOBILE = re.compile(r"^1[3-9]\d{9}$")
_SEPARATORS = re.compile(r"[\s-]")


def normalise_mobile(value):
    """The 11-digit mainland mobile in `value` (spaces, dashes, +86 allowed), or None."""
    if not isinstance(value, str):
        return None
    digits = _SEPARATORS.sub("", value)
    if digits.startswith("+86"):
        digits = digits[3:]
    return digits if MOBILE.match(digits) else None


def mask_phone(phone):
    """`138****5678`: what anyone sees of a stored phone unless revealing it is audited."""
    if not phone:
        return None
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 7 else "****"
