"""Swagger request schemas made from the same pydantic models that check the requests.

`body_schema(ns, Model)` registers the model's JSON schema (and those of the models it
nests) on a restx namespace, adapted to Swagger 2.0: `$defs` become definitions and an
optional field's `anyOf [T, null]` becomes T with `x-nullable`. What is validated and what
is documented therefore cannot drift apart.
"""

REF_TEMPLATE = "#/definitions/{model}"


def swagger_schema(schema):
    """A JSON schema (dict) rewritten for Swagger 2.0, recursively."""
    if isinstance(schema, list):
        return [swagger_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    branches = schema.get("anyOf")
    if branches and any(b == {"type": "null"} for b in branches):
        kept = [b for b in branches if b != {"type": "null"}]
        rest = {k: v for k, v in schema.items() if k != "anyOf"}
        merged = {**(kept[0] if len(kept) == 1 else {"anyOf": kept}), **rest}
        return swagger_schema({**merged, "x-nullable": True})
    return {key: swagger_schema(value) for key, value in schema.items() if key != "$defs"}


def body_schema(ns, model, *, name=None):
    """The restx schema model for `model` (named `name` or after the class), its nested
    models registered beside it."""
    schema = model.model_json_schema(ref_template=REF_TEMPLATE)
    for name, nested in schema.get("$defs", {}).items():
        ns.schema_model(name, swagger_schema(nested))
    return ns.schema_model(name or model.__name__, swagger_schema(schema))
