"""Bench section: the staff work list, queue counts, one action, and outbox delivery.

The list and the queue counts filter and sort on the stored deadline (`due_at`) in the
store and load one page; this measures them at a county's scale (COMPLAINTS in the store,
a third of them open). bench/store.py counts the documents each hot path reads at
100,000 complaints. Actions are one
guarded update plus the new detail. Delivery sends subscribe messages to the fake WeChat
server over loopback. Runs on the embedded store (mongomock), like `make run`.
"""

import time
from datetime import timedelta

from bench.timing import BENCH_LOGIN, bench_account, in_process_app, median_ms
from models.complaint import Complaint
from models.parent import Parent
from server.clock import utcnow
from server.config import DEMO_TEMPLATE_STATUS
from server.emulators.wechat.fake import FakeWeChat
from server.services.admin import seed_demo_queues
from server.services.complaints import DeliverySettings, deliver_due, status_message
from server.services.deadlines import Calendar, stored_fields
from server.wechat.templates import registry_entries
from server.worker import run_once

COMPLAINTS = 5000
ROUNDS = 7
MESSAGES = 300
STATUSES = ("submitted", "accepted", "in_progress", "resolved", "closed", "closed")


def _seed(queues, parent):
    """COMPLAINTS complaints spread over queues, statuses and due dates, inserted in bulk."""
    now = utcnow()
    docs = []
    for i in range(COMPLAINTS):
        due = now + timedelta(hours=(i % 97) - 40)
        complaint = Complaint(
            no=f"TS20261128{i:05d}",
            parent=parent,
            category="fees",
            description="机构要求一次性预交一年学费，远超三个月。",
            institution_name=f"机构{i % 300}",
            queue=queues[i % len(queues)],
            status=STATUSES[i % len(STATUSES)],
            urgent=i % 11 == 0,
            accept_due_at=due,
            resolve_due_at=due + timedelta(days=20),
            created_at=now - timedelta(hours=i % 500),
            contact_phone="13812345678",
        )
        doc = complaint.to_mongo().to_dict()
        fields = stored_fields(complaint, calendar=Calendar(), now=now)
        doc.update({k: v for k, v in fields.items() if v is not None})
        docs.append(doc)
    Complaint._get_collection().insert_many(docs)


def run():
    """Measure; rows of (name, value, unit, note)."""
    templates = registry_entries({"WECHAT_TEMPLATE_STATUS": DEMO_TEMPLATE_STATUS})
    with FakeWeChat("wx-bench", "bench-secret", templates=templates) as fake:
        app = in_process_app(fake, "bench_triage")
        queues = seed_demo_queues()
        parent = Parent(openid=fake.openid_for("bench-parent")).save()
        _seed(queues, parent)
        bench_account("admin")
        client = app.test_client()
        token = client.post("/api/staff/v1/auth/login", json=BENCH_LOGIN).get_json()["token"]
        headers = {"Authorization": f"Bearer {token}"}

        def get(path):
            response = client.get(path, headers=headers)
            assert response.status_code == 200, response.data[:200]

        list_ms = median_ms(lambda: get("/api/staff/v1/complaints?per_page=50"), ROUNDS)
        open_ms = median_ms(
            lambda: get("/api/staff/v1/complaints?status=submitted,accepted"), ROUNDS
        )
        queues_ms = median_ms(lambda: get("/api/staff/v1/queues"), ROUNDS)
        version = [1]

        def note():
            body = {"action": "note", "version": version[0], "text": "已电话核实"}
            response = client.post(
                "/api/staff/v1/complaints/TS2026112800001/actions", json=body, headers=headers
            )
            assert response.status_code == 200, response.data[:200]
            version[0] = response.get_json()["version"]

        action_ms = median_ms(note, ROUNDS)
        now = utcnow()
        for i in range(MESSAGES):  # one status change each on MESSAGES complaints
            no = f"TS20261128{i:05d}"
            message = status_message(no=no, status="accepted", text="已受理", now=now)
            Complaint.objects(no=no).update_one(push__outbox=message)
        wechat, settings = app.extensions["wechat"], DeliverySettings.from_config(app.config)
        wechat.access_token()
        started = time.perf_counter()
        while len(fake.sent_messages) < MESSAGES:
            deliver_due(wechat, settings=settings, now=utcnow())
        per_second = MESSAGES / (time.perf_counter() - started)
        started = time.perf_counter()
        first = run_once(app)["sweep"]
        first_ms = (time.perf_counter() - started) * 1000
        steady_ms = median_ms(lambda: run_once(app), ROUNDS)
    return [
        ("staff list, sorted (GET /complaints)", round(list_ms, 1), "ms", f"{COMPLAINTS} stored"),
        ("staff list, open only", round(open_ms, 1), "ms", "status=submitted,accepted"),
        ("queue counts (GET /queues)", round(queues_ms, 1), "ms", "open + overdue per queue"),
        ("staff action (note) + new detail", round(action_ms, 1), "ms", "one guarded update"),
        (
            "outbox delivery",
            round(per_second, 1),
            "per s",
            f"{MESSAGES} messages on {MESSAGES} complaints, fake WeChat over loopback",
        ),
        (
            "worker round, first sweep",
            round(first_ms, 1),
            "ms",
            f"records {first['remind']} reminders, {first['overdue']} overdue flags, "
            f"archives {first['closed']}",
        ),
        ("worker round, nothing to do", round(steady_ms, 1), "ms", "only owed reminders / flags"),
    ]


if __name__ == "__main__":
    for name, value, unit, note in run():
        print(f"{name:<42} {value:>10} {unit:<9} {note}")
