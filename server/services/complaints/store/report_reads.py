"""The complaint reads reports are built from: one aggregation, one projection, one export.

Reports (statistics, the ledger) decide what to count and how to lay it out; the
complaints collection is read here, by the package that owns it. `match` is a filter
on stored fields (reports.stats.period_match builds it).
"""

from models.complaint import Complaint


def facet_counts(match, facets):
    """The one document a `$facet` of `facets` over the complaints matching `match` yields."""
    pipeline = [{"$match": match}, {"$facet": facets}]
    (result,) = list(Complaint._get_collection().aggregate(pipeline))
    return result


def matching(match, fields):
    """The raw complaints matching `match`, holding `fields` only (a cursor)."""
    return Complaint._get_collection().find(match, {name: 1 for name in fields})


def institutions_of(match):
    """The ids of the listed institutions the complaints matching `match` concern."""
    return [i for i in Complaint._get_collection().distinct("institution", match) if i]


def oldest_first(match, fields):
    """The raw complaints matching `match`, oldest first, holding `fields` (streamed)."""
    pipeline = [
        {"$match": match},
        {"$sort": {"created_at": 1, "no": 1}},
        {"$project": {name: 1 for name in fields}},
    ]
    return Complaint._get_collection().aggregate(pipeline, allowDiskUse=True)
