"""The queries on growing collections that no declared index serves, allowed on purpose.

server/db/query_plan.py fails a test for any other. Keys are the collection, then
`<file>::<function>` of one of our frames behind the query; each value says why it may
scan. Entries whose reason starts with "issue 13 hotpaths" are hot paths being rewritten
to read through indexes (branch `hotpaths`), which removes them.
"""

HOTPATHS = "issue 13 hotpaths: "
STAFF_LIST = (
    HOTPATHS + "the staff list reads every visible complaint and works out deadlines and the"
    " overdue filter in Python"
)
SEARCH = (
    HOTPATHS + "q= runs unanchored case-insensitive regexes (tracking number, description,"
    " institution names) that no index can serve"
)
RETENTION = (
    HOTPATHS + "retention rescans every anonymised complaint and scans finished ones by"
    " closed_at / updated_at across statuses"
)
DEMO = "demo seeding: runs once when a demo process starts, on an embedded store"

ALLOWED = {
    "complaints": {
        "server/services/triage/reading.py::list_complaints": STAFF_LIST,
        "server/services/triage/reading.py::complaint_query": SEARCH,
        "server/services/reports/retention.py::anonymise_closed": RETENTION,
        "server/services/reports/stats.py::_counts": (
            "statistics count the complaints of a period in one server-side aggregation;"
            " an all-time report reads every complaint by definition"
        ),
        "server/services/reports/complaint_ledger.py::ledger_rows": (
            "the ledger export lists every complaint of its period; all-time is all of them"
        ),
        "server/services/demo/complaints.py::seed_demo_complaints": DEMO,
    },
    "institutions": {
        "server/services/triage/reading.py::complaint_query": SEARCH,
        "server/services/demo/complaints.py::listed_institutions": DEMO,
        "server/services/archive/files.py::export_archive": (
            "the archive export is every institution by definition"
        ),
        "server/services/demo/institutions.py::seed_institutions": DEMO,
        "server/services/demo/county.py::seed_notices": DEMO,
    },
    "notices": {"server/services/demo/county.py::seed_notices": DEMO},
    "parents": {
        "server/db/migrations.py::subscriptions_as_list": (
            "a one-off migration in the release step: finds parents still in the old shape"
        ),
    },
}
