"""Bad input never gives a 500: every operation of both APIs, fed malformed ids, wrong types,
huge numbers, odd paging, non-UTF-8 bytes and very long strings, answers 4xx.

The bodies are built from the Swagger models, so a new field is fuzzed without editing this.
"""

import json
import re

import pytest

from models.institution import Institution
from tests.support.factories import ComplaintFactory

MP, STAFF = "/api/mp/v1", "/api/staff/v1"
METHODS = ("get", "post", "put", "patch", "delete")
ODD_VALUES = [
    ["a", "b"],
    {"nested": ["x"]},
    10**30,
    -1,
    1.5,
    True,
    None,
    "",
    "x" * 20000,
    "\x00\ud800",
    "$where",
]
ODD_IDS = ["x", "-1", "9" * 40, "0" * 24, "%ff%fe", "a" * 3000, "..%2F..%2Fetc"]
ODD_QUERIES = [
    "page=-1",
    "page=0&per_page=1000",
    "page=99999999999999999999999&per_page=-5",
    "per_page=abc",
    "size=huge",
    "q=" + "x" * 5000,
    "status=nonsense&queue=%ff&category[]=x",
    "published=maybe&institution_id=zz&complaint_no[$ne]=1",
    "from=not-a-date&to=2026-13-45&period=x",
    "%ff%fe=%ff%fe",
]


def fields_of(spec, op):
    """Names of the JSON body fields an operation's spec model declares."""
    names = set()
    for param in op.get("parameters", []):
        ref = param.get("schema", {}).get("$ref", "")
        if ref:
            names |= set(spec["definitions"][ref.rsplit("/", 1)[1]].get("properties", {}))
        elif param.get("in") == "formData":
            names.add(param["name"])
    return sorted(names) or ["name"]


def bodies(names):
    """Wrong-typed JSON bodies: not an object, then each odd value in every field at once."""
    yield ["not", "an", "object"]
    yield "text"
    for value in ODD_VALUES:
        yield {name: value for name in names} | {"action": value, "version": value}


def walk(client, base, token, existing):
    """Send every odd request to every operation; returns the (request, status) of any 5xx."""
    spec = client.get(f"{base}/swagger.json")
    failures = []
    for path, item in spec["paths"].items():
        for method in (m for m in METHODS if m in item):
            for odd in [*ODD_IDS, None]:  # None: the real ids, to reach the validation
                concrete = base + re.sub(
                    r"\{(\w+)\}", lambda m, odd=odd: odd or existing.get(m.group(1), "x"), path
                )
                requests = [("json", {"text": "x"}), ("query", ODD_QUERIES[0])]
                if odd is None:  # the whole table only where the ids name something
                    requests = [("json", b) for b in bodies(fields_of(spec, item[method]))]
                    requests += [("query", q) for q in ODD_QUERIES]
                    requests += [("raw", b'\xff\xfe{"a": 1}'), ("raw", b"{" * 5000)]
                for kind, payload in requests:
                    if kind == "json":  # ASCII-escaped, so a lone surrogate travels as \\ud800
                        kind, payload = "raw", json.dumps(payload).encode()
                    kwargs = {"query_string": payload} if kind == "query" else {}
                    if kind == "raw":
                        kwargs = {"data": payload, "content_type": "application/json"}
                    response = client.client.open(
                        concrete,
                        method=method.upper(),
                        headers={"Authorization": f"Bearer {token}"},
                        **kwargs,
                    )
                    if response.status_code >= 500:
                        failures.append(
                            (method, concrete[:120], kind, str(payload)[:80], response.status_code)
                        )
    return failures


@pytest.fixture
def existing(demo_queues):
    """Real ids, so the odd bodies reach validation and not just a 404."""
    school = Institution(name="智慧树学科辅导", status="whitelist").save()
    complaint = ComplaintFactory(queue=demo_queues["training"], institution=school)
    return {"no": complaint.no, "institution_id": str(school.id)}


def test_staff_api_never_500(client, admin, existing):
    assert walk(client, STAFF, admin.token, existing) == []


def test_parent_api_never_500(client, parent, existing):
    assert walk(client, MP, parent.token, existing) == []
