"""Seed data for `python -m bench store`: a prefecture's store after three years.

100,000 complaints (5,000 of them merged, a spread of statuses, queues and ages) and
200,000 institutions, inserted in bulk through the driver. On mongomock every insert into a
collection with a unique index scans the collection, so the indexes are dropped for the
load and created again afterwards (once, O(n)); on MongoDB they stay. Each complaint is
stored as the app leaves it: deadline fields from `deadlines.stored`, reminders and
overdue flags already recorded, old finished complaints already anonymised, merged ones
already told their target's outcome, every outbox message sent.
"""

import os
import random
from datetime import timedelta

from bson import ObjectId

from models.complaint import Complaint
from models.institution import Institution, InstitutionJournal
from server import db
from server.clock import SHANGHAI
from server.services.deadlines import DeadlineRules, initial_deadlines
from server.services.deadlines.stored import STAGE_DONE, STAGE_OVERDUE, facts_of_raw, stored_fields
from server.services.demo.institutions import generate

# BENCH_STORE_SCALE (default 1) shrinks everything while working on the bench itself.
SCALE = float(os.environ.get("BENCH_STORE_SCALE", "1"))
COMPLAINTS = int(100_000 * SCALE)
INSTITUTIONS = int(200_000 * SCALE)
STATUS_MIX = (  # status, how many (at scale 1), age range in days: ~2,800 a month
    ("submitted", 300, (0, 3)),
    ("accepted", 700, (0, 20)),
    ("in_progress", 3_000, (0, 40)),
    ("need_info", 400, (0, 30)),
    ("reopened", 100, (10, 60)),
    ("resolved", 800, (1, 30)),
    ("closed", 80_000, (10, 1095)),
    ("rejected", 9_700, (1, 1095)),
    ("merged", 5_000, (1, 1095)),
)
# What the bench's institutions keep of the demo generator's (courses and histories would
# only slow the load down; the directory index reads these).
INSTITUTION_FIELDS = (
    *("_id", "name", "aliases", "kind", "category", "nature", "mode", "district", "address"),
    *("location", "status", "credit_code", "licence_no", "created_at", "updated_at"),
)
CATEGORIES = ("fees", "off_hours", "disguised_subject", "unlicensed", "safety", "teacher", "other")
RETENTION_DAYS = 365
PARENTS = int(30_000 * SCALE)


def bulk_load(collection, documents, *, batch=5_000):
    """insert_many in batches; on mongomock without indexes, which are rebuilt after."""
    embedded = db.is_embedded()
    if embedded:
        collection.drop_indexes()
    for start in range(0, len(documents), batch):
        collection.insert_many(documents[start : start + batch], ordered=False)


def seed_directory(rng=None):
    """200,000 institutions from the demo generator, lean; their ids."""
    docs = [
        {name: doc[name] for name in INSTITUTION_FIELDS if name in doc}
        for doc in generate(INSTITUTIONS, rng or random.Random(20211))
    ]
    bulk_load(Institution._get_collection(), docs)
    Institution.ensure_indexes()
    InstitutionJournal.record_everything()
    return [doc["_id"] for doc in docs]


def _message(now, status="sent"):
    return {
        "id": ObjectId(),
        "template": "status",
        "data": {"thing3": {"value": "已受理"}},
        "page": "pages/complaint/detail",
        "status": status,
        "attempts": 0 if status == "pending" else 1,
        "next_attempt_at": now,
        "log": [],
    }


def _finished(doc, status, created, rng, now):
    resolved = created + timedelta(days=rng.uniform(1, 20))
    if status in ("resolved", "closed", "reopened"):
        doc.update(resolved_at=min(resolved, now - timedelta(hours=1)), outcome="substantiated")
    if status == "resolved":
        doc["resolved_at"] = now - timedelta(days=rng.uniform(0.1, 6.5))  # rating window open
    if status == "closed":
        doc["closed_at"] = min(resolved + timedelta(days=7), now - timedelta(days=1))
    if status == "reopened":
        doc.update(reopened_at=now - timedelta(days=rng.uniform(0, 5)), resolved_at=None)
        doc["resolve_due_at"] = doc["reopened_at"] + timedelta(days=21)
    finished_at = doc.get("closed_at") or (created + timedelta(days=2))
    doc["updated_at"] = finished_at if status in ("closed", "rejected", "merged") else created
    if status in ("closed", "rejected", "merged") and finished_at < now - timedelta(
        days=RETENTION_DAYS
    ):
        doc.update(anonymised_at=finished_at + timedelta(days=RETENTION_DAYS), photos_removed=0)
        for name in ("parent", "contact_phone"):
            doc.pop(name, None)


def _complaint(i, status, age, rng, now, context):
    created = now - timedelta(days=age, minutes=rng.randrange(1440))
    day = created.astimezone(SHANGHAI).strftime("%Y%m%d")
    context["seq"][day] = context["seq"].get(day, 0) + 1
    accept, resolve = initial_deadlines(
        created, rules=DeadlineRules(), calendar=context["calendar"]
    )
    doc = {
        "_id": ObjectId(),
        "no": f"TS{day}{context['seq'][day]:04d}",
        "parent": context["parents"][i % len(context["parents"])],
        "category": rng.choice(CATEGORIES),
        "description": "机构要求一次性预交一年学费，远超三个月，拒绝按示范文本签合同。",
        "district": "城关街道",
        "queue": context["queues"][i % len(context["queues"])],
        "status": status,
        "urgent": rng.random() < 0.05,
        "contact_phone": "13812345678",
        "created_at": created,
        "accept_due_at": accept,
        "resolve_due_at": resolve,
        "version": 3,
        "timeline": [{"at": created, "status": "submitted", "kind": "status"}],
        "audit": [{"at": created, "by": "parent", "action": "submit", "detail": {}}],
        "outbox": [_message(created)],
    }
    if rng.random() < 0.7:
        doc["institution"] = context["institutions"][rng.randrange(len(context["institutions"]))]
    else:
        doc.update(institution_name=f"无名补习班{i % 500}", institution_address="城关镇某小区")
    if status != "submitted":
        doc["accepted_at"] = created + timedelta(hours=rng.uniform(1, 20))
    if status == "need_info":
        doc.update(pauses=[{"start": now - timedelta(days=rng.uniform(0, 4))}])
        doc["paused_from"] = "in_progress"
    _finished(doc, status, created, rng, now)
    return doc


def _as_swept(doc, now, calendar):
    """The stored fields, with every reminder and overdue flag already recorded."""
    doc.update(stored_fields(facts_of_raw(doc), calendar=calendar, now=now))
    due = doc["due_at"]
    if doc["sweep_stage"] is not None and due <= now + timedelta(hours=24):
        doc["reminded_due_at"] = due
        doc["sweep_stage"] = STAGE_OVERDUE
        if due < now:
            doc["overdue_flagged_due_at"] = due
            doc["sweep_stage"] = STAGE_DONE
    for name in ("due_refresh_at", "sweep_stage"):
        if doc[name] is None:
            del doc[name]


def _merge(docs, rng):
    """Point the merged complaints at finished targets, their outcome already passed on."""
    targets = [d for d in docs if d["status"] in ("closed", "resolved") and d.get("resolved_at")]
    for doc in docs:
        if doc["status"] == "merged":
            target = targets[rng.randrange(len(targets))]
            doc.update(merged_into=target["no"], merged_outcome_at=target["resolved_at"])
            doc["outcome"] = target["outcome"]


def seed_complaints(*, now, queues, institutions, calendar, rng=None):
    """Insert the 100,000 complaints; returns them (raw, as inserted)."""
    rng = rng or random.Random(2021)
    context = {
        "seq": {},
        "calendar": calendar,
        "queues": [q.pk for q in queues],
        "institutions": institutions,
        "parents": [ObjectId() for _ in range(PARENTS)],
    }
    docs = []
    for status, count, (low, high) in STATUS_MIX:
        for _ in range(int(count * SCALE)):
            docs.append(_complaint(len(docs), status, rng.uniform(low, high), rng, now, context))
    for doc in docs:
        _as_swept(doc, now, calendar)
    _merge(docs, rng)
    bulk_load(Complaint._get_collection(), docs)
    Complaint.ensure_indexes()
    return docs
