"""Store section: every hot path at 100,000 complaints and 200,000 institutions.

Seeds the store (bench/store_seed.py) and runs each hot path once through the API (or,
for the worker and the console home, the service calls they make), counting the
documents the driver hands to the app (bench/reads.py wraps its cursors) and naming the
declared index that serves each query on complaints (explain() on MongoDB, the
declared-index stand-in on mongomock). Each row: `<path>  <documents>  docs  <index>`;
every path but the ledger export reads at most 200 documents, the export only its month.
Last, the directory: a process started on the seeded store builds its index before it
answers, so its first search is as fast as its tenth (both timed).
Runs on mongomock, or MONGODB_URI when set (database bench_store). With
BENCH_DEMO_START=1 it also starts gunicorn with DEMO_INSTITUTIONS=200000 (several minutes)
and times the first and tenth directory search after /readyz first answers 200.
"""

import os
import time
from datetime import datetime, timedelta

from mongoengine import get_db

from bench.reads import counting_reads, indexes_used
from bench.store_seed import COMPLAINTS, INSTITUTIONS, seed_complaints, seed_directory
from bench.store_warnings import rows_for_warnings
from bench.timing import BENCH_LOGIN, Server, bench_account
from models.complaint import Complaint
from models.parent import Parent
from models.staff import Staff
from server.app import build_directory_index, create_app
from server.clock import SHANGHAI, utcnow
from server.emulators.wechat.fake import FakeWeChat
from server.services.admin import seed_demo_queues
from server.services.complaints import (
    anonymise_closed,
    list_complaints,
    pass_on_pending_outcomes,
    queue_overview,
    status_message,
)
from server.services.deadlines import DeadlineRules
from server.services.holidays import load_calendar
from server.worker import run_once

LIMIT = 200
PENDING_MESSAGES = 50
WAITING_TARGETS = 5
STAFF = "/api/staff/v1"


def _config(fake):
    return {
        "APP_ENV": "test",
        "MONGODB_URI": os.environ.get("MONGODB_URI") or None,
        "MONGODB_DB": "bench_store",
        "WECHAT_APPID": fake.appid,
        "WECHAT_SECRET": fake.secret,
        "WECHAT_API_BASE": fake.base_url,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "LOG_LEVEL": "WARNING",
        "RUN_WORKER": False,
    }


def _empty_store():
    store = get_db()
    for name in store.list_collection_names():
        if not name.startswith("system."):
            store[name].delete_many({})


class Rows:
    """The section's rows: run a path inside `counting_reads`, record docs and indexes."""

    def __init__(self):
        self.rows = []

    def measure(self, name, call, *, limit=LIMIT, note=""):
        """Run `call()` once; one row with the documents it read and the indexes it used."""
        started = time.perf_counter()
        with counting_reads() as reads:
            call()
        elapsed = (time.perf_counter() - started) * 1000
        within = "ok" if limit is None or reads.total <= limit else f"OVER {limit}"
        used = indexes_used(reads)
        extra = f"; {note}" if note else ""
        self.rows.append((name, reads.total, "docs", f"{used} ({elapsed:.0f} ms, {within}{extra})"))
        return reads


def _client_get(client, headers):
    def get(path):
        response = client.get(path, headers=headers)
        assert response.status_code == 200, (path, response.status_code, response.data[:300])
        response.get_data()
        return response

    return get


def _pending_work(now, docs):
    """A few things for the worker to do: merged outcomes owed, messages due."""
    collection = Complaint._get_collection()
    targets = [d for d in docs if d["status"] == "resolved"][:WAITING_TARGETS]
    merged = [d for d in docs if d["status"] == "merged" and "anonymised_at" not in d]
    for target, source in zip(targets, merged, strict=False):
        collection.update_one({"_id": target["_id"]}, {"$set": {"merges_waiting": True}})
        change = {"merged_into": target["no"], "merged_outcome_at": None}
        collection.update_one({"_id": source["_id"]}, {"$set": change})
    open_ones = [d for d in docs if d["status"] == "in_progress"][:PENDING_MESSAGES]
    for doc in open_ones:
        message = status_message(no=doc["no"], status="in_progress", text="已安排专人办理", now=now)
        update = {"$push": {"outbox": message.to_mongo().to_dict()}}
        collection.update_one({"_id": doc["_id"]}, update)


def _sessions(app, fake, docs):
    """Tokens for an admin and for a parent owning 30 of the complaints."""
    client = app.test_client()
    bench_account("admin")
    body = BENCH_LOGIN
    staff = client.post(f"{STAFF}/auth/login", json=body).get_json()["token"]
    code = fake.login_code("bench-parent")
    parent = client.post("/api/mp/v1/auth/login", json={"code": code}).get_json()
    owner = Parent.objects.get(openid=fake.openid_for("bench-parent"))
    mine = [d["_id"] for d in docs if d.get("parent")][:30]
    Complaint._get_collection().update_many({"_id": {"$in": mine}}, {"$set": {"parent": owner.pk}})
    return client, staff, parent["token"]


def _hot_paths(app, fake, docs, rows):
    client, staff_token, parent_token = _sessions(app, fake, docs)
    staff = _client_get(client, {"Authorization": f"Bearer {staff_token}"})
    parent = _client_get(client, {"Authorization": f"Bearer {parent_token}"})
    rows.measure("staff list page", lambda: staff(f"{STAFF}/complaints"))
    rows.measure("staff list overdue only", lambda: staff(f"{STAFF}/complaints?overdue=true"))
    rows.measure(
        "staff list q=tracking prefix", lambda: staff(f"{STAFF}/complaints?q={docs[0]['no']}")
    )
    rows.measure("queue counts", lambda: staff(f"{STAFF}/queues"))
    admin = Staff.objects.get(username="bench")
    context = {"calendar": load_calendar(), "rules": DeadlineRules(), "now": utcnow()}

    def console_home():
        with app.app_context():
            queue_overview(admin, **context)
            list_complaints(admin, overdue=True, page=1, per_page=10, **context)

    rows.measure("console home", console_home)
    rows.measure("parent's list", lambda: parent("/api/mp/v1/complaints"))
    now = utcnow()
    _pending_work(now, docs)
    with app.app_context():
        calendar = context["calendar"]
        rows.measure(
            "merged sweep",
            lambda: pass_on_pending_outcomes(calendar=calendar, now=now),
        )
    rows.measure(
        "outbox claim",
        lambda: run_once(app, now=now),
        note=f"{PENDING_MESSAGES + WAITING_TARGETS} due, sent",
    )
    rows.measure("worker round with nothing to do", lambda: run_once(app, now=now))
    with app.app_context():
        retention = lambda: anonymise_closed(now=now, retention_days=365)  # noqa: E731
        rows.measure("retention with nothing due", retention)
    month_end = now.astimezone(SHANGHAI).date().replace(day=1) - timedelta(days=1)
    period = f"from={month_end.replace(day=1)}&to={month_end}"
    first = datetime.combine(month_end.replace(day=1), datetime.min.time(), tzinfo=SHANGHAI)
    last = datetime.combine(month_end + timedelta(days=1), datetime.min.time(), tzinfo=SHANGHAI)
    in_month = sum(1 for d in docs if first <= d["created_at"] < last)
    rows.measure(
        "ledger export of one month",
        lambda: staff(f"{STAFF}/ledger/export?{period}&format=csv"),
        limit=None,
        note=f"{in_month} complaints that month + names",
    )


def _directory(app, rows):
    """What a process does at start on the seeded store (create_app builds the directory
    index before /readyz can answer), then its first and tenth search, timed."""
    started = time.perf_counter()
    build_directory_index(app)  # what create_app runs: the journal says "everything"
    build = time.perf_counter() - started
    client = app.test_client()
    assert client.get("/readyz").status_code == 200
    times = []
    for _ in range(10):
        began = time.perf_counter()
        response = client.get("/api/mp/v1/institutions?q=英语")
        assert response.status_code == 200
        times.append((time.perf_counter() - began) * 1000)
    return [
        ("directory index built at start", round(build, 1), "s", f"{INSTITUTIONS} institutions"),
        ("directory first request after /readyz", round(times[0], 1), "ms", "q=英语"),
        (
            "directory tenth request",
            round(times[9], 1),
            "ms",
            f"first/tenth {times[0] / times[9]:.1f}",
        ),
    ]


def _demo_start():
    """gunicorn on the demo county with 200,000 institutions: first and tenth search."""

    env = {"DEMO_INSTITUTIONS": str(INSTITUTIONS), "LOG_LEVEL": "WARNING"}
    with Server(env, timeout=1200) as server:
        times = []
        for _ in range(10):
            began = time.perf_counter()
            status, _ = server.get("/api/mp/v1/institutions?q=%E8%8B%B1%E8%AF%AD")  # 英语
            assert status == 200
            times.append((time.perf_counter() - began) * 1000)
        started = server.startup_seconds
    return [
        ("demo start to /readyz 200", round(started, 1), "s", f"DEMO_INSTITUTIONS={INSTITUTIONS}"),
        ("demo first request after /readyz", round(times[0], 1), "ms", "gunicorn, q=英语"),
        ("demo tenth request", round(times[9], 1), "ms", f"first/tenth {times[0] / times[9]:.1f}"),
    ]


def run():
    """Measure; rows of (name, value, unit, note)."""
    rows = Rows()
    with FakeWeChat("wx-bench", "bench-secret") as fake:
        app = create_app(_config(fake))
        _empty_store()
        queues = seed_demo_queues()
        started = time.perf_counter()
        institutions = seed_directory()
        middle = time.perf_counter()
        docs = seed_complaints(
            now=utcnow(), queues=queues, institutions=institutions, calendar=load_calendar()
        )
        done = time.perf_counter()
        rows.rows.append(("seed institutions", INSTITUTIONS, "docs", f"{middle - started:.0f} s"))
        rows.rows.append(("seed complaints", COMPLAINTS, "docs", f"{done - middle:.0f} s"))
        rows.rows.extend(_directory(app, rows))
        _hot_paths(app, fake, docs, rows)
        rows_for_warnings(app, docs, rows, utcnow())
    if os.environ.get("BENCH_DEMO_START") == "1":
        rows.rows.extend(_demo_start())
    return rows.rows
