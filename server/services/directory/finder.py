"""The directory parents trust: search, nearby, verdicts, public detail and menus (GET /meta).

Search and verdicts read this process's in-memory index (directory_sync.current()), which
follows every write; the detail page reads the document from MongoDB.
"""

from models.choices import (
    COMPLAINT_CATEGORIES,
    COMPLAINT_CATEGORY_HELP,
    INSTITUTION_CATEGORIES,
    INSTITUTION_KINDS,
    INSTITUTION_MODES,
    INSTITUTION_NATURES,
    INSTITUTION_STATUSES,
    INSTITUTION_VERDICTS,
    as_list,
    label,
)
from models.institution import Institution
from server.errors import AppError, validation_error
from server.services.common import page_of
from server.services.directory import geo
from server.services.directory import sync as directory_sync
from server.services.directory.index import positions_of
from server.services.directory.item_shapes import Verdict, parent_item
from server.services.directory.lookalikes import lookalikes
from server.services.directory.names import full_pinyin, normalize_name, pinyin_keys
from server.services.directory.search_args import MAX_QUERY_LENGTH
from server.services.directory.shapes import institution_item

SIMILAR_LIMIT = 5

VERDICT_MESSAGES = {
    "whitelist": "该机构在教育部门白名单中，已通过审核登记。",
    "blacklist": "该机构在教育部门黑名单中，请勿报名或缴费。",
    "suspended": "该机构已被暂停办学，请勿报名或缴费。",
    "revoked": "该机构办学许可已被吊销，请勿报名或缴费。",
    "pending": "该机构已登记，正在审核中，尚未列入白名单。",
    "not_listed": "未找到名称完全一致的登记机构。下列机构名称相近，但不是同一家，"
    "请核对全称、地址和办学许可证号；未登记即开展培训的，可以举报。",
    "ambiguous": "有多家登记机构使用此名称，请根据地址或办学许可证号确认是哪一家。",
}
# With no lookalike to show, "下列机构名称相近" would point at an empty list.
ALONE_MESSAGES = {
    "not_listed": "未找到名称一致或相近的登记机构，请核对全称；未登记即开展培训的，可以举报。",
}
LOOKALIKE_WARNING = "另有名称相近的机构（见下方），请核对全称、地址和办学许可证号，谨防冒名。"


def verdict_message(verdict, similar):
    """The verdict's message, true to whether lookalikes are listed beside it."""
    if not similar:
        return ALONE_MESSAGES.get(verdict, VERDICT_MESSAGES[verdict])
    if verdict in ("not_listed", "ambiguous"):
        return VERDICT_MESSAGES[verdict]
    return VERDICT_MESSAGES[verdict] + LOOKALIKE_WARNING


def search(*, q="", filters=None, near=None, page=1, per_page=20, shape=parent_item):
    """One page of institutions matching `q` and `filters` ({field: code or None}), nearest
    first when `near` = (lat, lng, radius_m) is given (keywords from `parse_search`)."""
    snapshot = directory_sync.current()
    query, filters = normalize_name(q), filters or {}
    start, stop = (page - 1) * per_page, page * per_page
    if near:
        hits = _nearby(snapshot, query, filters, *near)
        items = [shape(entry, distance) for distance, entry in hits[start:stop]]
        return page_of(items, len(hits), page, per_page)
    entries = snapshot.select(query, filters)
    if query:
        exact = {e.id for e in snapshot.exact(query)}
        entries = entries.first(exact) if exact else entries
    return page_of([shape(e) for e in entries[start:stop]], len(entries), page, per_page)


def _nearby(snapshot, query, filters, lat, lng, radius_m):
    """Entries within the circle passing the query and filters, nearest first (ties by id);
    exact distances are worked out only for the page shown."""
    wanted = [(f, v) for f, v in filters.items() if v is not None]
    hits = snapshot.within(lat, lng, radius_m)
    if wanted or query:
        hits = [
            hit
            for hit in hits
            if all(getattr(hit[2], f) == v for f, v in wanted)
            and (not query or hit[2].matches(query))
        ]
    hits.sort()
    return _LazyDistances(hits)


class _LazyDistances:
    """Hits sorted by chord; slicing yields (distance_m, entry) for those shown."""

    def __init__(self, hits):
        self.hits = hits

    def __len__(self):
        return len(self.hits)

    def __getitem__(self, window):
        return [(geo.distance_from_chord2(c), entry) for c, _, entry in self.hits[window]]


def check_name(name):
    """The verdict for a name: its list status on an exact (normalised) match, else
    `not_listed` or `ambiguous`, with lookalikes that are never presented as the answer."""
    if isinstance(name, str) and len(name) > MAX_QUERY_LENGTH:
        raise validation_error({"name": f"机构名称最多 {MAX_QUERY_LENGTH} 个字"})
    normalized = normalize_name(name)
    if not normalized:
        raise validation_error({"name": "请输入机构名称"})
    snapshot = directory_sync.current()
    matches = snapshot.exact(normalized)
    if len(matches) == 1:
        verdict, institution = matches[0].status, institution_item(matches[0])
    else:
        verdict = "ambiguous" if matches else "not_listed"
        institution = None
    similar = (
        [dict(institution_item(e), similarity=1.0) for e in matches] if len(matches) > 1 else []
    )
    similar += _similar(snapshot, normalized, exclude={e.id for e in matches})
    similar = similar[: max(SIMILAR_LIMIT, len(matches))]
    return Verdict.pick(
        {
            "verdict": verdict,
            "verdict_label": label(INSTITUTION_VERDICTS, verdict),
            "message": verdict_message(verdict, similar),
            "institution": institution,
            "similar": similar,
        }
    )


def _similar(snapshot, normalized, exclude):
    """Lookalikes: the whole name said the same first (起航 for 启航), then shared brands."""
    found, seen = [], set(exclude)
    sound = full_pinyin(pinyin_keys(normalized)[0])
    for entry in snapshot.homophones(sound):
        if entry.id not in seen:
            seen.add(entry.id)
            found.append(dict(institution_item(entry), similarity=1.0, same_pronunciation=True))
    for score, entry in lookalikes(snapshot, normalized, limit=SIMILAR_LIMIT + len(seen)):
        if entry.id not in seen:
            seen.add(entry.id)
            found.append(dict(institution_item(entry), similarity=round(score, 2)))
    return found[:SIMILAR_LIMIT]


def institution_document(institution_id):
    """The raw stored document of an institution; 404 if none."""
    raw = Institution._get_collection().find_one({"_id": institution_id})
    if raw is None:
        raise AppError("not_found")
    return raw


def meta():
    """Menus for the mini-program: districts in the directory and every labelled code."""
    snapshot = directory_sync.current()
    return {
        "districts": _districts(snapshot),
        "complaint_categories": as_list(COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_HELP),
        "institution_categories": as_list(INSTITUTION_CATEGORIES),
        "institution_kinds": as_list(INSTITUTION_KINDS),
        "institution_natures": as_list(INSTITUTION_NATURES),
        "institution_modes": as_list(INSTITUTION_MODES),
        "statuses": as_list(INSTITUTION_STATUSES),
        "verdicts": as_list(INSTITUTION_VERDICTS),
    }


def _districts(snapshot):
    cached = getattr(snapshot, "districts", None)
    if cached is None:
        stale = snapshot.overlay.stale
        table = snapshot.base.filters["district"]
        names = {
            d for d, ids in table.items() if d and any(i not in stale for i in positions_of(ids))
        }
        names |= {e.district for _, e in snapshot.overlay.ranked if e.district}
        cached = sorted(names, key=lambda d: (pinyin_keys(normalize_name(d))[0], d))
        snapshot.districts = cached
    return cached


def institution_ids(text, *, limit=200):
    """Ids of the institutions a staff search term names (exact names first), at most `limit`.

    Answered by this process's directory index, so a complaint search by institution
    becomes an indexed `institution $in [...]` instead of a scan of every name.
    """
    query = normalize_name(text or "")
    if not query:
        return []
    snapshot = directory_sync.current()
    entries = snapshot.select(query)
    exact = {e.id for e in snapshot.exact(query)}
    entries = entries.first(exact) if exact else entries
    return [entry.id for entry in entries[0:limit]]
