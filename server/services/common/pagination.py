"""Lists as `{"items", "total", "page", "per_page"}`; `?page=&per_page=` are read by args."""

from server.services.common.args import DEFAULT_PER_PAGE, MAX_PER_PAGE, page_args

__all__ = ["DEFAULT_PER_PAGE", "MAX_PER_PAGE", "page_args", "page_of", "paginate"]


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
