"""Free text with personal identifiers taken out (PIPL Art. 51: de-identification).

`scrub_text` replaces with 〔已删除〕 what identifies a person in what parents and staff
write: mobile and landline phone numbers however they are spaced or dashed (and with
+86), 18-digit ID-card numbers whose check digit is right, e-mail addresses, bank-card
numbers (16-19 digits passing Luhn), a name given after 叫/名叫/姓名, and the phones the
caller names (the parent's own, found whatever separators it is written with). What only
looks like a number is left: tracking numbers (TS202611280007), dates, amounts of money,
unified social credit codes (their letters, check and region rules differ from an ID's).
Matching runs on a copy with full-width digits and dashes folded to ASCII, one character
for one, so the spans found are cut from the original text.
"""

import re

REMOVED = "〔已删除〕"
_FOLD = str.maketrans(
    "０１２３４５６７８９－＋（）　ｘＸ＠．",
    "0123456789-+() xX@.",
)
_EDGE = r"(?<![0-9A-Za-z])"  # not inside a longer code (tracking numbers, credit codes)
_END = r"(?![0-9A-Za-z])"
_SEP = r"[ \t\-‐‑–—.·]{0,3}"  # what people put between the digits of a number
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_PROVINCES = {
    *range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47),
    *range(50, 55), *range(61, 66), 71, 81, 82, 83,
}  # fmt: skip

ID_CARD = re.compile(_EDGE + r"(\d{6})[ -]?(\d{8})[ -]?(\d{3}[0-9Xx])" + _END)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
BANK_CARD = re.compile(_EDGE + r"\d{4}(?:[ -]?\d){12,15}" + _END)
MOBILE = re.compile(
    _EDGE + r"(?:\(?\+?86\)?" + _SEP + r")?1" + _SEP + r"[3-9](?:" + _SEP + r"\d){9}" + _END
)
LANDLINE = re.compile(
    _EDGE + r"(?:\(0\d{2,3}\)|0\d{2,3})" + _SEP + r"[2-9]\d{2,3}" + _SEP + r"\d{4}" + _END
)
NAME = re.compile(
    r"(?:(?:孩子|儿子|女儿|小孩|学生|同学|老师|家长|本人|我)(?:的名字)?(?:叫|名叫|叫做)"
    r"|姓名\s*[:：是]?\s*)([\u4e00-\u9fff]{2,3})"
)


def _id_card_valid(match):
    """Whether an 18-character match is an ID number: province, birth date, check digit."""
    digits = "".join(match.groups()).upper()
    if int(digits[:2]) not in _PROVINCES:
        return False
    year, month, day = int(digits[6:10]), int(digits[10:12]), int(digits[12:14])
    if not (1900 <= year <= 2099 and 1 <= month <= 12 and 1 <= day <= 31):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == digits[17]


def _credit_code(digits):
    """Whether 18 characters form a unified social credit code with a right check (GB 32100)."""
    if len(digits) != 18 or any(c not in _USCC_CHARS for c in digits):
        return False
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(digits, _USCC_WEIGHTS, strict=False))
    return _USCC_CHARS[(31 - total % 31) % 31] == digits[17]


def _luhn_valid(match):
    """Whether a match is a bank card: passes Luhn and is not an all-digit credit code."""
    digits = [int(c) for c in match.group(0) if c.isdigit()]
    if _credit_code("".join(map(str, digits))):
        return False
    total = 0
    for position, digit in enumerate(reversed(digits)):
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def phone_pattern(phone):
    """A pattern matching `phone` (digits, maybe +86) however it is spaced or dashed."""
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if len(digits) < 7:
        return None
    body = _SEP.join(digits)
    return re.compile(r"(?<!\d)(?:\(?\+?86\)?" + _SEP + r")?" + body + r"(?!\d)")


def _spans(folded, phones):
    """The (start, end) spans of every identifier in the folded text."""
    spans = []
    for pattern in filter(None, (phone_pattern(p) for p in phones)):
        spans += [m.span() for m in pattern.finditer(folded)]
    spans += [m.span() for m in ID_CARD.finditer(folded) if _id_card_valid(m)]
    spans += [m.span() for m in EMAIL.finditer(folded)]
    spans += [m.span() for m in BANK_CARD.finditer(folded) if _luhn_valid(m)]
    spans += [m.span() for m in MOBILE.finditer(folded)]
    spans += [m.span() for m in LANDLINE.finditer(folded)]
    spans += [m.span(1) for m in NAME.finditer(folded)]
    return spans


def scrub_text(text, phones=(), *, mark=REMOVED):
    """`text` with every identifier (and each of `phones`) replaced by `mark` (〔已删除〕)."""
    if not isinstance(text, str) or not text:
        return text
    spans = sorted(_spans(text.translate(_FOLD), phones))
    out, cursor = [], 0
    for start, end in spans:
        if end <= cursor:
            continue
        if start < cursor:  # overlaps the previous cut: extend it
            start = cursor
        else:
            out.append(text[cursor:start])
            out.append(mark)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def scrub_value(value, phones=()):
    """`value` (text, or lists and dicts of them, as audit details are) scrubbed throughout."""
    if isinstance(value, str):
        return scrub_text(value, phones)
    if isinstance(value, list):
        return [scrub_value(item, phones) for item in value]
    if isinstance(value, dict):
        return {key: scrub_value(item, phones) for key, item in value.items()}
    return value
