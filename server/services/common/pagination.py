"""Lists as `{"items", "total", "page", "per_page"}` with `?page=&per_page=` (at most 100)."""

from server.errors import validation_error

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
# Past this the skip would still fit in int64, but no list is that long; far beyond it
# (?page=1e20) the skip would not, which MongoDB refuses (OverflowError, a 500).
MAX_PAGE = 100_000


def _positive(raw, default, field):
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise validation_error({field: "必须是正整数"}) from None
    if value < 1:
        raise validation_error({field: "必须是正整数"})
    return value


def page_args(args):
    """Read and check `page` and `per_page` from query arguments."""
    page = _positive(args.get("page"), 1, "page")
    per_page = _positive(args.get("per_page"), DEFAULT_PER_PAGE, "per_page")
    if per_page > MAX_PER_PAGE:
        raise validation_error({"per_page": f"每页最多 {MAX_PER_PAGE} 条"})
    if page > MAX_PAGE:
        raise validation_error({"page": f"页码不能超过 {MAX_PAGE}"})
    return page, per_page


def paginate(queryset, page, per_page, shape):
    """One page of a mongoengine queryset, each item passed through `shape`."""
    total = _total(queryset)
    items = queryset.skip((page - 1) * per_page).limit(per_page)
    return page_of([shape(item) for item in items], total, page, per_page)


def _total(queryset):
    """How many match: counted, or from the collection's metadata when nothing is filtered
    (counting an unfiltered collection reads every document; no index serves it)."""
    if queryset._query or queryset._none or queryset._empty:
        return queryset.count()
    return queryset._collection.estimated_document_count()


def page_of(items, total, page, per_page):
    """The list envelope for already-shaped items."""
    return {"items": items, "total": total, "page": page, "per_page": per_page}
