"""Swagger request schemas made from the same pydantic models that check the requests.

`body_schema(ns, Model)` registers the model's JSON schema on a restx namespace, adapted
to Swagger 2.0: nested models are written inline (restx emits only the definitions it
registers itself) and an optional field's `anyOf [T, null]` becomes T with `x-nullable`.
What is validated and what is documented therefore cannot drift apart.
"""

DEFS = "#/$defs/"


def swagger_schema(schema, defs=None):
    """A JSON schema (dict) rewritten for Swagger 2.0, recursively; `defs` resolves refs."""
    defs = schema.get("$defs", {}) if defs is None and isinstance(schema, dict) else defs
    if isinstance(schema, list):
        return [swagger_schema(item, defs) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if schema.get("$ref", "").startswith(DEFS):
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        return swagger_schema({**defs[schema["$ref"].removeprefix(DEFS)], **rest}, defs)
    branches = schema.get("anyOf")
    if branches and {"type": "null"} in branches:
        kept = [b for b in branches if b != {"type": "null"}]
        rest = {k: v for k, v in schema.items() if k != "anyOf"}
        merged = {**(kept[0] if len(kept) == 1 else {"anyOf": kept}), **rest}
        return swagger_schema({**merged, "x-nullable": True}, defs)
    return {key: swagger_schema(value, defs) for key, value in schema.items() if key != "$defs"}


def body_schema(ns, model, *, name=None):
    """The restx schema model for `model`, named `name` or after the class."""
    return ns.schema_model(name or model.__name__, swagger_schema(model.model_json_schema()))


def query_params(model):
    """Swagger query parameters for a query-argument model, from its JSON schema."""
    schema = swagger_schema(model.model_json_schema(by_alias=True))
    params = {}
    for name, prop in schema.get("properties", {}).items():
        param = {"in": "query", "type": prop.get("type", "string")}
        param["description"] = prop.get("description") or prop.get("title", name)
        for key in ("enum", "minimum", "maximum", "maxLength", "default", "format"):
            if prop.get(key) is not None:
                param[key] = prop[key]
        params[name] = param
    return params
