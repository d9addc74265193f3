"""The soak: for about a minute, parents upload photos, submit complaints and add supplements,
staff accept, ask and reply, and the worker sends status messages, all over loopback HTTP,
while the store fails over every few seconds and WeChat flaps. Then the invariants, printed
(and shown at the end of `make test`): every 201 stored exactly once, every status message
sent exactly once, no lease left stuck, no complaint half-written, /healthz under a second.
"""

import threading
import time
from collections import Counter
from datetime import timedelta

import pytest

from models.complaint import Complaint
from server.worker import run_forever, run_once
from tests.support.pooled_server import pooled
from tests.support.soak_actors import Parent, Staff, healthz_monitor, report

LOAD_SECONDS = 30
pytestmark = pytest.mark.soak


def test_the_service_holds_under_failovers_and_a_flapping_wechat(
    app, failover, fake_wechat, login_staff, monkeypatch
):
    monkeypatch.setitem(app.config, "WORKER_INTERVAL", 0.3)
    for name, value in {"COMPLAINTS_PER_DAY": 1000, "CAP_COMPLAINTS_PER_ADDRESS": 0}.items():
        monkeypatch.setitem(app.config, name, value)  # three parents on one loopback address
    dispatcher = login_staff("dispatcher", ("dispatcher",))
    stop, worker_stop = threading.Event(), threading.Event()
    failover.retry_wait = 0.3
    failover.every(8.0, 1.2, seed=11)  # an election every 8 s, lasting 1.2 s
    fake_wechat.set_faults(0.15, slow_seconds=0.3, seed=5)
    with pooled(app, threads=8) as base:
        parents = [Parent(base, fake_wechat, f"soak-{i}", stop) for i in range(3)]
        staff = Staff(base, dispatcher.token, stop)
        health = healthz_monitor(base, stop)
        actors = [*parents, staff]
        threads = [threading.Thread(target=a.run, daemon=True) for a in (*actors, health)]
        worker = threading.Thread(target=run_forever, args=(app, worker_stop), daemon=True)
        for thread in [*threads, worker]:
            thread.start()
        time.sleep(LOAD_SECONDS)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        elections = failover.injected
        failover.stop()
        fake_wechat.set_faults(0)
        worker_stop.set()
        worker.join(timeout=30)
        drained = _drain(app)
    invariants = _invariants(parents, staff, health, fake_wechat)
    report(invariants, drained=drained, failed_store_operations=elections)
    assert all(ok for ok, _ in invariants.values()), invariants


def _drain(app, rounds=10):
    """Worker rounds later and later (past every backoff and lease) until nothing waits."""
    now = app.extensions["clock"].now()
    for hours in range(1, rounds + 1):
        if not Complaint.objects(outbox__status__in=["pending", "sending"]).count():
            return True
        run_once(app, now=now + timedelta(hours=hours))
    return False


def _invariants(parents, staff, health, fake_wechat):
    """{name: (holds, detail)} over what the actors were told and what the store holds."""
    complaints = list(Complaint.objects.order_by("-created_at"))
    answered = Counter(no for parent in parents for no in parent.created.values())
    stored = Counter(c.no for c in complaints)
    given_up = {key for parent in parents for key in parent.unanswered}
    unanswered = [c.no for c in complaints if c.no not in answered]
    unexplained = [c.no for c in complaints if c.no not in answered and _key(c) not in given_up]
    supplements = Counter(s.text for c in complaints for s in c.supplements)
    added = [text for parent in parents for text in parent.supplements]
    messages = Counter(_message_key(m.data) for c in complaints for m in c.outbox)
    sent = Counter(_message_key(m["data"]) for m in fake_wechat.sent_messages)
    statuses = Counter(m.status for c in complaints for m in c.outbox)
    half = [c.no for c in complaints if not _whole(c)]
    unexpected = Counter(code for actor in (*parents, staff) for code in actor.unexpected)
    return {
        "every 201 stored exactly once": (
            set(answered) <= set(stored) and max(stored.values(), default=1) == 1,
            f"{len(answered)} complaints answered 201, {len(stored)} stored "
            f"({len(unanswered)} of them by a request given up at the end)",
        ),
        "nothing stored that no request asked for": (not unexplained, f"{unexplained[:3]}"),
        "every supplement stored exactly once": (
            all(supplements[text] == 1 for text in added)
            and len(added) == sum(supplements.values()),
            f"{len(added)} supplements",
        ),
        "every status message sent exactly once": (
            sent == messages and statuses.get("sent", 0) == sum(messages.values()),
            f"{sum(messages.values())} in outboxes, {sum(sent.values())} sent; {dict(statuses)}",
        ),
        "no lease left stuck": (
            statuses.get("sending", 0) == 0,
            f"{statuses.get('sending', 0)} sending",
        ),
        "no complaint half-written": (not half, f"{len(half)} inconsistent {half[:3]}"),
        "no 500 and no unexpected answer": (not unexpected, f"{dict(unexpected)}"),
        "/healthz under one second throughout": (
            health.worst < 1.0 and health.count > 10,
            f"{health.count} probes, slowest {health.worst:.3f} s",
        ),
    }


def _key(complaint):
    """The Idempotency-Key a complaint was filed with (stored as "<parent id>:<key>")."""
    return (complaint.idempotency or ":").split(":", 1)[1]


def _message_key(data):
    """A status message as the parent receives it: number, status, time."""
    return tuple(data[field]["value"] for field in ("character_string1", "phrase2", "time4"))


def _whole(complaint):
    """A complaint whose parts agree: its last status change is its status, every outbox
    message matches a public timeline entry, and it has its tracking number and deadline."""
    moves = [entry.to_status for entry in complaint.audit if entry.to_status]
    return (
        bool(complaint.no and complaint.timeline and complaint.audit)
        and (not moves or moves[-1] == complaint.status)
        and len(complaint.outbox) <= len(complaint.timeline)
        and complaint.due_at is not None
    )
