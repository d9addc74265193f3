"""Statistics for the bureau's reports (GET /stats): counts, on-time rates, days, satisfaction.

Everything is about the complaints SUBMITTED in the period (see `report_period`), each
counted once in its CURRENT status; rejected and merged complaints are part of `total`
and of every count by category, status, queue, district and institution (so the counts
add up to `total`), while the timing figures judge only what can be judged (see
`complaint_timing`): rejected and merged complaints have no resolution of their own.

The counts are ONE aggregation pipeline ($match on the indexed `created_at`, then a
$facet of $group stages) that MongoDB and mongomock both run. Working days depend on the
official calendar and the admins' holidays, which MongoDB does not know, so the timing
figures read only the few date fields of each matching complaint (a projected find on
the same $match) and ask `complaint_timing`, which asks `sla`. Rates are fractions 0..1
rounded to 4 places, or null when there is nothing to rate; means are rounded to 2 places.
"""

import statistics

from bson import ObjectId

from models.choices import (
    COMPLAINT_CATEGORIES,
    COMPLAINT_CHANNELS,
    COMPLAINT_STATUSES,
    RATING_SCORES,
)
from models.institution import Institution
from models.queue import Queue
from server.services import warnings
from server.services.complaints import facet_counts, matching, own_queue_ids, sees_all_queues
from server.services.deadlines import TIMING_FIELDS, timing_of
from server.services.permissions import require
from server.services.rectifications import rectification_counts
from server.services.reports.stats_shape import Stats

TOP_INSTITUTIONS = 20
NO_DISTRICT = "未注明"  # complaints about an unlisted institution carry no district


def _count_by(path):
    return [{"$group": {"_id": path, "n": {"$sum": 1}}}]


FACETS = {
    "total": [{"$count": "n"}],
    "category": _count_by("$category"),
    "status": _count_by("$status"),
    "queue": _count_by("$queue"),
    "district": _count_by("$district"),
    # complaints stored before channels existed came from the mini-program
    "channel": _count_by({"$ifNull": ["$channel", "mini_program"]}),
    # A listed institution by id; an unlisted one by the name the parents wrote.
    "institution": _count_by({"id": "$institution", "name": "$institution_name"}),
    "satisfaction": [{"$match": {"rating.score": {"$in": list(RATING_SCORES)}}}]
    + _count_by("$rating.score"),
}


def scope_of(staff):
    """The queue ids whose complaints the staff member's statistics cover (None: all)."""
    return None if sees_all_queues(staff) else own_queue_ids(staff)


def period_match(period, queue_ids=None):
    """The $match of the complaints a report covers."""
    match = period.as_query()
    if queue_ids is not None:
        match["queue"] = {"$in": list(queue_ids)}
    return match


def _counts(match, actor):
    """{facet: {group key: n}} from the one $facet pipeline."""
    result = facet_counts(match, FACETS, actor=actor)
    out = {}
    for name, groups in result.items():
        keys = (_hashable(group.get("_id")) for group in groups)
        out[name] = dict(zip(keys, (group["n"] for group in groups), strict=True))
    return out


def _hashable(key):
    """A group key usable as a dict key (the institution facet groups by a document)."""
    if isinstance(key, dict):
        return (key.get("id"), key.get("name"))
    return key


def _every(table, counts):
    """Counts for every code of `table` (0 when none), then any unknown code found."""
    out = {code: counts.get(code, 0) for code in table}
    out.update({code: n for code, n in counts.items() if code not in out and code is not None})
    return out


def _by_queue(counts, queue_ids):
    """{queue key: n}: every active queue in scope (0 when none), then any other with counts."""
    scope = Queue.objects(active=True) if queue_ids is None else Queue.objects(id__in=queue_ids)
    keys = dict(Queue.objects.scalar("id", "key"))
    out = {queue.key: 0 for queue in scope.order_by("order", "key")}
    for queue_id, n in counts.items():
        key = keys.get(queue_id, str(queue_id))
        out[key] = out.get(key, 0) + n
    return out


def _by_district(counts):
    out = {}
    for name, n in counts.items():
        key = name or NO_DISTRICT
        out[key] = out.get(key, 0) + n
    return dict(sorted(out.items(), key=lambda item: (-item[1], item[0])))


def _by_institution(counts):
    """The top 20 [{"id", "name", "count"}], most complaints first, then by name and id."""
    ids = [key[0] for key in counts if isinstance(key[0], ObjectId)]
    names = dict(Institution.objects(id__in=ids).scalar("id", "name"))
    rows = [
        {
            "id": str(institution_id) if institution_id else None,
            "name": names.get(institution_id) or free_text,
            "count": n,
        }
        for (institution_id, free_text), n in counts.items()
    ]
    rows.sort(key=lambda row: (-row["count"], row["name"] or "", row["id"] or ""))
    return rows[:TOP_INSTITUTIONS]


def _rate(good, bad):
    return round(good / (good + bad), 4) if good + bad else None


def _summary(values):
    if not values:
        return {"mean": None, "median": None}
    return {"mean": round(statistics.fmean(values), 2), "median": float(statistics.median(values))}


def _timing(match, *, actor, calendar, now):
    """On-time counts, days taken, and how many are overdue now."""
    cursor = matching(match, ("status", *TIMING_FIELDS), actor=actor)
    kept = {"accept": [0, 0], "resolve": [0, 0]}  # [on time, late]
    days = {"accept": [], "resolve": []}
    overdue = 0
    for raw in cursor:
        timing = timing_of(raw, calendar=calendar, now=now)
        for name, verdict in (
            ("accept", timing.accepted_on_time),
            ("resolve", timing.resolved_on_time),
        ):
            if verdict is not None:
                kept[name][0 if verdict else 1] += 1
        for name, value in (("accept", timing.accept_days), ("resolve", timing.resolve_days)):
            if value is not None:
                days[name].append(value)
        overdue += timing.overdue
    return kept, days, overdue


def complaint_stats(period, *, actor, calendar, now):
    """The statistics of the complaints submitted in `period` that `actor` may see (every
    queue, or a handler's own)."""
    queue_ids = scope_of(require(actor, "work"))
    match = period_match(period, queue_ids)
    counts = _counts(match, actor)
    kept, days, overdue = _timing(match, actor=actor, calendar=calendar, now=now)
    total = sum(counts["total"].values())
    ratings = _every(RATING_SCORES, counts["satisfaction"])
    rated = sum(ratings.values())
    figures = {
        "from": period.first.isoformat(),
        "to": period.last.isoformat(),
        "scope": "all" if queue_ids is None else "own_queues",
        "total": total,
        "by_category": _every(COMPLAINT_CATEGORIES, counts["category"]),
        "by_status": _every(COMPLAINT_STATUSES, counts["status"]),
        "by_queue": _by_queue(counts["queue"], queue_ids),
        "by_district": _by_district(counts["district"]),
        "by_channel": _every(COMPLAINT_CHANNELS, counts["channel"]),
        "by_institution": _by_institution(counts["institution"]),
        "on_time": {name: _rate(*pair) for name, pair in kept.items()},
        "on_time_counts": {
            name: {"on_time": pair[0], "late": pair[1]} for name, pair in kept.items()
        },
        "days": {name: _summary(values) for name, values in days.items()},
        "overdue": overdue,
        "satisfaction": ratings,
        "satisfaction_share": {
            score: (round(n / rated, 4) if rated else None) for score, n in ratings.items()
        },
        "rectifications": rectification_counts(actor=actor, now=now),
        "warnings": warnings.warning_counts(
            start=period.start, end=period.end, queue_ids=queue_ids
        ),
    }
    return Stats.answer(figures)
