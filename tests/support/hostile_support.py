"""The hostile-input corpus: hostile JSON values (hypothesis), every control character, the
store's contents as a comparable snapshot, and the error shape every refusal must have."""

import json
import re

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from models.complaint import Complaint

MP, STAFF = "/api/mp/v1", "/api/staff/v1"
EXAMPLES = 10  # per endpoint: ~15 endpoints stay within a few seconds each
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,  # the same corpus on every run and in CI
    suppress_health_check=list(HealthCheck),
)
CONTROLS = "".join(chr(c) for c in range(32)) + "\x7f\x85\x9f\ufffe\uffff"
# What no stored text may hold after cleaning at entry: C0 less tab/newline, DEL, C1.
UNCLEAN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
HAND_MADE = [
    f"前{CONTROLS}后",
    "\ud800",
    "x" * 20000,
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "+275760-09-13",
    "$where",
    "a.b.$c",
    "=cmd|' /C calc'!A0",
    "2026-02-30",
    "",
    " ",
]
# Values of the wrong shape: a list where an item is expected, objects inside lists, ...
SHAPES = [[["x"]], [{"key": "x"}], {"key": ["x"]}, [None], [True], [10**30], ["\x00"], {}]
ODD_NUMBERS = [10**30, -(10**30), 2**63, 2**64, -1, 0, 1.5, 1e308]
# Stores that a refused request may legitimately touch (counters of attempts, replay records).
# The security audit records refused requests too (a refused password change, say).
VOLATILE = {
    *("rate_windows", "idempotency_records", "cached_values", "fs.chunks"),
    *("audit_entries", "audit_head"),
}

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.sampled_from(ODD_NUMBERS)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.text(alphabet=st.sampled_from(CONTROLS + "a字"), max_size=12)
    | st.sampled_from(HAND_MADE)
)
hostile = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def overrides(fields):
    """1 to 3 of `fields` set to hostile values."""
    return st.dictionaries(st.sampled_from(sorted(fields)), hostile, min_size=1, max_size=3)


def encoded(body):
    """JSON as a client could send it: NaN/Infinity literals, a surrogate as \\ud800."""
    return json.dumps(body, allow_nan=True)


def snapshot():
    """Every stored document but the volatile ones, comparable with ==."""
    db = Complaint._get_db()
    return {
        name: sorted(repr(sorted(doc.items())) for doc in db[name].find({}))
        for name in sorted(db.list_collection_names())
        if name not in VOLATILE
    }


def unclean_strings():
    """(collection, text) of every stored string holding a character we clean at entry."""
    db = Complaint._get_db()
    found = []
    for name in db.list_collection_names():
        if name in VOLATILE:
            continue
        for doc in db[name].find({}):
            found += [(name, text) for text in _strings(doc) if UNCLEAN.search(text)]
    return found


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def assert_error_shape(response):
    """A 4xx answer in our shape: {"code": snake_case, "message": 中文[, "errors"]}."""
    assert 400 <= response.status_code < 500, (response.status_code, response.data[:300])
    body = response.get_json()
    assert isinstance(body, dict), response.data[:300]
    assert re.fullmatch(r"[a-z_]+", body.get("code", "")), body
    assert isinstance(body.get("message"), str)
    assert re.search(r"[\u4e00-\u9fff]", body["message"])
    assert isinstance(body.get("errors", {}), dict | list), body
