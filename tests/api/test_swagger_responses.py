"""Both Swagger specs say what every operation answers, and say it truthfully.

Walking the specs (not a hand-kept list) means a new operation without its response models
fails here; driving real endpoints and validating their bodies against the declared
schemas (strict: no undeclared property, null only where `x-nullable`) catches models
that lie about what the code writes.
"""

import csv
import io
from datetime import timedelta

import pytest
from jsonschema import ValidationError

from server.clock import SHANGHAI
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
            assert schema is None
            assert not response.data
            return
        assert schema, (method, path)
        assert schema["type"] in ("file", "string"), (method, path)
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
    check(client, "GET", "/privacy")
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


@pytest.fixture
def days(app):
    """Shanghai calendar dates (YYYY-MM-DD) `offset` days from the app clock's today.

    Tokens are checked against the wall clock until the app clock takes over, so this
    test dates what it writes from the app's now instead of freezing it.
    """
    today = app.extensions["clock"].now().astimezone(SHANGHAI).date()
    return lambda offset: (today + timedelta(days=offset)).isoformat()


def import_csv(rows):
    """A small archive file as the import takes it."""
    text = io.StringIO()
    csv.writer(text).writerows([["name", "kind", "status"], *rows])
    return {"file": (io.BytesIO(text.getvalue().encode("utf-8-sig")), "archive.csv")}


def test_archive_ledgers_and_settings_answers_fit_their_schemas(days, specs, admin):
    check = Checked(specs[STAFF], STAFF)
    body = {
        "name": "博雅书法艺术中心",
        "kind": "non_subject",
        "category": "arts",
        "status": "whitelist",
        "location": {"lat": 29.08, "lng": 119.64},
        "teachers": {"total": 5, "qualified": 4},
        "courses": [{"name": "书法", "subject": "书法", "class_hours": 32, "price_per_hour": 90}],
    }
    institution = check(admin, "POST", "/institutions", status=201, json=body)
    ids = {"institution_id": institution["id"]}
    check(admin, "GET", "/institutions", query_string={"lat": 29.08, "lng": 119.64})
    change = {"status": "suspended", "reason": "消防隐患，暂停整改"}
    check(admin, "POST", "/institutions/{institution_id}/status", args=ids, json=change)
    check(admin, "PATCH", "/institutions/{institution_id}", args=ids, json={"students": 40})
    check(admin, "GET", "/institutions/{institution_id}/code", args=ids)
    check(admin, "POST", "/institutions/import", data=import_csv([["新机构", "subject", "白名单"]]))
    bad = import_csv([["", "nope", "白名单"]])
    check(admin, "POST", "/institutions/import", status=400, data=bad)
    entry = {
        "institution_id": institution["id"],
        "problems": ["预收费超过三个月"],
        "requirements": "退还超期预收费用",
        "due_date": days(20),
        "summary": "预收费超期，责令限期整改",
    }
    opened = check(admin, "POST", "/rectifications", status=201, json=entry)
    rid = {"rectification_id": opened["id"]}
    check(admin, "GET", "/rectifications")
    check(admin, "GET", "/institutions/{institution_id}", args=ids)
    photo = {"photos": (io.BytesIO(jpeg_bytes()), "after.jpg"), "evidence": "已退费"}
    closed = check(admin, "POST", "/rectifications/{rectification_id}/close", args=rid, data=photo)
    evidence = {**rid, "photo_id": closed["evidence_photos"][0]["id"]}
    check(admin, "GET", "/rectifications/{rectification_id}/photos/{photo_id}", args=evidence)
    check(admin, "GET", "/rectifications/{rectification_id}", args=rid)
    rules = check(admin, "GET", "/routing-rules")
    check(admin, "PUT", "/routing-rules", json={"items": rules["items"]})
    day = {"date": days(40), "kind": "holiday", "name": "调休"}
    check(admin, "POST", "/holidays", status=201, json=day)
    check(admin, "GET", "/holidays")
    check(admin, "DELETE", "/holidays/{day}", status=204, args={"day": day["date"]})
    account = {
        "username": "clerk",
        "name": "办事员",
        "password": "long-password",
        "roles": ["viewer"],
    }
    made = check(admin, "POST", "/staff", status=201, json=account)
    sid = {"staff_id": made["id"]}
    check(admin, "PATCH", "/staff/{staff_id}", args=sid, json={"name": "新名字"})
    check(admin, "GET", "/staff/{staff_id}", args=sid)
    check(admin, "POST", "/staff/{staff_id}/unlock", status=204, args=sid)
    check(admin, "GET", "/ledger/export", query_string={"format": "csv"})
    check(admin, "GET", "/stats", query_string={"from": days(-30), "to": days(0)})
    assert len(check.seen) >= 22


def test_a_complaint_followed_to_its_end_fits_both_specs(days, specs, parent, admin, make_staff):
    mp, staff = Checked(specs[MP], MP), Checked(specs[STAFF], STAFF)
    institution = admin.post(
        f"{STAFF}/institutions", json={"name": "星光培训中心", "kind": "subject"}, status=201
    )
    handler = make_staff("handler_triage", ("handler",), ("triage",))
    photo_id = upload(mp, parent)
    report = {
        "institution_id": institution["id"],
        "category": "fees",
        "description": DESCRIPTION,
        "photo_ids": [photo_id],
        "contact_phone": "13812345678",
        "occurred_at": f"{days(-1)}T10:00:00+08:00",
        "location": {"lat": 29.08, "lng": 119.64},
    }
    no = {"no": mp(parent, "POST", "/complaints", status=201, json=report)["no"]}
    version = staff(admin, "GET", "/complaints/{no}", args=no)["version"]
    steps = [
        {"action": "accept_assign", "assignee": str(handler.id)},
        {"action": "note", "text": "已约执法大队联合检查"},
        {"action": "request_info", "message": "请补充缴费凭证"},
    ]
    for step in steps:
        answer = staff(
            admin, "POST", "/complaints/{no}/actions", args=no, json={**step, "version": version}
        )
        version = answer["version"]
    supplement = {"text": "补充：缴费凭证见照片", "photo_ids": [upload(mp, parent)]}
    mp(parent, "POST", "/complaints/{no}/supplements", status=201, args=no, json=supplement)
    version = staff(admin, "GET", "/complaints/{no}", args=no)["version"]
    resolve = {"action": "resolve", "outcome": "substantiated", "message": "已责令退费"}
    detail = staff(
        admin, "POST", "/complaints/{no}/actions", args=no, json={**resolve, "version": version}
    )
    photo = {**no, "photo_id": detail["photos"][0]["id"]}
    staff(admin, "GET", "/complaints/{no}/photos/{photo_id}", args=photo)
    staff(admin, "POST", "/complaints/{no}/contact", args=no)
    mp(parent, "GET", "/complaints/{no}", args=no)
    rating = {"score": "dissatisfied", "comment": "还没退费"}
    mp(parent, "POST", "/complaints/{no}/rating", status=201, args=no, json=rating)
    mp(parent, "POST", "/complaints/{no}/rating", status=409, args=no, json=rating)
    staff(admin, "GET", "/complaints/{no}", args=no)
    staff(admin, "GET", "/complaints", query_string={"status": "reopened"})
    staff(admin, "GET", "/stats")


@pytest.mark.parametrize("base", [MP, STAFF])
def test_no_namespace_model_replaces_a_response_model(app, specs, base):
    """A request model of the same name would silently take a response model's place."""
    from mini_program_api.schemas import registry as mp_models
    from server.staff_api.schemas import registry as staff_models

    registry = {MP: mp_models, STAFF: staff_models}[base]
    with app.test_request_context():
        for name, model in registry.models.items():
            assert specs[base]["definitions"].get(name) == model.__schema__, name
