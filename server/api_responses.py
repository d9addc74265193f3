"""Building blocks of the response models both Swagger specs declare.

Each API keeps its models in one `Schemas` registry (mini_program_api/schemas.py,
server/staff_api/schemas.py) that its blueprint registers on the Api once. Where a domain
declares its answers as `Shape`s (server/services/common/shapes.py), `Schemas.shape`
generates the model from that one source, so the answer and the spec cannot drift; the
rest are still written here as restx models.

- Every property of a response model is `required` (our serialisers always write every
  key) unless named in `optional=`.
- `nullable(field)` marks a property that may be null with Swagger 2.0's `x-nullable`.
- `errors(*codes)` declares the error model on the status of each code (from ERRORS),
  described by the codes that status stands for here.
"""

from flask_restx import Model, SchemaModel, fields
from flask_restx.utils import merge

from server.errors import ERRORS


class File(fields.Raw):
    """A binary answer (image, spreadsheet): Swagger 2.0's `type: file`."""

    __schema_type__ = "file"


class Text(fields.Raw):
    """A plain-text answer."""

    __schema_type__ = "string"


class Anything(fields.Raw):
    """A value of any JSON type (documented by its description)."""

    def schema(self):
        """No `type`: any JSON value."""
        return {"description": self.description}


class Counts(fields.Raw):
    """An object whose every value is a count: `{code: n}`."""

    def schema(self):
        """An object of integers."""
        return {**super().schema(), "additionalProperties": {"type": "integer"}}


class Rates(fields.Raw):
    """An object whose every value is a share 0..1 or null: `{code: rate}`."""

    def schema(self):
        """An object of nullable numbers."""
        item = {"type": "number", "x-nullable": True}
        return {**super().schema(), "additionalProperties": item}


def nullable(field):
    """`field` (a class or an instance) declared as possibly null (`x-nullable: true`)."""
    field = field() if isinstance(field, type) else field
    plain = field.schema

    def schema():
        body = plain()
        if "$ref" in body:  # keep the reference alone in an allOf, beside the flag
            body["allOf"] = [{"$ref": body.pop("$ref")}]
        return {**body, "x-nullable": True}

    field.schema = schema
    return field


REF = "#/definitions/"


class ShapeModel(SchemaModel):
    """A response model generated from a Shape; the models it nests are registered with it
    (restx registers a model's parents; nothing is inherited)."""

    def __init__(self, name, schema, nested=()):
        super().__init__(name, schema)
        self.__parents__ = list(nested)

    @property
    def __schema__(self):
        """The schema as generated (no allOf over the nested models)."""
        return self._schema


def swagger_response(node):
    """A pydantic JSON schema (refs under #/definitions/) as a Swagger 2.0 response schema:
    `anyOf [T, null]` becomes T with `x-nullable` (a ref kept alone in an allOf), titles go."""
    if isinstance(node, list):
        return [swagger_response(item) for item in node]
    if not isinstance(node, dict):
        return node
    branches = node.get("anyOf")
    if branches and {"type": "null"} in branches and len(branches) == 2:
        (kept,) = [b for b in branches if b != {"type": "null"}]
        rest = {k: v for k, v in node.items() if k != "anyOf"}
        kept = {"allOf": [kept]} if "$ref" in kept else kept
        return swagger_response({**kept, **rest, "x-nullable": True})
    converted = {key: swagger_response(value) for key, value in node.items() if key != "title"}
    if isinstance(node.get("properties"), dict):  # property names are not keywords
        converted["properties"] = {k: swagger_response(v) for k, v in node["properties"].items()}
    return converted


class Schemas:
    """The response models of one API, registered on its Api by `register`."""

    def __init__(self):
        self.models = {}
        self.error = self.model(
            "Error",
            {
                "code": fields.String(description="snake_case 错误代码", example="not_found"),
                "message": fields.String(description="给用户看的中文说明"),
                "errors": Anything(
                    description="validation_error: {字段: 原因}；import_failed: 各行错误的列表"
                ),
            },
            optional=("errors",),
        )

    def model(self, name, properties, *, optional=()):
        """A response model: every property required except those in `optional`."""
        for key, field in properties.items():
            if isinstance(field, type):
                field = properties[key] = field()
            field.required = key not in optional
        created = Model(name, properties)
        self.models[name] = created
        return created

    def shape(self, shape, name=None):
        """The Swagger model generated from `shape` (a Shape class), named `name` or after
        the class, with every shape it nests registered under its class name."""
        schema = shape.model_json_schema(ref_template=REF + "{model}")
        nested = [
            self._add(ShapeModel(key, swagger_response(definition)))
            for key, definition in schema.pop("$defs", {}).items()
        ]
        return self._add(ShapeModel(name or shape.__name__, swagger_response(schema), nested))

    def _add(self, created):
        """Keep `created`; a second, different model under the same name is a mistake."""
        known = self.models.get(created.name)
        if known is not None and known.__schema__ != created.__schema__:
            raise ValueError(f"two different response models are named {created.name}")
        self.models[created.name] = created
        return created

    def page(self, name, item):
        """The list envelope `{"items", "total", "page", "per_page"}` of `item` models."""
        return self.model(
            name,
            {
                "items": fields.List(fields.Nested(item)),
                "total": fields.Integer,
                "page": fields.Integer,
                "per_page": fields.Integer,
            },
        )

    def register(self, api):
        """Make every model of this registry known to `api` (its spec's definitions)."""
        for name, created in self.models.items():
            api.models[name] = created

    def errors(self, *codes):
        """A decorator declaring the error model on the status of each error code."""
        by_status = {}
        for code in codes:
            by_status.setdefault(ERRORS[code][0], []).append(code)
        responses = {
            str(status): (" / ".join(names), self.error, {})
            for status, names in sorted(by_status.items())
        }

        def declare(method):
            method.__apidoc__ = merge(getattr(method, "__apidoc__", {}), {"responses": responses})
            return method

        return declare


FILE = File(description="文件内容")
TEXT = Text(description="纯文本")
