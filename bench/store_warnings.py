"""Store section rows for early warning and clusters: what one new complaint costs.

On the seeded store, one institution gets HOT complaints in one category within 30 days
(a prepaid-fees collapse as a county sees it), more than a cluster ever reads. Then:
the size of that cluster (counted in the index, capped), its detail listing (at most 200
members), and the warning evaluation of a new complaint about it, the first time (a
warning opens) and again (its evidence grows). Each row names the documents read.
"""

from datetime import timedelta

from bson import ObjectId

from models.complaint import Complaint
from server.services import warnings
from server.services.complaints.clusters import cluster_of, recent_numbers

HOT = 300


def _hot_cluster(docs, now):
    """HOT fees complaints about one listed institution within 20 days; the newest one."""
    institution = next(d["institution"] for d in docs if d.get("institution"))
    queue = docs[0]["queue"]
    hot = []
    for i in range(HOT):
        created = now - timedelta(days=20) + timedelta(minutes=90 * i)
        hot.append(
            {
                "_id": ObjectId(),
                "no": f"TSHOT{i:05d}",
                "category": "fees",
                "description": "预付费机构停业，拒不退费。",
                "institution": institution,
                "cluster_key": f"id:{institution}",
                "channel": "mini_program",
                "queue": queue,
                "status": "submitted",
                "created_at": created,
                "version": 1,
            }
        )
    Complaint._get_collection().insert_many(hot)
    return Complaint.objects.get(no=hot[-1]["no"]), institution, queue


def rows_for_warnings(app, docs, rows, now):
    """Add the cluster and warning rows to `rows` (a bench.store.Rows)."""
    newest, institution, queue = _hot_cluster(docs, now)
    facts = warnings.Facts(
        no=newest.no,
        subject=f"id:{institution}",
        institution_id=institution,
        institution_name="热点机构",
        institution_status="suspended",
        category="fees",
        queue_id=queue,
        at=now,
    )
    with app.app_context():
        warnings.ensure_default_rules()
        rows.measure(
            "cluster size", lambda: cluster_of(newest), note=f"{HOT} about one institution"
        )
        rows.measure("cluster detail (members listed)", lambda: cluster_of(newest, numbers=True))
        evaluate = lambda: warnings.evaluate(facts, recent=recent_numbers)  # noqa: E731
        rows.measure("warning evaluation, warnings open", evaluate, note="3 rules")
        rows.measure("warning evaluation, evidence grows", evaluate, note="3 rules")
