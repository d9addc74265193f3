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

from server.services import geo
from server.services.names import full_pinyin, normalize_name, pinyin_keys, syllable_starts

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
    "search": 1,
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


def search_keys(name, aliases, location, codes=()):
    """The stored SearchKeys of a name, aliases, location and codes (a dict for MongoDB)."""
    names = [normalize_name(name)] + [normalize_name(a) for a in aliases or []]
    names = [n for n in names if n]
    pairs = [pinyin_keys(n) for n in names]
    keys = {"names": names, "pinyin": [p for p, _ in pairs], "initials": [i for _, i in pairs]}
    keys["codes"] = [normalize_code(code) for code in codes if code]
    if location and location.get("lat") is not None and location.get("lng") is not None:
        keys["geohash"] = geo.geohash(location["lat"], location["lng"])
    return keys


def code_starts(code):
    """Where a code may be matched from: its start and its first digit."""
    first_digit = next((i for i, ch in enumerate(code) if ch.isdigit()), 0)
    return (0,) if first_digit == 0 else (0, first_digit)


def normalize_code(code):
    """A credit code or licence number as search compares it."""
    return normalize_name(code) if code else ""


def entry_from_doc(doc):
    """An Entry from a raw institution document; search keys are recomputed when stale
    (a document saved without them, or whose name changed behind the service's back)."""
    location = doc.get("location") or {}
    keys = doc.get("search") or {}
    names = [doc.get("name", "")] + list(doc.get("aliases") or [])
    codes = [c for c in (doc.get("credit_code"), doc.get("licence_no")) if c]
    if (
        keys.get("names") != [n for n in map(normalize_name, names) if n]
        or keys.get("codes") != [normalize_code(c) for c in codes]
        or (location and keys.get("geohash") is None)
    ):
        keys = search_keys(names[0], names[1:], location, codes)
    entry = Entry()
    entry.id = str(doc["_id"])
    entry.name = doc.get("name", "")
    for field in ("status", "kind", "category", "district", "address"):
        setattr(entry, field, doc.get(field))
    entry.lat, entry.lng = location.get("lat"), location.get("lng")
    entry.credit_code, entry.licence_no = doc.get("credit_code"), doc.get("licence_no")
    entry.codes = tuple(keys["codes"])
    entry.names = tuple(keys["names"])
    entry.spelled = tuple(full_pinyin(key) for key in keys["pinyin"])
    entry.syllable_starts = tuple(_starts(key) for key in keys["pinyin"])
    entry.initials = tuple(keys["initials"])
    return entry


def _starts(key):
    """Syllable starts, as bytes when they fit (50,000 entries: memory counts)."""
    starts = syllable_starts(key)
    return bytes(starts) if not starts or starts[-1] < 256 else tuple(starts)
