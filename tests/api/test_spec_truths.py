"""The specs tell the truth where they did not: nullable ids in statistics, the
Idempotency-Key's pattern, JSON errors of binary endpoints, OPTIONS of /institutions/import,
and a holiday's `kind` that is a string, never null."""

import pytest

from tests.support.complaint_support import body_for, submit
from tests.support.swagger_check import validate_body

MP, STAFF = "/api/mp/v1", "/api/staff/v1"


def test_an_unlisted_institution_in_the_statistics_has_a_null_id_as_declared(client, parent, admin):
    submit(parent, body_for())
    stats = admin.get(f"{STAFF}/stats")
    assert stats["by_institution"][0]["id"] is None
    spec = client.get(f"{STAFF}/swagger.json")
    validate_body(spec, "GET", "/stats", 200, stats)


def test_the_idempotency_key_pattern_is_declared_and_kept(client, parent):
    spec = client.get(f"{MP}/swagger.json")
    params = spec["paths"]["/complaints"]["post"]["parameters"]
    [key] = [p for p in params if p["name"] == "Idempotency-Key"]
    assert key["pattern"] == "^[\\x21-\\x7e]{1,100}$"
    answer = submit(parent, body_for(), key="键", status=400)
    assert "Idempotency-Key" in answer["errors"]


@pytest.mark.parametrize(
    ("spec_path", "path", "method"),
    [
        (f"{MP}/swagger.json", "/images/{token}", "get"),
        (f"{MP}/swagger.json", "/media/{token}", "get"),
        (f"{MP}/swagger.json", "/photos/{photo_id}", "get"),
        (f"{STAFF}/swagger.json", "/institutions/{institution_id}/code", "get"),
        (f"{STAFF}/swagger.json", "/institutions/export", "get"),
        (f"{STAFF}/swagger.json", "/ledger/export", "get"),
    ],
)
def test_binary_endpoints_declare_their_json_errors(client, spec_path, path, method):
    spec = client.get(spec_path)
    assert "application/json" in spec["paths"][path][method]["produces"]


def test_a_bad_photo_link_answers_json_as_declared(client):
    response = client.get(f"{MP}/images/not-a-token", status=404)
    assert response["code"] == "not_found"


def test_options_of_the_import_names_only_its_methods(admin):
    response = admin.call("OPTIONS", f"{STAFF}/institutions/import")
    assert set(response.headers["Allow"].split(", ")) == {"POST", "OPTIONS"}
    admin.get(f"{STAFF}/institutions/import", status=405)
    admin.patch(f"{STAFF}/institutions/import", json={}, status=405)


def test_a_null_holiday_kind_is_refused(admin):
    answer = admin.post(f"{STAFF}/holidays", json={"date": "2027-01-01", "kind": None}, status=400)
    assert "kind" in answer["errors"]
    admin.post(f"{STAFF}/holidays", json={"date": "2027-01-01"}, status=201)
