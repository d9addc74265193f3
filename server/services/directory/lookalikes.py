"""Lookalike names: which listed institutions share a queried name's brand, and how closely.

Names are compared by their brands (brands.py), never by trade words: 书文英语培训学校 is
not like 启航英语培训学校, while 学而思, 學而思 (traditional, folded by normalisation),
学尔思 (same pinyin) and 学而思培优 (培优 is a trade word) all are. Each entry's brands
and their pinyin are worked out when the index is built; a query looks them up:

- the same brand: 0.9
- the same pinyin (a homophone brand): 0.85
- one brand inside the other (智慧 / 智慧树), both at least two characters: 0.7
"""

from server.services.directory.brands import SHORTEST, brand_of, brand_sound

SAME_BRAND, SAME_SOUND, CONTAINED = 0.9, 0.85, 0.7
MAX_HOLDERS = 300  # a brand found inside more names than this is too common to tell apart


def _inner_parts(brand):
    """Every shorter run of at least two characters inside `brand` (智慧树: 智慧, 慧树)."""
    size = len(brand)
    return {brand[i : i + n] for n in range(SHORTEST, size) for i in range(size - n + 1)}


def _holders(snapshot, brand):
    """Entries with a longer brand that holds `brand` (found through the name index)."""
    named = snapshot.select(brand)
    if len(named) > MAX_HOLDERS:
        return []
    return [e for e in named if any(brand in b and brand != b for b in e.brands)]


def lookalikes(snapshot, normalized, *, limit):
    """[(score, entry)] of current entries sharing the brand of `normalized`, best first."""
    brand = brand_of(normalized)
    if not brand:
        return []
    best = {}

    def offer(entries, score):
        for entry in entries:
            if score > best.get(entry.id, (0.0, None))[0]:
                best[entry.id] = (score, entry)

    offer(snapshot.by_brand(brand), SAME_BRAND)
    offer(snapshot.by_brand_sound(brand_sound(brand)), SAME_SOUND)
    for part in _inner_parts(brand):
        offer(snapshot.by_brand(part), CONTAINED)
    offer(_holders(snapshot, brand), CONTAINED)
    scored = sorted(best.values(), key=lambda pair: (-pair[0], pair[1].order_key()))
    return scored[:limit]
