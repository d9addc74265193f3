"""Bench section: the console pages clerks open all day, at a county's scale.

The same store as the triage section (COMPLAINTS complaints over the demo queues, a third
open); measured through the console as a signed-in dispatcher: the home's worklists (five
lists, each the staff list with its filters), a list filtered by category and date, one
sorted by submission, and the export of a filtered list. Overdue and due soon are still
computed at read time here (the hotpaths branch stores them); this is the before-figure.
"""

import re

from bench.timing import BENCH_LOGIN, bench_account, in_process_app, median_ms
from bench.triage import COMPLAINTS, _seed
from models.parent import Parent
from server.emulators.wechat.fake import FakeWeChat
from server.services.admin import seed_demo_queues

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _signed_in(app):
    """A test client signed in to the console as a dispatcher."""
    bench_account("dispatcher")
    client = app.test_client()
    token = CSRF.search(client.get("/console/login").get_data(as_text=True)).group(1)
    form = {**BENCH_LOGIN, "csrf_token": token}
    assert client.post("/console/login", data=form).status_code == 303
    return client


def run():
    """Measure; rows of (name, value, unit, note)."""
    with FakeWeChat("wx-bench", "bench-secret") as fake:
        app = in_process_app(fake, "bench_console")
        _seed(seed_demo_queues(), Parent(openid=fake.openid_for("bench-parent")).save())
        client = _signed_in(app)

        def get(path):
            response = client.get(path)
            assert response.status_code == 200, response.data[:200]

        pages = [
            ("console home (worklists + queues)", "/console/", "five lists by role"),
            ("complaint list, default sort", "/console/complaints", "overdue, urgent, due"),
            ("complaint list, filtered", "/console/complaints?category=fees&status=open", ""),
            ("complaint list, by submission", "/console/complaints?sort=-created", ""),
            ("export of an open list (xlsx)", "/console/complaints/export?status=open", ""),
        ]
        rows = []
        for name, path, note in pages:
            rows.append((name, round(median_ms(lambda p=path: get(p)), 1), "ms", note))
    return [(name, value, unit, note or f"{COMPLAINTS} stored") for name, value, unit, note in rows]


if __name__ == "__main__":
    for name, value, unit, note in run():
        print(f"{name:<42} {value:>10} {unit:<9} {note}")
