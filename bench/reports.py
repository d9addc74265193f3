"""Bench section: GET /stats and the ledger export over a county's year of complaints.

COMPLAINTS complaints spread over 60 days, every category, status, queue, district and
200 institutions, most accepted and half resolved (some with a need_info pause), a third
rated, inserted in bulk; then the median of ROUNDS requests for the statistics of the
whole span (one $facet pipeline plus the working-day timing of every complaint in
Python) and the time of one xlsx and one csv export of the same rows, and a retention
run that anonymises a tenth of them. Runs on the embedded store (mongomock), like
`make run`; a real MongoDB does the aggregation itself and is faster.
"""

import statistics
import time
from datetime import timedelta

from bench.timing import BENCH_LOGIN, bench_account, in_process_app
from models.choices import COMPLAINT_CATEGORIES, RATING_SCORES
from models.complaint import Complaint, Pause, Rating
from models.institution import Institution
from models.parent import Parent
from server.clock import SHANGHAI, utcnow
from server.emulators.wechat.fake import FakeWeChat
from server.services.admin import seed_demo_queues
from server.services.complaints import anonymise_closed

COMPLAINTS = 5000
ROUNDS = 5
DAYS = 60
STATUSES = ("submitted", "accepted", "in_progress", "resolved", "closed", "closed", "rejected")
DISTRICTS = ("城关镇", "东湖街道", "西山镇", "南岭乡", "北港镇")


def _complaint(i, now, queues, institutions, parent):
    """One stored complaint, its fields agreeing with its status."""
    created = now - timedelta(days=DAYS) + timedelta(minutes=17 * i)
    status = STATUSES[i % len(STATUSES)]
    fields = {
        "no": f"TS20261128{i:05d}",
        "parent": parent,
        "category": list(COMPLAINT_CATEGORIES)[i % len(COMPLAINT_CATEGORIES)],
        "description": "机构要求一次性预交一年学费，远超三个月。",
        "institution": institutions[i % len(institutions)],
        "district": DISTRICTS[i % len(DISTRICTS)],
        "queue": queues[i % len(queues)],
        "status": status,
        "created_at": created,
        "accept_due_at": created + timedelta(days=1),
        "resolve_due_at": created + timedelta(days=21),
        "contact_phone": "13812345678",
    }
    if status not in ("submitted", "rejected"):
        fields["accepted_at"] = created + timedelta(hours=3 + i % 40)
    if status in ("resolved", "closed"):
        fields["resolved_at"] = created + timedelta(days=3 + i % 25)
        fields["outcome"], fields["measures"] = "substantiated", "约谈负责人，责令整改"
        if i % 4 == 0:
            start = created + timedelta(days=2)
            fields["pauses"] = [Pause(start=start, end=start + timedelta(days=2))]
    if status == "closed":
        fields["closed_at"] = fields["resolved_at"] + timedelta(days=1)
        score = list(RATING_SCORES)[i % len(RATING_SCORES)]
        fields["rating"] = Rating(at=fields["closed_at"], score=score)
    return Complaint(**fields).to_mongo().to_dict()


def _seed(queues, parent):
    now = utcnow()
    institutions = [
        Institution(name=f"机构{i}", kind="subject", district=DISTRICTS[i % 5]).save()
        for i in range(200)
    ]
    docs = [_complaint(i, now, queues, institutions, parent) for i in range(COMPLAINTS)]
    # The strict store checks unique keys in a map, so inserting with the indexes is cheap.
    Complaint._get_collection().insert_many(docs)
    return now


def _timed(call):
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def run():
    """Measure; rows of (name, value, unit, note)."""
    with FakeWeChat("wx-bench", "bench-secret") as fake:
        app = in_process_app(fake, "bench_reports")
        now = _seed(seed_demo_queues(), Parent(openid="bench-parent").save())
        bench_account("viewer")
        client = app.test_client()
        token = client.post("/api/staff/v1/auth/login", json=BENCH_LOGIN).get_json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        today = now.astimezone(SHANGHAI).date()
        period = f"from={today - timedelta(days=DAYS)}&to={today}"

        def get(path):
            response = client.get(path, headers=headers)
            assert response.status_code == 200, response.data[:200]
            response.get_data()  # the csv streams: read it all inside the timing
            return response

        times = [_timed(lambda: get(f"/api/staff/v1/stats?{period}"))[0] for _ in range(ROUNDS)]
        total = get(f"/api/staff/v1/stats?{period}").get_json()["total"]
        xlsx_ms, xlsx = _timed(lambda: get(f"/api/staff/v1/ledger/export?{period}&format=xlsx"))
        csv_ms, csv = _timed(lambda: get(f"/api/staff/v1/ledger/export?{period}&format=csv"))
        # Closed complaints are closed_at up to DAYS ago: keep 30 days, anonymise the rest.
        retention_ms, done = _timed(lambda: anonymise_closed(now=now, retention_days=30))
    return [
        (
            "statistics (GET /stats)",
            round(statistics.median(times), 1),
            "ms",
            f"{total} complaints",
        ),
        ("ledger export, xlsx", round(xlsx_ms, 1), "ms", f"{len(xlsx.data) // 1024} KB"),
        ("ledger export, csv", round(csv_ms, 1), "ms", f"{len(csv.data) // 1024} KB"),
        (
            "retention run",
            round(retention_ms, 1),
            "ms",
            f"{done['anonymised']} complaints anonymised",
        ),
    ]


if __name__ == "__main__":
    for name, value, unit, note in run():
        print(f"{name:<42} {value:>10} {unit:<9} {note}")
