"""The query-plan check: a stand-in for `explain` on the strict embedded store.

While `start()`ed (the test suite does, around every test), every filter and sort on a
collection that grows is checked against the indexes that exist on it (the ones
`create-indexes` builds from models/). A query is served when it pins `_id`, or when some
index starts with its equality fields (any order), then its sort fields (in order, all in
the index's direction or all reversed), then its range fields: MongoDB's ESR rule.
- An `$or` is served when each branch is; `$elemMatch` fields count as `array.field`.
- A unique index whose fields all have equality conditions pins one document.
- `$ne`, `$nin` and `$not` narrow nothing: they need no index but cannot serve alone.
- An unanchored or case-insensitive regex, `$expr`, `$where` and an empty filter without
  a served sort are never served; `find_one({})` (one document in natural order) and
  `estimated_document_count()` (metadata) read no documents.
`stop()` returns what was not served, with the call sites, minus what
server/emulators/mongo/query_allowlist.py allows (each entry says why).
"""

import os
import re
import sys
import threading

from server.emulators.mongo.query_allowlist import ALLOWED

GROWING = frozenset(
    (
        "complaints",
        "photos",
        "institutions",
        "institution_journal",
        "parents",
        "notices",
        "rectifications",
        "risk_warnings",
        "staff_messages",
        "idempotency_records",
        "rate_windows",
        "counters",
        "cached_values",
        "fs.files",
        "fs.chunks",
        "audit_entries",
    )
)
EQUALITY = frozenset(("$eq", "$in"))
NEGATIONS = frozenset(("$ne", "$nin", "$not"))
NEVER = frozenset(("$expr", "$where", "$text", "$function", "$jsonSchema"))
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SKIP_FILES = tuple(
    os.path.join(HERE, name)
    for name in (
        "strict.py",
        "strict_indexes.py",
        "strict_failover.py",
        "query_plan.py",
        "speedups.py",
    )
)
SCAN = "scan"

_lock = threading.Lock()
_on = False
_unserved = {}
_verdicts = {}


def start():
    """Check every query from now on (any thread) and forget earlier findings."""
    global _on
    with _lock:
        _unserved.clear()
        _on = True


def stop():
    """Stop checking; the unserved queries seen since `start()`, one line each."""
    global _on
    with _lock:
        _on = False
        found = list(_unserved.values())
        _unserved.clear()
    return found


def record(collection, spec, sort=None):
    """Check one query (a no-op unless started, or on a collection that does not grow)."""
    if not _on or collection.name not in GROWING:
        return
    if served(collection, spec, sort):
        return
    sites = _call_sites()
    if sites and sites[0].startswith(("tests/", "bench/")):
        return  # a test's or benchmark's own look at the store, not the product's query
    allowed = ALLOWED.get(collection.name, {})
    if any(site.split(":")[0] + "::" + site.split(" in ")[-1] in allowed for site in sites):
        return
    line = f"{collection.name} {_describe(*_plan(spec, sort))}"
    with _lock:
        _unserved.setdefault(line, f"{line}\n      at " + "\n      <- ".join(sites or ["?"]))


def served(collection, spec, sort=None):
    """Whether an index on `collection` serves this filter and sort (the rule above)."""
    branches, order = _plan(spec, sort)
    keys = tuple(
        (tuple(index["key"]), bool(index.get("unique")))
        for index in collection._store.indexes.values()
    )
    verdict_key = (collection.name, branches, order, keys)
    verdict = _verdicts.get(verdict_key)
    if verdict is None:
        verdict = _verdicts[verdict_key] = all(_served(b, order, keys) for b in branches)
    return verdict


def _plan(spec, sort):
    try:
        branches = _branches(spec or {}, "")
    except (TypeError, AttributeError):
        branches = ((frozenset(), frozenset(), True),)
    return branches, _sort_fields(sort)


def record_pipeline(collection, pipeline):
    """Check an aggregation by its leading `$match` (and a `$sort` right after it)."""
    stages = list(pipeline)
    spec = stages[0].get("$match", {}) if stages else {}
    following = stages[1] if len(stages) > 1 and "$match" in stages[0] else {}
    sort = list(following["$sort"].items()) if "$sort" in following else None
    record(collection, spec, sort)


def _sort_fields(sort):
    if not sort:
        return ()
    items = sort.items() if isinstance(sort, dict) else sort
    return tuple((field, 1 if direction >= 0 else -1) for field, direction in items)


def _branches(spec, prefix):
    """((equality fields, range fields, never-served flag), ...) one per `$or` branch
    (fields under a negation appear in neither set)."""
    branches = [(frozenset(), frozenset(), False)]
    for key, value in spec.items():
        if key in ("$and", "$or", "$nor"):
            parts = [_branches(clause, prefix) for clause in value]
            if key == "$and":
                for part in parts:
                    branches = _product(branches, part)
            elif key == "$or":
                branches = _product(branches, [b for part in parts for b in part])
            else:
                fields = frozenset(f for part in parts for b in part for f in b[0] | b[1])
                branches = _product(branches, [(frozenset(), fields, False)])
        elif key.startswith("$"):
            if key in NEVER:
                branches = _product(branches, [(frozenset(), frozenset(), True)])
        else:
            branches = _product(branches, _field(prefix + key, value))
    return tuple(branches)


def _product(left, right):
    return [(a[0] | b[0], a[1] | b[1], a[2] or b[2]) for a in left for b in right]


def _field(field, value):
    """The branches one `field: value` condition contributes."""
    if _is_regex(value):
        return [(frozenset(), frozenset((field,)), not _anchored(value))]
    if not (isinstance(value, dict) and value and all(k.startswith("$") for k in value)):
        return [(frozenset((field,)), frozenset(), False)]
    if "$elemMatch" in value:
        inner = value["$elemMatch"]
        if isinstance(inner, dict) and inner and not any(k.startswith("$") for k in inner):
            return list(_branches(inner, field + "."))
        if isinstance(inner, dict) and any(k in ("$or", "$and") for k in inner):
            return list(_branches(inner, field + "."))
        return [(frozenset(), frozenset((field,)), False)]
    if "$regex" in value:
        flags = value.get("$options", "")
        pattern = value["$regex"]
        anchored = _anchored(pattern) and "i" not in str(flags)
        return [(frozenset(), frozenset((field,)), not anchored)]
    if EQUALITY & set(value):
        return [(frozenset((field,)), frozenset(), False)]
    if set(value) <= NEGATIONS:
        return [(frozenset(), frozenset(), False)]
    return [(frozenset(), frozenset((field,)), False)]


def _is_regex(value):
    return isinstance(value, re.Pattern) or type(value).__name__ == "Regex"


def _anchored(value):
    pattern = getattr(value, "pattern", value)
    flags = getattr(value, "flags", 0)
    ignore_case = bool(flags & re.IGNORECASE) if isinstance(flags, int) else "i" in str(flags)
    return isinstance(pattern, str) and pattern.startswith("^") and not ignore_case


def _served(branch, order, keys):
    equal, ranges, never = branch
    if "_id" in equal:
        return True
    if never or not (equal or ranges or order):
        return False
    for index, unique in keys:
        if unique and {field for field, _ in index} <= equal:
            return True
    return any(_esr(index, equal, ranges, order) for index, _ in keys + (((("_id", 1),), True),))


def _esr(index, equal, ranges, order):
    """Whether `index` (a tuple of (field, direction)) serves equality, sort, range."""
    names = [field for field, _ in index]
    if set(names[: len(equal)]) != equal:
        return False
    rest = list(index[len(equal) :])
    sort = [(f, d) for f, d in order if f not in equal]
    if sort:
        head = rest[: len(sort)]
        if [f for f, _ in head] != [f for f, _ in sort]:
            return False
        same = [int(d) == s for (_, d), (_, s) in zip(head, sort, strict=True)]
        if not (all(same) or not any(same)):
            return False
        rest = rest[len(sort) :]
    left = ranges - equal - {f for f, _ in sort}
    return {f for f, _ in rest[: len(left)]} == left


def _call_sites(limit=5):
    """Our code's frames behind the current query, innermost first."""
    sites, frame = [], sys._getframe(2)
    while frame is not None and len(sites) < limit:
        path = frame.f_code.co_filename
        if path.startswith(ROOT) and "/.venv/" not in path and not path.startswith(SKIP_FILES):
            relative = os.path.relpath(path, ROOT)
            sites.append(f"{relative}:{frame.f_lineno} in {frame.f_code.co_name}")
        frame = frame.f_back
    return sites


def _describe(branches, order):
    parts = []
    for equal, ranges, never in branches:
        text = "{" + ", ".join(sorted(equal) + [f"{f}: range" for f in sorted(ranges)]) + "}"
        parts.append(text + (" (no index can serve)" if never else ""))
    sort = ", ".join(("-" if d < 0 else "") + f for f, d in order)
    return " or ".join(parts) + (f" sort [{sort}]" if sort else "")
