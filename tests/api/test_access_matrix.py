"""Every operation in both Swagger specs refuses a missing or wrong-audience token, and
every admin-only or writing operation refuses the roles it is not for.

Walking the specs (not a hand-kept list) means a new endpoint without a decorator fails here.
"""

import re

import pytest

from server.services.complaints import TRANSITIONS
from tests.support.factories import ComplaintFactory

MP = "/api/mp/v1"
STAFF = "/api/staff/v1"
METHODS = ("get", "post", "put", "patch", "delete")
# Operations anyone may call: sign-in, the public directory, meta, notices, WeChat's push
# callback, the signed media links WeChat fetches and the parent's signed photo links.
PUBLIC = {
    MP: {
        ("post", "/auth/login"),
        ("get", "/institutions"),
        ("get", "/institutions/check"),
        ("get", "/institutions/{institution_id}"),
        ("get", "/meta"),
        ("get", "/privacy"),
        ("get", "/notices"),
        ("get", "/notices/{notice_id}"),
        ("get", "/wechat/push"),
        ("post", "/wechat/push"),
        ("get", "/media/{token}"),
        ("get", "/images/{token}"),
    },
    STAFF: {("post", "/auth/login")},
}
FILLER = "0123456789abcdef01234567"  # a well-formed id that names nothing


def operations(client, base):
    """(method, concrete path, spec path) of every operation in the API's Swagger spec."""
    spec = client.get(f"{base}/swagger.json")
    found = []
    for path, item in spec["paths"].items():
        concrete = base + re.sub(r"\{[^}]+\}", FILLER, path)
        found += [(method, concrete, path) for method in METHODS if method in item]
    return found


@pytest.mark.parametrize("base", [MP, STAFF])
def test_the_specs_mark_exactly_the_public_operations_as_needing_no_token(client, base):
    """A generated client sends a token where the spec says so: the spec must be right."""
    spec = client.get(f"{base}/swagger.json")
    assert spec["security"] == [{"bearer": []}]
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                public = item[method].get("security", spec["security"]) == []
                assert public is ((method, path) in PUBLIC[base]), (method, path)


def test_the_specs_list_every_api_route(app, client):
    """The walk below is only as good as the specs: every API rule must be in them."""
    listed = {
        (method.upper(), base + path)
        for base in (MP, STAFF)
        for method, _, path in operations(client, base)
    }
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        if not path.startswith(("/api/mp/v1/", "/api/staff/v1/")) or path.endswith(
            ("/swagger.json", "/docs", "/v1/")
        ):
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (method, path) in listed, (method, path)


@pytest.mark.parametrize("base", [MP, STAFF])
def test_every_private_operation_needs_a_token(client, base):
    private = [op for op in operations(client, base) if op[0::2] not in PUBLIC[base]]
    assert len(private) >= 8
    for method, path, _ in private:
        body = client.call(method.upper(), path, json={}, status=401)
        assert body["code"] == "unauthorized", (method, path)


def test_a_parent_token_opens_no_staff_operation(client, parent):
    for method, path, spec_path in operations(client, STAFF):
        if (method, spec_path) in PUBLIC[STAFF]:
            continue
        body = client.call(method.upper(), path, json={}, token=parent.token, status=401)
        assert body["code"] == "invalid_token", (method, path)


def test_a_staff_token_opens_no_parent_operation(client, admin):
    for method, path, spec_path in operations(client, MP):
        if (method, spec_path) in PUBLIC[MP]:
            continue
        body = client.call(method.upper(), path, json={}, token=admin.token, status=401)
        assert body["code"] == "invalid_token", (method, path)


ADMIN_ONLY = [
    ("GET", "/staff"),
    ("POST", "/staff"),
    ("GET", f"/staff/{FILLER}"),
    ("PATCH", f"/staff/{FILLER}"),
    ("GET", "/routing-rules"),
    ("PUT", "/routing-rules"),
    ("POST", "/notices"),
    ("PATCH", f"/notices/{FILLER}"),
    ("POST", "/institutions"),
    ("PATCH", f"/institutions/{FILLER}"),
    ("POST", f"/institutions/{FILLER}/status"),
    ("POST", "/institutions/import"),
    ("POST", "/holidays"),
    ("DELETE", "/holidays/2026-10-01"),
]
WRITES = [  # what viewers may never do, whatever the complaint or entry (and every action)
    ("POST", "/complaints/X/contact"),
    ("POST", "/rectifications"),
    ("POST", f"/rectifications/{FILLER}/close"),
]


@pytest.mark.parametrize("roles", [("dispatcher",), ("handler",), ("viewer",)])
def test_admin_only_operations_refuse_other_roles(login_staff, roles, demo_queues):
    staff = login_staff("someone", roles, ["training"])
    for method, path in ADMIN_ONLY:
        body = staff.call(method, STAFF + path, json={}, status=403)
        assert body["code"] == "forbidden", (method, path)


def test_viewers_act_on_nothing(login_staff):
    viewer = login_staff("viewer", ("viewer",))
    no = ComplaintFactory(contact_phone="13800138000").no
    for method, path in WRITES:
        path = path.replace("/X/", f"/{no}/")
        assert viewer.call(method, STAFF + path, json={}, status=403)["code"] == "forbidden"
    for action in TRANSITIONS:
        body = {"action": action, "version": 1}
        viewer.post(f"{STAFF}/complaints/{no}/actions", json=body, status=403)
