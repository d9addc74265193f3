"""The field toolkit: strict types, cleaned text, bounded numbers and dates, one error shape."""

from datetime import UTC, datetime

import pytest
from werkzeug.datastructures import MultiDict

from models.choices import INSTITUTION_KINDS
from server.errors import AppError
from server.services.common import (
    Choice,
    Count,
    Form,
    Location,
    LongText,
    Moment,
    Number,
    Text,
    check,
    check_fields,
    page_args,
    photo_size,
)

NOW = datetime(2026, 6, 9, 2, 7, tzinfo=UTC)


class Sample(Form):
    """Every kind of field once."""

    name: Text(5, min_length=1)
    body: LongText(20) | None = None
    kind: Choice(INSTITUTION_KINDS) = None
    count: Count | None = None
    price: Number(0, 1000) | None = None
    at: Moment = None
    location: Location | None = None


def errors_of(data):
    with pytest.raises(AppError) as caught:
        check(Sample, data, context={"now": NOW})
    assert caught.value.code == "validation_error"
    assert caught.value.status == 400
    return caught.value.errors


def test_text_loses_control_characters_and_keeps_newlines_only_when_long():
    every_control = "".join(chr(c) for c in range(32)) + "\x7f\x85\ufffe"
    found = check(Sample, {"name": f" a{every_control}b ", "body": f"x{every_control}y"})
    assert found.name == "a b"
    assert found.body == "x\t\n\ny"  # a lone \r is a line break too


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "name"),
        ({"name": 1}, "name"),
        ({"name": "abcdef"}, "name"),
        ({"name": "\ud800"}, "name"),
        ({"name": "a", "kind": ["subject"]}, "kind"),
        ({"name": "a", "kind": {"x": 1}}, "kind"),
        ({"name": "a", "count": 1.5}, "count"),
        ({"name": "a", "count": True}, "count"),
        ({"name": "a", "count": "3"}, "count"),
        ({"name": "a", "count": 10**30}, "count"),
        ({"name": "a", "price": float("nan")}, "price"),
        ({"name": "a", "price": float("inf")}, "price"),
        ({"name": "a", "at": "1999-12-31T23:59:59+08:00"}, "at"),
        ({"name": "a", "at": "2026-06-11T00:00:00+08:00"}, "at"),
        ({"name": "a", "at": "+275760-09-13T00:00:00Z"}, "at"),
        ({"name": "a", "at": ["2026-06-01"]}, "at"),
        ({"name": "a", "location": {"lat": 91, "lng": 0}}, "location"),
    ],
)
def test_each_bad_value_is_named_in_chinese(data, field):
    errors = errors_of(data)
    assert list(errors) == [field]
    assert all("\u4e00" <= ch <= "\u9fff" for ch in errors[field] if ch.isalpha() and ord(ch) > 127)


def test_unknown_fields_are_ignored_and_empty_choice_is_none():
    found = check(Sample, {"name": "a", "kind": "", "colour": "red"})
    assert found.kind is None
    assert "colour" not in found.given()


def test_file_rows_read_numbers_from_text_but_refuse_non_finite_ones():
    row, errors = check_fields(Sample, {"name": 12, "count": "3", "price": "2.5"}, lax=True)
    assert errors == {}
    assert row == {"name": "12", "count": 3, "price": 2.5}
    for text in ("1e400", "nan", "-inf"):
        values, errors = check_fields(Sample, {"name": "a", "price": text}, lax=True)
        assert values == {"name": "a"}
        assert errors == {"price": "应为有限的数字"}


def test_check_fields_keeps_the_good_fields_and_names_every_bad_one():
    values, errors = check_fields(Sample, {"name": "a", "count": -1, "kind": ["x"], "x": 1})
    assert values == {"name": "a"}
    assert set(errors) == {"count", "kind"}


@pytest.mark.parametrize(
    "query",
    [
        {"page": "0"},
        {"page": "99999999999999999999999"},
        {"page": "100001"},
        {"per_page": "101"},
        {"per_page": "abc"},
    ],
)
def test_pages_are_bounded(query):
    with pytest.raises(AppError) as caught:
        page_args(MultiDict(query))
    assert set(caught.value.errors) <= {"page", "per_page"}


def test_photo_sizes():
    assert photo_size(MultiDict()) == "full"
    assert photo_size(MultiDict({"size": "thumb"})) == "thumb"
    with pytest.raises(AppError):
        photo_size(MultiDict({"size": "huge"}))
