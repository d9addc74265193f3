"""Response shapes are the one source of an answer and of its Swagger model."""

import pytest
from flask_restx.model import ModelBase

from mini_program_api.schemas import registry as mp_models
from models.institution import Institution
from models.rectification import Rectification
from server.api_responses import Schemas, ShapeModel
from server.services.common.shapes import DateTime, Shape
from server.staff_api.schemas import registry as staff_models
from tests.support.instants import local_date

MP, STAFF = "/api/mp/v1", "/api/staff/v1"


class Parcel(Shape):
    """A test shape."""

    no: str
    sent_at: DateTime | None
    weight: float = None  # may be left out


def test_a_field_added_to_a_shape_is_in_the_answer_and_the_model():
    registry = Schemas()
    model = registry.shape(Parcel)
    assert list(model.__schema__["properties"]) == ["no", "sent_at", "weight"]
    assert model.__schema__["required"] == ["no", "sent_at"]
    assert model.__schema__["properties"]["sent_at"]["x-nullable"] is True
    answer = Parcel.answer({"weight": 2, "secret": "x", "sent_at": None, "no": "P1"})
    assert list(answer) == ["no", "sent_at", "weight"]  # declared keys only, in order
    assert Parcel.answer({"no": "P2", "sent_at": None}) == {"no": "P2", "sent_at": None}


class Stop(Shape):
    """A nested test shape."""

    place: str
    at: DateTime | None = None


class Route(Shape):
    """A test shape nesting others: one, maybe one, a list."""

    parcel: Parcel
    first: Stop | None
    stops: list[Stop]
    tags: list[str]


def test_pick_gives_what_answer_gives_without_validating():
    data = {
        "extra": 1,
        "tags": ["a"],
        "stops": [{"at": "2026-12-01T08:00:00+00:00", "place": "A", "x": 1}, {"place": "B"}],
        "first": None,
        "parcel": {"weight": 2.0, "secret": "x", "sent_at": None, "no": "P1"},
    }
    picked = Route.pick(data)
    assert picked == Route.answer(data)
    assert list(picked) == ["parcel", "first", "stops", "tags"]
    assert list(picked["parcel"]) == ["no", "sent_at", "weight"]
    assert picked["stops"][1] == {"place": "B"}  # a default left out stays out
    assert Route.pick({**data, "first": {"place": "C", "y": 2}})["first"] == {"place": "C"}
    # Unvalidated: a wrong type passes through as it is (the Swagger tests check values).
    assert Parcel.pick({"no": 7, "sent_at": None}) == {"no": 7, "sent_at": None}


def test_two_different_models_under_one_name_are_refused():
    registry = Schemas()
    registry.shape(Parcel)

    class Other(Shape):
        """Another shape."""

        no: int

    with pytest.raises(ValueError, match="Parcel"):
        registry.shape(Other, "Parcel")


@pytest.mark.parametrize("base", [MP, STAFF])
def test_every_generated_model_is_served_as_generated(app, client, base):
    registry = {MP: mp_models, STAFF: staff_models}[base]
    spec = client.get(f"{base}/swagger.json")
    generated = [m for m in registry.models.values() if isinstance(m, ShapeModel)]
    assert generated
    for model in generated:
        assert spec["definitions"][model.name] == model.__schema__
        for nested in model.__parents__:
            assert isinstance(nested, ModelBase)
            assert nested.name in spec["definitions"]


@pytest.mark.parametrize("base", [MP, STAFF])
def test_every_response_model_but_the_envelopes_is_generated_from_a_shape(app, base):
    registry = {MP: mp_models, STAFF: staff_models}[base]
    written = [m.name for m in registry.models.values() if not isinstance(m, ShapeModel)]
    assert written
    assert [name for name in written if name != "Error" and not name.endswith("Page")] == []


def test_an_answer_from_stored_data_that_misfits_its_shape_is_still_served(admin, now):
    school = Institution(name="旧数据培训学校", status="whitelist").save()
    body = {"institution_id": str(school.id), "problems": ["无证"], "requirements": "停办"}
    body |= {"due_date": local_date(now, 5), "summary": "无证办学"}
    entry = admin.post(f"{STAFF}/rectifications", json=body, status=201)
    Rectification._get_collection().update_one(
        {"_id": Rectification.objects.get().id}, {"$unset": {"requirements": 1}}
    )
    shown = admin.get(f"{STAFF}/rectifications/{entry['id']}")
    assert shown["requirements"] is None
    assert shown["summary"] == "无证办学"
