"""Directory section: the institution directory at 50,000 institutions, in one server.

gunicorn serves the demo county with DEMO_INSTITUTIONS=50000 (mongomock, or MONGODB_URI
when set, in database bench_shuangjian). Queries are drawn from institutions the API
returns: a 3-character window from the start of a name (what a parent types), the first
4 pinyin initials, a point near an institution (default 3 km radius), a detail page, and
verdicts on exact names and on names with the last character changed (lookalikes).
Targets: every endpoint at least half the bare endpoint's throughput, p99 under 50 ms,
worker memory under 500 MB, served within 60 s of start.
"""

import json
import random
from urllib.parse import urlencode

from bench.timing import Server, measure_interleaved
from server.services.directory.names import normalize_name, pinyin_keys

COUNT = 50_000
SECTION = "directory"
MIN_RATIO, MAX_P99_MS, MAX_RSS_MB, MAX_START_S = 0.5, 50.0, 500.0, 60.0
MP = "/api/mp/v1"


def _sample(server, rng, pages=8, per_page=100):
    """Institutions (list items) from random pages of the directory."""
    status, body = server.get(f"{MP}/institutions?per_page=1")
    total = json.loads(body)["total"]
    items = []
    for page in rng.sample(range(1, total // per_page + 1), pages):
        _, body = server.get(f"{MP}/institutions?per_page={per_page}&page={page}")
        items += json.loads(body)["items"]
    return items


def _paths(items, rng):
    def query(path, **args):
        return f"{MP}{path}?{urlencode(args)}"

    located = [i for i in items if i["location"]]
    changed = "所站苑坊"
    return {
        "name substring": [
            query("/institutions", q=i["name"][k : k + 3])
            for i in items
            for k in (rng.randrange(3),)
        ],
        "pinyin initials": [
            query("/institutions", q=pinyin_keys(normalize_name(i["name"]))[1][:4]) for i in items
        ],
        "nearby 3 km": [
            query(
                "/institutions",
                lat=round(i["location"]["lat"] + rng.uniform(-0.01, 0.01), 6),
                lng=round(i["location"]["lng"] + rng.uniform(-0.01, 0.01), 6),
            )
            for i in located
        ],
        "detail": [f"{MP}/institutions/{i['id']}" for i in items],
        "verdict": [
            query(
                "/institutions/check",
                name=i["name"] if n % 2 else i["name"][:-1] + rng.choice(changed),
            )
            for n, i in enumerate(items)
        ],
    }


def run():
    """Measure the directory endpoints against /healthz; rows of (name, value, unit, note)."""
    rng = random.Random(7)
    env = {"APP_ENV": "demo", "DEMO_INSTITUTIONS": str(COUNT), "MONGODB_DB": "bench_shuangjian"}
    with Server(env) as server:
        started = server.startup_seconds
        rows = [
            (
                f"{SECTION}: start-up, {COUNT:,} seeded",
                f"{started:.1f}",
                "s",
                _verdict(started <= MAX_START_S, f"until served (target < {MAX_START_S:.0f} s)"),
            )
        ]
        paths = _paths(_sample(server, rng), rng)
        for candidates in paths.values():
            rng.shuffle(candidates)
        results = measure_interleaved(server, {"bare JSON /healthz": ["/healthz"], **paths})
        bare = results["bare JSON /healthz"]
        rows += [_row(name, result, bare) for name, result in results.items()]
        rss = server.worker_rss_mb()
    note = _verdict(rss <= MAX_RSS_MB, f"gunicorn worker RSS (target < {MAX_RSS_MB:.0f} MB)")
    rows.append((f"{SECTION}: resident memory", f"{rss:.0f}", "MB", note))
    return rows


def _row(name, result, bare):
    ratio = result.rps / bare.rps
    p50, p99 = result.percentile(50), result.percentile(99)
    passed = not result.errors and p99 <= MAX_P99_MS and (result is bare or ratio >= MIN_RATIO)
    note = f"{ratio:.2f}x bare, p50 {p50:.1f} ms, p99 {p99:.1f} ms"
    if result.errors:
        note += f", {result.errors} errors"
    return (f"{SECTION}: {name}", f"{result.rps:.0f}", "req/s", _verdict(passed, note))


def _verdict(passed, note):
    return ("ok   " if passed else "FAIL ") + note
