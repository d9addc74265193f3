"""The complaint reads reports are built from: one aggregation, one projection, one export.

Reports (statistics, the ledger) decide what to count and how to lay it out; the
complaints collection is read here, by the package that owns it. `match` is a filter
on stored fields (reports.stats.period_match builds it); each read narrows it to the
complaints its `actor` may see, whatever the caller asked for.
"""

from models.complaint import Complaint
from server.services.complaints.scope import visible_match


def facet_counts(match, facets, *, actor):
    """The one document a `$facet` of `facets` over the complaints matching `match` yields."""
    pipeline = [{"$match": visible_match(actor, match)}, {"$facet": facets}]
    (result,) = list(Complaint._get_collection().aggregate(pipeline))
    return result


def matching(match, fields, *, actor):
    """The raw complaints matching `match`, holding `fields` only (a cursor)."""
    query = visible_match(actor, match)
    return Complaint._get_collection().find(query, {name: 1 for name in fields})


def institutions_of(match, *, actor):
    """The ids of the listed institutions the complaints matching `match` concern."""
    query = visible_match(actor, match)
    return [i for i in Complaint._get_collection().distinct("institution", query) if i]


def oldest_first(match, fields, *, actor):
    """The raw complaints matching `match`, oldest first, holding `fields` (streamed)."""
    pipeline = [
        {"$match": visible_match(actor, match)},
        {"$sort": {"created_at": 1, "no": 1}},
        {"$project": {name: 1 for name in fields}},
    ]
    return Complaint._get_collection().aggregate(pipeline, allowDiskUse=True)
