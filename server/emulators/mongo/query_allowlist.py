"""The queries on growing collections that no declared index serves, allowed on purpose.

server/emulators/mongo/query_plan.py fails a test for any other. Keys are the collection, then
`<file>::<function>` of one of our frames behind the query; each value says why it may
scan."""

CLERKS_FILTERS = (
    "a clerk may combine any list filters (district, category, dates, assignee, news, due"
    " soon) and sort by any column, always inside the caller's queues; not every"
    " combination has an index. The default list, queue and status filters, q and the"
    " home worklists read through indexes and are checked"
)
SEALING = (
    "migrate-store and rotate-data-key: operator commands that pass once over every"
    " complaint holding a phone to seal it under the current data key"
)
AUDITORS_FILTERS = (
    "the auditor may combine actor, action and target filters; each alone, and any one with"
    " a period, reads through its own index with seq, and a combination stays inside that"
    " period's seq range"
)
DEMO = "demo seeding: runs once when a demo process starts, on an embedded store"

ALLOWED = {
    "audit_entries": {
        "server/services/audit/reading.py::_adhoc": AUDITORS_FILTERS,
        "server/services/audit/reading.py::_adhoc_count": AUDITORS_FILTERS,
    },
    "complaints": {
        "server/services/reports/stats.py::_counts": (
            "statistics count the complaints of a period in one server-side aggregation;"
            " an all-time report reads every complaint by definition"
        ),
        "server/services/reports/complaint_ledger.py::ledger_rows": (
            "the ledger export lists every complaint of its period; all-time is all of them"
        ),
        "server/services/demo/complaints.py::seed_demo_complaints": DEMO,
        "server/services/complaints/reading.py::_adhoc_rows": CLERKS_FILTERS,
        "server/db/sealing.py::_reseal": SEALING,
        "server/services/complaints/store/upgrades.py::merged_outcomes_without_measures": (
            "a one-off migration in the release step: merged complaints' outcome texts"
        ),
        "server/services/complaints/store/upgrades.py::anonymous_without_phone": (
            "a one-off migration in the release step: anonymous complaints stored with a phone"
        ),
        "server/services/complaints/store/upgrades.py::without_idempotency_token": (
            "a one-off migration in the release step: complaints holding the old token"
        ),
        "server/db/sealing.py::still_under_old_keys": SEALING,
        "server/cli.py::refresh_deadlines_command": (
            "the release step's one pass over complaints stored before due_at existed"
        ),
        "server/services/complaints/store/deadline_fields.py::after_calendar_change": (
            "an admin added or removed a day off: every open complaint that was ever paused"
            " is dated again; rare, and it must see them all"
        ),
    },
    "institutions": {
        "server/services/demo/complaints.py::listed_institutions": DEMO,
        "server/services/archive/files.py::export_archive": (
            "the archive export is every institution by definition"
        ),
        "server/services/demo/institutions.py::seed_institutions": DEMO,
        "server/services/demo/county.py::seed_notices": DEMO,
    },
    "photos": {
        "server/db/migrations.py::unattached_uploads_dated": (
            "a one-off migration in the release step: dates photos stored before"
            " unattached_until existed"
        ),
    },
    "notices": {"server/services/demo/county.py::seed_notices": DEMO},
    "parents": {
        "server/db/migrations.py::subscriptions_as_list": (
            "a one-off migration in the release step: finds parents still in the old shape"
        ),
    },
}
