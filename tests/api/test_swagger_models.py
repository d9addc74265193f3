"""The Swagger request schemas and query parameters are the models that check the requests:
what is validated and what is documented cannot drift."""

import pytest

from server.services.admin import (
    MfaConfirm,
    NoticeChange,
    NoticeDraft,
    PasswordChange,
    RoutingRulesInput,
    StaffCreate,
    StaffLogin,
    StaffUpdate,
)
from server.services.archive import CodeArgs, InstitutionFields, StatusChangeInput
from server.services.common import PeriodArgs, SizeArgs
from server.services.complaints import (
    ActionInput,
    ComplaintListArgs,
    ComplaintSubmission,
    RatingInput,
    SupplementInput,
)
from server.services.directory import SearchArgs
from server.services.holidays import DayInput
from server.services.rectifications import RectificationOpen

MP, STAFF = "/api/mp/v1", "/api/staff/v1"


@pytest.mark.parametrize(
    ("base", "method", "path", "model"),
    [
        (MP, "post", "/complaints", ComplaintSubmission),
        (MP, "post", "/complaints/{no}/supplements", SupplementInput),
        (MP, "post", "/complaints/{no}/rating", RatingInput),
        (STAFF, "post", "/complaints/{no}/actions", ActionInput),
        (STAFF, "post", "/institutions", InstitutionFields),
        (STAFF, "patch", "/institutions/{institution_id}", InstitutionFields),
        (STAFF, "post", "/institutions/{institution_id}/status", StatusChangeInput),
        (STAFF, "post", "/notices", NoticeDraft),
        (STAFF, "patch", "/notices/{notice_id}", NoticeChange),
        (STAFF, "post", "/rectifications", RectificationOpen),
        (STAFF, "post", "/holidays", DayInput),
        (STAFF, "post", "/staff", StaffCreate),
        (STAFF, "patch", "/staff/{staff_id}", StaffUpdate),
        (STAFF, "post", "/auth/login", StaffLogin),
        (STAFF, "patch", "/me", PasswordChange),
        (STAFF, "post", "/me/mfa/confirm", MfaConfirm),
        (STAFF, "put", "/routing-rules", RoutingRulesInput),
    ],
)
def test_each_body_schema_is_its_model(client, base, method, path, model):
    spec = client.get(f"{base}/swagger.json")
    (body,) = [p for p in spec["paths"][path][method]["parameters"] if p["in"] == "body"]
    schema = spec["definitions"][body["schema"]["$ref"].rsplit("/", 1)[1]]
    assert list(schema["properties"]) == [f.alias or n for n, f in model.model_fields.items()]
    required = [f.alias or n for n, f in model.model_fields.items() if f.is_required()]
    assert schema.get("required", []) == required
    for ref in _refs(schema):  # every nested model is defined too
        assert ref.rsplit("/", 1)[1] in spec["definitions"]


def _refs(schema):
    """Every $ref inside a schema."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            yield schema["$ref"]
        for value in schema.values():
            yield from _refs(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _refs(value)


@pytest.mark.parametrize(
    ("base", "path", "model"),
    [
        (MP, "/institutions", SearchArgs),
        (MP, "/photos/{photo_id}", SizeArgs),
        (STAFF, "/institutions", SearchArgs),
        (STAFF, "/complaints", ComplaintListArgs),
        (STAFF, "/stats", PeriodArgs),
        (STAFF, "/institutions/{institution_id}/code", CodeArgs),
    ],
)
def test_each_query_is_documented_from_its_model(client, base, path, model):
    spec = client.get(f"{base}/swagger.json")
    names = {p["name"] for p in spec["paths"][path]["get"]["parameters"] if p["in"] == "query"}
    assert names == {field.alias or name for name, field in model.model_fields.items()}
