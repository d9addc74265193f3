"""Both Swagger specs say what every operation answers, and say it truthfully.

Walking the specs (not a hand-kept list) means a new operation without its response models
fails here; driving real endpoints and validating their bodies against the declared
schemas (strict: no undeclared property, null only where `x-nullable`) catches models
that lie about what the code writes.
"""

import io

import pytest
from jsonschema import ValidationError

from tests.support.complaint_support import DESCRIPTION
from tests.support.factories import jpeg_bytes
from tests.support.swagger_check import (
    as_json_schema,
    refers_to_error,
    success_documented,
    validate_body,
)

MP = "/api/mp/v1"
STAFF = "/api/staff/v1"
METHODS = ("get", "post", "put", "patch", "delete")
BINARY = {"image/jpeg", "image/png", "text/csv", "text/plain"}


def all_operations(spec):
    """(method, path, operation) of every operation in `spec`."""
    return [
        (method, path, item[method])
        for path, item in spec["paths"].items()
        for method in METHODS
        if method in item
    ]


@pytest.fixture
def specs(client):
    """Both specs as served, by API prefix."""
    return {base: client.get(f"{base}/swagger.json") for base in (MP, STAFF)}


@pytest.mark.parametrize("base", [MP, STAFF])
def test_every_operation_declares_its_success_and_error_answers(specs, base):
    spec = specs[base]
    assert spec["definitions"]["Error"]["required"] == ["code", "message"]
    for method, path, op in all_operations(spec):
        responses = op["responses"]
        successes = {code: r for code, r in responses.items() if code.startswith("2")}
        assert successes, (method, path, "no 2xx answer")
        for code, response in successes.items():
            assert success_documented(response, code), (method, path, code)
            if response.get("schema", {}).get("type") == "file":
                assert op.get("produces"), (method, path, "a file answer names its type")
        errors = [r.get("schema") for code, r in responses.items() if code[0] in "45"]
        assert any(refers_to_error(schema) for schema in errors), (method, path)


@pytest.mark.parametrize("base", [MP, STAFF])
def test_every_reference_names_a_definition(specs, base):
    spec = specs[base]
    text = repr(spec)
    for name in spec["definitions"]:
        assert name.isidentifier(), name
    for chunk in text.split("'#/definitions/")[1:]:
        assert chunk.split("'")[0] in spec["definitions"], chunk[:40]


def test_the_strict_check_refuses_what_a_model_does_not_say():
    """The check itself can fail: an extra property, a null or a missing field are caught."""
    spec = {
        "paths": {"/x": {"get": {"responses": {"200": {"schema": {"$ref": "#/definitions/X"}}}}}},
        "definitions": {
            "X": {
                "type": "object",
                "required": ["a"],
                "properties": {
                    "a": {"type": "string"},
                    "b": {"type": "string", "x-nullable": True},
                },
            }
        },
    }
    validate_body(spec, "GET", "/x", 200, {"a": "1", "b": None})
    for wrong in ({"a": None}, {"a": "1", "c": 1}, {"b": "2"}, {"a": 1}):
        with pytest.raises(ValidationError):
            validate_body(spec, "GET", "/x", 200, wrong)
    assert as_json_schema({"type": "integer", "x-nullable": True})["anyOf"][0] == {"type": "null"}


class Checked:
    """Calls an API through an ApiClient and validates each answer against the spec."""

    def __init__(self, spec, base):
        self.spec, self.base, self.seen = spec, base, set()

    def __call__(self, api, method, path, *, status=200, args=None, **kwargs):
        """Send `method` to the spec path `path` filled with `args`; validate; the body."""
        url = self.base + path.format(**(args or {}))
        answer = api.call(method, url, status=status, **kwargs)
        if status == 204 or not isinstance(answer, dict | list):
            self._check_binary(method, path, status, answer)
        else:
            validate_body(self.spec, method, path, status, answer)
        self.seen.add((method.lower(), path))
        return answer

    def _check_binary(self, method, path, status, response):
        """A non-JSON answer: a declared file (of a declared type) or a body-less 204."""
        declared = self.spec["paths"][path][method.lower()]
        schema = declared["responses"][str(status)].get("schema")
        if status == 204:
            assert schema is None and not response.data
            return
        assert schema and schema["type"] in ("file", "string"), (method, path)
        assert response.mimetype in BINARY | set(declared.get("produces", ())), response.mimetype
        assert response.mimetype in declared["produces"], (method, path, response.mimetype)


def upload(checked, parent):
    """Upload a real JPEG through the checked client; its id."""
    data = {"file": (io.BytesIO(jpeg_bytes((640, 480))), "photo.jpg")}
    return checked(parent, "POST", "/uploads", status=201, data=data)["id"]


def test_mini_program_answers_fit_their_schemas(specs, client, parent, admin):
    check = Checked(specs[MP], MP)
    institution = admin.post(
        f"{STAFF}/institutions",
        json={"name": "星光培训中心", "kind": "subject", "status": "whitelist"},
        status=201,
    )
    ids = {"institution_id": institution["id"]}
    check(client, "GET", "/institutions")
    check(client, "GET", "/institutions", query_string={"lat": 29.1, "lng": 119.6})
    check(client, "GET", "/institutions/check", query_string={"name": "星光培训中心"})
    check(client, "GET", "/institutions/check", query_string={"name": "星光培训"})
    check(client, "GET", "/institutions/{institution_id}", args=ids)
    check(client, "GET", "/institutions/{institution_id}", status=404, args={"institution_id": "x"})
    check(client, "GET", "/meta")
    check(client, "GET", "/notices")
    check(client, "GET", "/institutions/check", status=400, query_string={"name": ""})
    photo_id = upload(check, parent)
    body = {"category": "fees", "description": DESCRIPTION, "photo_ids": [photo_id], **ids}
    detail = check(parent, "POST", "/complaints", status=201, json=body)
    no = {"no": detail["no"]}
    check(parent, "POST", "/complaints", status=400, json={"category": "nope"})
    check(parent, "GET", "/complaints")
    check(parent, "GET", "/complaints/{no}", args=no)
    check(client, "GET", "/complaints/{no}", status=401, args=no)
    check(parent, "GET", "/photos/{photo_id}", args={"photo_id": photo_id})
    check(client, "GET", "/images/{token}", status=404, args={"token": "forged"})
    supplement = {"text": "补充：又收到催费通知"}
    check(parent, "POST", "/complaints/{no}/supplements", status=201, args=no, json=supplement)
    rating = {"score": "satisfied"}
    check(parent, "POST", "/complaints/{no}/rating", status=422, args=no, json=rating)
    check(parent, "POST", "/subscriptions", status=400, json={"template_ids": ["unknown"]})
    assert len(check.seen) >= 14


def test_staff_answers_fit_their_schemas(specs, client, parent, admin, login_staff):
    check = Checked(specs[STAFF], STAFF)
    login = {"username": "admin", "password": "test-password"}
    check(client, "POST", "/auth/login", json=login)
    check(client, "POST", "/auth/login", status=401, json={**login, "password": "wrong-one"})
    check(admin, "GET", "/me")
    check(admin, "GET", "/queues")
    check(admin, "GET", "/staff")
    check(admin, "GET", "/routing-rules")
    check(admin, "GET", "/holidays")
    check(admin, "GET", "/stats")
    body = {"name": "星光培训中心", "kind": "subject", "status": "whitelist", "district": "城关镇"}
    institution = check(admin, "POST", "/institutions", status=201, json=body)
    ids = {"institution_id": institution["id"]}
    check(admin, "GET", "/institutions")
    check(admin, "GET", "/institutions/{institution_id}", args=ids)
    check(admin, "POST", "/institutions", status=400, json={"kind": "nope"})
    check(admin, "GET", "/institutions/export", query_string={"format": "csv"})
    report = {"category": "fees", "description": DESCRIPTION, **ids}
    no = parent.post(f"{MP}/complaints", json=report, status=201)["no"]
    check(admin, "GET", "/complaints")
    detail = check(admin, "GET", "/complaints/{no}", args={"no": no})
    action = {"action": "accept", "version": detail["version"]}
    check(admin, "POST", "/complaints/{no}/actions", args={"no": no}, json=action)
    check(admin, "POST", "/complaints/{no}/actions", status=409, args={"no": no}, json=action)
    check(admin, "GET", "/complaints/{no}", status=404, args={"no": "TS000000000000"})
    notice = {"title": "寒假提醒", "body": "请核验机构", "institutions": [institution["id"]]}
    created = check(admin, "POST", "/notices", status=201, json=notice)
    publish = {"published": True}
    check(admin, "PATCH", "/notices/{notice_id}", args={"notice_id": created["id"]}, json=publish)
    check(admin, "GET", "/notices")
    viewer = login_staff("viewer", ("viewer",))
    check(viewer, "POST", "/notices", status=403, json=notice)
    check(client, "GET", "/me", status=401)
    assert len(check.seen) >= 17
