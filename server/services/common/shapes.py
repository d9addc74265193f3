"""One source for what the services answer: response shapes as pydantic models.

A `Shape` names every key of an answer with its type, once. The services pass the dicts
they build through `Shape.answer(...)`, which keeps exactly the declared keys in the
declared order, and the HTTP layers generate their Swagger response models from the same
classes (`server/api_responses.py`, `Schemas.shape`), so a field added to a shape appears
in the answer and in swagger.json together, and a key the shape does not declare does not
leak out.

Conventions, as the Swagger models had them: every key is required (always written)
unless it has a default, in which case it may be left out (`distance_m`); `X | None`
marks a key that may be null. Times are the ISO strings the services write (`DateTime`,
`Date` only add the Swagger format). An answer built from stored data that does not fit
its shape is logged and still answered (pages never fail on stored data); the Swagger
response tests catch a shape that disagrees with the code.

Hot paths (the directory's items, the staff lists) use `Shape.pick`: the same declared keys
in the same order, nested shapes included, without validating each value (about half the
cost of `answer` on a 50-row staff page, a few microseconds an item);
`tests/api/test_response_shapes.py` holds both ways to the same answer, and the Swagger
response tests check the values.
"""

import logging
import types
import typing
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

log = logging.getLogger(__name__)

DateTime = Annotated[str, Field(json_schema_extra={"format": "date-time"})]
Date = Annotated[str, Field(json_schema_extra={"format": "date"})]
Counts = dict[str, int]  # {code: n}
Rates = dict[str, float | None]  # {code: share 0..1, or null}
Anything = Any


def described(kind, text, **extra):
    """`kind` with a description (and any other Field options) for Swagger."""
    return Annotated[kind, Field(description=text, **extra)]


class Shape(BaseModel):
    """Base of every response shape: the declared keys only, in the declared order."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    @classmethod
    def answer(cls, data):
        """`data` (a dict the service built) as this shape's JSON-ready dict."""
        try:
            shaped = cls.model_validate(data)
        except ValidationError as exc:
            # Where and what kind of misfit only: the values may be personal data.
            where = [(e["loc"], e["type"]) for e in exc.errors()[:3]]
            log.warning("answer does not fit %s: %s", cls.__name__, where)
            return _declared(cls, data)
        return shaped.model_dump(mode="json", by_alias=True, exclude_unset=True)

    @classmethod
    def answers(cls, items):
        """Each of `items` as this shape (a list)."""
        return [cls.answer(item) for item in items]

    @classmethod
    def pick(cls, data):
        """`data`'s declared keys in the declared order, nested shapes too, unvalidated."""
        plan = cls.__dict__.get("_plan") or _plan_of(cls)
        return {
            key: nest(data[name]) if nest else data[name]
            for key, name, nest in plan
            if name in data
        }

    @classmethod
    def picks(cls, items):
        """Each of `items` picked (a list)."""
        return [cls.pick(item) for item in items]


def _declared(shape, data):
    """The keys of `data` that `shape` declares, unchecked (the fallback for odd data)."""
    keys = [field.alias or name for name, field in shape.model_fields.items()]
    return {key: data[key] for key in keys if key in data}


def _plan_of(shape):
    """(answer key, data key, how to pick its value or None) for each declared field."""
    plan = []
    for name, field in shape.model_fields.items():
        key = field.alias or name
        plan.append((key, key, _nesting(field.annotation)))
    shape._plan = tuple(plan)
    return shape._plan


def _nesting(annotation):
    """How a value of `annotation` is picked: a nested shape, a list of them, or as it is."""
    inner = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(inner) == 1:
        nest = _nesting(inner[0])
        return (lambda value: None if value is None else nest(value)) if nest else None
    if isinstance(annotation, type) and issubclass(annotation, Shape):
        return annotation.pick
    if typing.get_origin(annotation) is list and inner:
        item = _nesting(inner[0])
        return (lambda values: [item(v) for v in values]) if item else None
    return None
