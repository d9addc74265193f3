"""What a file writer may put in a cell, whatever is stored: exports never trust the store.

openpyxl refuses control characters (XML 1.0 cannot hold them) and no UTF-8 writer can
encode a lone surrogate. Legacy or hand-edited data may hold either, so every export
writes text through `cell_text`, which drops the first and replaces the second, and
defuses formulas (CSV injection, as OWASP advises).
"""

import math
import re
from datetime import date, datetime

# What XML 1.0 cannot hold (tab, newline and carriage return it can), DEL and C1 (invisible,
# and refused at entry too); lone surrogates are replaced.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
SURROGATE = re.compile("[\ud800-\udfff]")
CELL_TYPES = (bool, int, float, datetime, date)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value):
    """`value` (a string) with what no spreadsheet can hold dropped or replaced."""
    return SURROGATE.sub("\ufffd", UNWRITABLE.sub("", value))


def writable(value):
    """Any cell value made safe to write: strings cleaned, non-finite numbers dropped, and
    what no cell holds (a list or object where text was expected) written as text."""
    if isinstance(value, str):
        return cell_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, CELL_TYPES):
        return value
    return cell_text(str(value))


def defused(value):
    """A string cleaned and, if a spreadsheet would run it as a formula, quoted with '."""
    if not isinstance(value, str):
        return writable(value)
    value = cell_text(value)
    return "'" + value if value.startswith(FORMULA_START) else value
