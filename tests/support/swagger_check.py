"""Check real answers against the response schemas a Swagger 2.0 spec declares.

The spec's definitions become JSON Schema (draft 4, what Swagger 2.0 builds on): a
property marked `x-nullable` also accepts null, and every model with properties refuses
properties it does not declare, so a model that leaves out a field the code writes fails
as surely as one that names a field the code never writes.
"""

import jsonschema

ERROR_REF = "#/definitions/Error"


def as_json_schema(node):
    """`node` of a Swagger schema as draft-4 JSON Schema (strict objects, nullable marks)."""
    if isinstance(node, list):
        return [as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: as_json_schema(value) for key, value in node.items()}
    if "properties" in converted and node.get("type", "object") == "object":
        converted.setdefault("additionalProperties", False)
    if converted.pop("x-nullable", False):
        return {"anyOf": [{"type": "null"}, converted]}
    return converted


def operation(spec, method, path):
    """The spec's operation object for `method` on `path` (a templated spec path)."""
    return spec["paths"][path][method.lower()]


def response_schema(spec, method, path, status):
    """The schema the spec declares for `status` of the operation (None if it has none)."""
    response = operation(spec, method, path)["responses"].get(str(status))
    assert response is not None, f"{method} {path} does not declare status {status}"
    return response.get("schema")


def validate_body(spec, method, path, status, body):
    """Raise jsonschema.ValidationError unless `body` fits the declared response schema."""
    schema = response_schema(spec, method, path, status)
    assert schema is not None, f"{method} {path} {status} declares no schema"
    root = {"definitions": as_json_schema(spec["definitions"]), **as_json_schema(schema)}
    jsonschema.Draft4Validator(root).validate(body)


def refers_to_error(schema):
    """Whether a response schema is the error model (or a definition the check accepts)."""
    return bool(schema) and schema.get("$ref") == ERROR_REF


def success_documented(response, status):
    """Whether a 2xx response declares what it answers: a schema, or no body for a 204."""
    if status == "204":
        return "schema" not in response
    return bool(response.get("schema"))
