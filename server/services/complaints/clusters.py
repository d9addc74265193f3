"""Clusters: complaints about one institution in one category within 30 days.

An institution is the listed one (`id:<id>`), or for an unlisted one its name and address
as written, normalised (`name:<name>|<address>`): the `cluster_key` stored on each
complaint. Every read here is a range of the (cluster_key, category[, status], created_at) indexes:
sizes are counted in the index and stop at CAP, and member lists read at most CAP
complaints, so a cluster costs what it holds (at most CAP), never what the county stored.
Staff see a cluster's size on list rows and the detail and may merge a whole cluster into
one complaint; a parent whose complaint joins others is told how many came before.
"""

import re
import unicodedata
from datetime import timedelta

from models.complaint import OPEN_STATUSES, Complaint
from server.clock import as_utc
from server.services.directory import normalize_name

WINDOW = timedelta(days=30)
CAP = 200  # members read at most; a larger cluster shows "200+"
ADDRESS_NOISE = re.compile(r"[\s\-－—,，.。、#＃()（）]+")


def _address_key(text):
    text = unicodedata.normalize("NFKC", text or "").lower()
    return ADDRESS_NOISE.sub("", text)


def cluster_key(institution=None, name=None, address=None):
    """Who a complaint is about, as clusters and early warning compare it."""
    if institution is not None:
        return f"id:{institution.pk}"
    if not name:
        return None
    return f"name:{normalize_name(name)}|{_address_key(address)}"


def key_of(complaint):
    """The complaint's stored key, or the one its fields give (stored before keys existed)."""
    return complaint.cluster_key or cluster_key(
        complaint.institution, complaint.institution_name, complaint.institution_address
    )


def recent_numbers(subject, category, since, limit):
    """Tracking numbers about `subject` (of `category`, or any) since `since`, newest first."""
    query = {"cluster_key": subject, "created_at": {"$gte": since}}
    if category:
        query["category"] = category
    found = Complaint._get_collection().find(query, {"no": 1}).sort("created_at", -1)
    return [doc["no"] for doc in found.limit(limit)]


def _window(complaint, *, before_only=False):
    """The query of the cluster around `complaint`, or None when it names no institution."""
    subject = key_of(complaint)
    if subject is None:
        return None
    around = as_utc(complaint.created_at)
    span = {"$gte": around - WINDOW, "$lte": around if before_only else around + WINDOW}
    return {"cluster_key": subject, "category": complaint.category, "created_at": span}


def _count(query):
    """How many match, counted in the index and stopped at CAP (no document is read)."""
    return Complaint._get_collection().count_documents(query, limit=CAP)


def _members(complaint, *, statuses=None):
    """(no, status) of the cluster around `complaint`, oldest first, at most CAP."""
    query = _window(complaint)
    if query is None:
        return []
    if statuses:
        query["status"] = {"$in": list(statuses)}
    found = Complaint._get_collection().find(query, {"no": 1, "status": 1}).sort("created_at", 1)
    return [(doc["no"], doc.get("status")) for doc in found.limit(CAP)]


def cluster_of(complaint, *, numbers=False):
    """{"size", "open", "capped"} (and the members' numbers if asked) for staff views."""
    query = _window(complaint)
    if query is None:
        found = {"size": 1, "open": int(complaint.status in OPEN_STATUSES), "capped": False}
        return {**found, "numbers": [complaint.no]} if numbers else found
    size = _count(query)
    found = {
        "size": size,
        "open": _count({**query, "status": {"$in": list(OPEN_STATUSES)}}),
        "capped": size >= CAP,
    }
    if numbers:
        found["numbers"] = [no for no, _ in _members(complaint)]
    return found


def parent_notice(complaint):
    """已有 N 位家长反映同类问题, when open complaints came before this one; else None."""
    query = _window(complaint, before_only=True)
    if query is None:
        return None
    query.update(status={"$in": list(OPEN_STATUSES)}, no={"$ne": complaint.no})
    earlier = _count(query)
    return f"已有 {earlier} 位家长反映同类问题" if earlier else None


def open_members(complaint):
    """Tracking numbers of the cluster's other open complaints (candidates to merge)."""
    return [
        no for no, status in _members(complaint) if no != complaint.no and status in OPEN_STATUSES
    ]
