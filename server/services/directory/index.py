"""The in-memory directory index: substring, pinyin, code, filter and nearby lookups.

A `Snapshot` is immutable: a `Base` built from every institution (sorted by the pinyin of
the name, the list order) plus a small `Overlay` of entries changed since. Requests read a
snapshot without locks; directory_sync swaps in a new one when the journal moves.

Substring search uses a generalised suffix array (suffix_array.py); lookalikes compare
brands (brands.py, lookalikes.py), looked up here by brand and by its pinyin.
"""

from bisect import bisect_left
from collections import defaultdict

from server.services.directory import geo
from server.services.directory.suffix_array import SuffixArray

FILTER_FIELDS = ("status", "kind", "category", "district")


class Base:
    """Every institution at one moment, in list order, with its lookup tables."""

    def __init__(self, entries):
        self.entries = sorted(entries, key=lambda e: e.order_key())
        self.order_keys = [e.order_key() for e in self.entries]
        self.position = {e.id: i for i, e in enumerate(self.entries)}
        self.suffixes = SuffixArray(self.entries)
        self.filters = {field: defaultdict(list) for field in FILTER_FIELDS}
        self.cells = {p: defaultdict(list) for p in geo.INDEXED_PRECISIONS}
        self.exact, self.homophones = defaultdict(list), defaultdict(list)
        self.brands, self.brand_sounds = defaultdict(list), defaultdict(list)
        for i, entry in enumerate(self.entries):
            for field in FILTER_FIELDS:
                self.filters[field][getattr(entry, field)].append(i)
            if entry.lat is not None and entry.lng is not None:
                for precision in geo.INDEXED_PRECISIONS:
                    cell = geo.cell_of(entry.lat, entry.lng, precision)
                    self.cells[precision][cell].append(entry)
            for name in set(entry.names):
                self.exact[name].append(i)
            for spelled in set(entry.spelled):
                self.homophones[spelled].append(i)
            for brand in entry.brands:
                self.brands[brand].append(i)
            for sound in entry.brand_sounds:
                self.brand_sounds[sound].append(i)
        self.exact, self.homophones = _compact(self.exact), _compact(self.homophones)
        self.brands, self.brand_sounds = _compact(self.brands), _compact(self.brand_sounds)
        # cell -> (x0, y0, z0, x1, ... of its entries' unit vectors, the entries): a scan
        # reads the coordinates side by side and touches an entry only when it is a hit
        self.cells = {
            p: {c: (_coordinates(members), tuple(members)) for c, members in t.items()}
            for p, t in self.cells.items()
        }
        self.filters = {field: _compact(table) for field, table in self.filters.items()}

    def rank_of(self, entry):
        """Where an entry not in the base sorts among base entries (a float between them)."""
        return bisect_left(self.order_keys, entry.order_key()) - 0.5


class Overlay:
    """Entries added or changed since the base was built, and ids deleted since."""

    def __init__(self, base, entries=None, removed=frozenset()):
        self.entries = dict(entries or {})  # id -> Entry
        self.removed = frozenset(removed)
        changed = set(self.entries) | self.removed
        self.stale = frozenset(base.position[i] for i in changed if i in base.position)
        self.ranked = [(base.rank_of(e), e) for e in self.entries.values()]

    def __len__(self):
        return len(self.entries) + len(self.removed)

    def updated(self, base, changed, removed):
        """A new overlay with `changed` entries (id -> Entry) and `removed` ids applied."""
        entries = {k: v for k, v in self.entries.items() if k not in removed}
        entries.update(changed)
        gone = (self.removed - set(changed)) | set(removed)
        return Overlay(base, entries, gone)


class Selection:
    """Entries in list order, looked up from positions only for the page asked for."""

    def __init__(self, entries, positions, head=()):
        self.entries, self.positions, self.head = entries, positions, list(head)

    def __len__(self):
        return len(self.head) + len(self.positions)

    def __getitem__(self, window):
        start, stop, _ = window.indices(len(self))
        page, skip = self.head[start:stop], len(self.head)
        if stop > skip:
            tail = self.positions[max(0, start - skip) : stop - skip]
            page += [self.entries[i] for i in tail]
        return page

    def __iter__(self):
        yield from self.head
        for i in self.positions:
            yield self.entries[i]

    def first(self, ids):
        """The same entries with those whose id is in `ids` moved to the front."""
        front = [e for e in self if e.id in ids]
        if not front:
            return self
        rest = [i for i in self.positions if self.entries[i].id not in ids]
        head = [e for e in self.head if e.id not in ids]
        return Selection(self.entries, rest, head=front + head)


class Snapshot:
    """An immutable view of the directory as of journal (epoch, seq)."""

    def __init__(self, base, overlay, epoch, seq):
        self.base, self.overlay, self.epoch, self.seq = base, overlay, epoch, seq

    def changed(self, changed, removed, seq):
        """The snapshot after applying changed entries and removed ids."""
        overlay = self.overlay.updated(self.base, changed, removed)
        return Snapshot(self.base, overlay, self.epoch, seq)

    def live(self):
        """Every current entry, in list order."""
        return self._ordered(None, self.overlay.ranked)

    def entry(self, institution_id):
        """The current entry with this id, or None."""
        if institution_id in self.overlay.entries:
            return self.overlay.entries[institution_id]
        if institution_id in self.overlay.removed:
            return None
        position = self.base.position.get(institution_id)
        return None if position is None else self.base.entries[position]

    def select(self, query=None, filters=None):
        """Entries matching a normalised query and exact-value filters, in list order."""
        filters = {k: v for k, v in (filters or {}).items() if v is not None}
        base = self.base
        positions = base.suffixes.positions(query) if query else None
        if filters:
            positions = self._filtered(positions, filters)
        extra = [
            (rank, e)
            for rank, e in self.overlay.ranked
            if (not query or e.matches(query)) and all(e.has(f, v) for f, v in filters.items())
        ]
        if positions is None and not filters and not query:
            return self._ordered(None, extra)
        return self._ordered(positions, extra)

    def _filtered(self, positions, filters):
        """Positions passing every filter: start from the query's matches or from the
        smallest filter's list, then check the entries themselves."""
        if positions is None:
            lists = [positions_of(self.base.filters[f].get(v)) for f, v in filters.items()]
            positions = min(lists, key=len)
        entries = self.base.entries
        return [
            i for i in positions if all(getattr(entries[i], f) == v for f, v in filters.items())
        ]

    def _ordered(self, positions, extra):
        """A Selection of base positions (without stale ones) and overlay extras, in order."""
        entries, stale = self.base.entries, self.overlay.stale
        positions = range(len(entries)) if positions is None else sorted(positions)
        if stale:
            positions = [i for i in positions if i not in stale]
        if not extra:
            return Selection(entries, positions)
        merged = sorted([(i, entries[i]) for i in positions] + extra, key=lambda pair: pair[0])
        return Selection(entries, (), head=[entry for _, entry in merged])

    def within(self, lat, lng, radius_m):
        """[(squared chord, id, entry)] of the entries within `radius_m` of the point.

        Candidates come from the geohash cells covering the circle; the squared chord
        between unit vectors grows with great-circle distance, so it decides (and later
        orders) without trigonometry. geo.distance_from_chord2 gives the metres.
        """
        precision, cells = geo.covering_cells(lat, lng, radius_m)
        table, stale = self.base.cells[precision], self.overlay.stale
        x0, y0, z0 = geo.unit_vector(lat, lng)
        limit = geo.chord2_for(radius_m)
        found, position = [], self.base.position
        for cell in cells:
            bucket = table.get(cell)
            if bucket is None:
                continue
            coordinates, members = bucket
            axes = iter(coordinates)
            for entry, x, y, z in zip(members, axes, axes, axes, strict=True):
                dx, dy, dz = x - x0, y - y0, z - z0
                chord2 = dx * dx + dy * dy + dz * dz
                if chord2 <= limit and not (stale and position[entry.id] in stale):
                    found.append((chord2, entry.id, entry))
        for _, entry in self.overlay.ranked:
            if entry.lat is not None and entry.lng is not None:
                x, y, z = geo.unit_vector(entry.lat, entry.lng)
                chord2 = (x - x0) * (x - x0) + (y - y0) * (y - y0) + (z - z0) * (z - z0)
                if chord2 <= limit:
                    found.append((chord2, entry.id, entry))
        return found

    def exact(self, normalized):
        """Entries whose normalised name or alias is exactly `normalized`."""
        return self._lookup(self.base.exact, normalized, lambda e: normalized in e.names)

    def homophones(self, pinyin):
        """Entries whose name or alias reads exactly as `pinyin` (toneless, no spaces)."""
        return self._lookup(self.base.homophones, pinyin, lambda e: pinyin in e.spelled)

    def by_brand(self, brand):
        """Entries one of whose names has this brand."""
        return self._lookup(self.base.brands, brand, lambda e: brand in e.brands)

    def by_brand_sound(self, sound):
        """Entries one of whose brands reads as `sound` (toneless pinyin, no spaces)."""
        return self._lookup(self.base.brand_sounds, sound, lambda e: sound in e.brand_sounds)

    def _lookup(self, table, key, test):
        stale, entries = self.overlay.stale, self.base.entries
        found = [entries[i] for i in positions_of(table.get(key)) if i not in stale]
        return found + [e for _, e in self.overlay.ranked if test(e)]


def _coordinates(entries):
    """The unit vectors of entries, flattened: (x0, y0, z0, x1, y1, z1, ...)."""
    return tuple(axis for e in entries for axis in geo.unit_vector(e.lat, e.lng))


def _compact(table):
    """A plain dict of positions: one int for a single one, else a tuple (a list per key
    costs more than its contents at 50,000 entries)."""
    return {key: ids[0] if len(ids) == 1 else tuple(ids) for key, ids in table.items()}


def positions_of(value):
    """The positions a compacted table holds for a key (None: none)."""
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


def build(entries, epoch, seq):
    """A fresh snapshot of `entries` as of journal (epoch, seq)."""
    base = Base(entries)
    return Snapshot(base, Overlay(base), epoch, seq)
