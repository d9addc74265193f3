"""What an operator watches in the store: open and overdue complaints by queue, and the
notification outbox's depth and the age of its oldest due message (read at each scrape,
through the indexes that serve the queue counts and the outbox claim)."""

from models.complaint import OPEN_STATUSES, Complaint
from models.queue import Queue
from server.clock import as_utc

WAITING = ("pending", "sending")


def complaints_by_queue(*, now):
    """{queue key: {"open": n, "overdue": n}} over every queue with open complaints."""
    late = {"$and": [{"$ifNull": ["$due_at", False]}, {"$lt": ["$due_at", now]}]}
    pipeline = [
        {"$match": {"status": {"$in": list(OPEN_STATUSES)}}},
        {
            "$group": {
                "_id": "$queue",
                "open": {"$sum": 1},
                "overdue": {"$sum": {"$cond": [late, 1, 0]}},
            }
        },
    ]
    rows = list(Complaint._get_collection().aggregate(pipeline))
    keys = dict(Queue.objects(id__in=[row["_id"] for row in rows]).scalar("id", "key"))
    return {
        keys.get(row["_id"], "unknown"): {"open": row["open"], "overdue": row["overdue"]}
        for row in rows
    }


def outbox_backlog(*, now):
    """{"pending": n, "sending": n, "oldest_due_seconds": s}: messages not yet settled, and
    how long the oldest one that is due has waited (0 when none is)."""
    counts, oldest = dict.fromkeys(WAITING, 0), None
    query = {"outbox.status": {"$in": list(WAITING)}}
    for doc in Complaint._get_collection().find(query, {"outbox": 1}):
        for message in doc.get("outbox") or ():
            status = message.get("status")
            if status not in counts:
                continue
            counts[status] += 1
            due = message.get("next_attempt_at") if status == "pending" else None
            due = as_utc(due) if due else None
            if due is not None and due <= now and (oldest is None or due < oldest):
                oldest = due
    counts["oldest_due_seconds"] = (now - oldest).total_seconds() if oldest else 0.0
    return counts
