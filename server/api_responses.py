"""Building blocks of the response models both Swagger specs declare (documentation only).

Each API keeps its models in one `Schemas` registry (mini_program_api/schemas.py,
server/staff_api/schemas.py) that its blueprint registers on the Api once. Nothing here
filters or shapes a response: resources return what the services build, and the models
say what that is, so a client generated from swagger.json can read it.

- Every property of a response model is `required` (our serialisers always write every
  key) unless named in `optional=`.
- `nullable(field)` marks a property that may be null with Swagger 2.0's `x-nullable`.
- `errors(*codes)` declares the error model on the status of each code (from ERRORS),
  described by the codes that status stands for here.
"""

from flask_restx import Model, fields
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


def institution_detail_model(registry, *, staff=False):
    """The archive entry as `archive.shapes.institution_detail` writes it, declared in
    `registry`: the public page's, or with `staff` the status history's `by` and
    `created_at` that staff also see."""
    from server.services.directory import COURSE_FIELDS, LABELLED, PLAIN_FIELDS

    text, number, when = nullable(fields.String), nullable(fields.Float), nullable(fields.DateTime)
    model = registry.model
    point = model("Point", {"lat": fields.Float, "lng": fields.Float})
    teachers = model(
        "Teachers", {"total": nullable(fields.Integer), "qualified": nullable(fields.Integer)}
    )
    prepaid = model("PrepaidAccount", {"bank": text, "account": text})
    numbers = ("class_hours", "price_per_hour")
    course = model("Course", {key: number if key in numbers else text for key in COURSE_FIELDS})
    change = {"status": fields.String, "status_label": text, "reason": text, "at": when}
    history = model(
        "StaffStatusChange" if staff else "StatusChange", change | ({"by": text} if staff else {})
    )
    summary = model(
        "PublicRectification",
        {
            "opened_at": when,
            "due_at": when,
            "status": fields.String,
            "status_label": fields.String,
            "overdue": fields.Boolean,
            "summary": text,
            "closed_at": when,
        },
    )
    properties = {
        "id": fields.String,
        **{key: text for key in PLAIN_FIELDS if key != "students"},
        "students": nullable(fields.Integer),
        "aliases": fields.List(fields.String),
        **{key: text for name in LABELLED for key in (name, name + "_label")},
        "location": nullable(fields.Nested(point)),
        "teachers": nullable(fields.Nested(teachers)),
        "prepaid_account": nullable(fields.Nested(prepaid)),
        "courses": fields.List(fields.Nested(course)),
        "status_history": fields.List(fields.Nested(history)),
        "updated_at": when,
        **({"created_at": when} if staff else {}),
        "rectifications": fields.List(fields.Nested(summary)),
    }
    return model("StaffInstitutionDetail" if staff else "InstitutionDetail", properties)
