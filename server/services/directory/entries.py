"""One institution as the in-memory directory sees it, made from a raw MongoDB document.

An `Entry` holds what list items, filters, nearby and verdicts need and nothing more
(the detail page reads the document itself). `search_texts` defines what a query string
matches, for the suffix array and for the brute-force path alike:
- normalised names and aliases: any substring;
- full pinyin: from the start of any syllable ("dongfang" finds 新东方, "ongfang" does not);
- pinyin initials: any substring ("xdf");
- credit code and licence number: from the start, or from their first digit (教民133... is
  found by 133...).
"""

from server.services.directory.brands import brand_of, brand_sound
from server.services.directory.names import (
    full_pinyin,
    normalize_name,
    pinyin_keys,
    syllable_starts,
)

# Only these fields are read to build the index (not courses, history ...).
INDEX_FIELDS = {
    "name": 1,
    "aliases": 1,
    "status": 1,
    "kind": 1,
    "category": 1,
    "district": 1,
    "address": 1,
    "location": 1,
    "credit_code": 1,
    "licence_no": 1,
}


class Entry:
    """An institution in the directory index."""

    __slots__ = (
        "id",
        "name",
        "status",
        "kind",
        "category",
        "district",
        "address",
        "lat",
        "lng",
        "credit_code",
        "licence_no",
        "codes",
        "names",
        "spelled",
        "syllable_starts",
        "initials",
        "brands",
        "brand_sounds",
    )

    def search_texts(self):
        """(text, offsets) pairs: the query matches where text[offset:] starts with it."""
        for name in self.names:
            yield name, range(len(name))
        yield from zip(self.spelled, self.syllable_starts, strict=True)
        for initials in self.initials:
            yield initials, range(len(initials))
        for code in self.codes:
            yield code, code_starts(code)

    def matches(self, query):
        """Whether a normalised query matches this entry (the brute-force path)."""
        for text, offsets in self.search_texts():
            start = text.find(query)
            while start != -1:
                if start in offsets:
                    return True
                start = text.find(query, start + 1)
        return False

    def order_key(self):
        """The list order: by pinyin of the name, then name, then id."""
        return (self.spelled[0] if self.spelled else "", self.name, self.id)

    def has(self, field, value):
        """Whether the entry's `field` equals `value` (a filter)."""
        return getattr(self, field) == value


def code_starts(code):
    """Where a code may be matched from: its start and its first digit."""
    first_digit = next((i for i, ch in enumerate(code) if ch.isdigit()), 0)
    return (0,) if first_digit == 0 else (0, first_digit)


def normalize_code(code):
    """A credit code or licence number as search compares it."""
    return normalize_name(code) if code else ""


def entry_from_doc(doc):
    """An Entry from a raw institution document, its search keys worked out here (names
    repeat words, so pinyin costs ~20 us a name from the per-word cache; nothing stored
    can go stale, and 50,000 documents stay ~50 MB smaller in the embedded store)."""
    location = doc.get("location") or {}
    names = [normalize_name(n) for n in [doc.get("name", "")] + list(doc.get("aliases") or [])]
    names = [n for n in names if n]
    pairs = [pinyin_keys(n) for n in names]
    codes = [normalize_code(c) for c in (doc.get("credit_code"), doc.get("licence_no")) if c]
    entry = Entry()
    entry.id = str(doc["_id"])
    entry.name = doc.get("name", "")
    for field in ("status", "kind", "category", "district", "address"):
        setattr(entry, field, doc.get(field))
    entry.lat, entry.lng = location.get("lat"), location.get("lng")
    entry.credit_code, entry.licence_no = doc.get("credit_code"), doc.get("licence_no")
    entry.codes = tuple(codes)
    entry.names = tuple(names)
    entry.spelled = tuple(full_pinyin(key) for key, _ in pairs)
    entry.syllable_starts = tuple(_starts(key) for key, _ in pairs)
    entry.initials = tuple(initials for _, initials in pairs)
    # Brands are worked out here, once per index build, never per lookalike query.
    brands = dict.fromkeys(b for b in (brand_of(n, entry.district) for n in names) if b)
    entry.brands = tuple(brands)
    entry.brand_sounds = tuple(dict.fromkeys(brand_sound(b) for b in brands))
    return entry


def _starts(key):
    """Syllable starts, as bytes when they fit (50,000 entries: memory counts)."""
    starts = syllable_starts(key)
    return bytes(starts) if not starts or starts[-1] < 256 else tuple(starts)
