"""The `hours_of_the_day` marker and the clock fixtures at work (issue 10).

This module is marked: each test runs once per hour in HOURS_OF_ONE_DAY, except those that
give their own instants, and every run reads its `now` from the app clock.
"""

from datetime import timedelta

import pytest

from server.clock import SHANGHAI, WALL_CLOCK, iso, utcnow
from tests.conftest import HOURS_OF_ONE_DAY
from tests.support.complaint_support import body_for, submit
from tests.support.instants import EDGES, at_edges

pytestmark = pytest.mark.hours_of_the_day


def runs_of(request):
    """The `now` of every collected run of the calling test."""
    return [
        item.callspec.params["now"]
        for item in request.session.items
        if getattr(item, "originalname", None) == request.node.originalname
    ]


def test_a_marked_module_runs_each_test_at_every_hour(request, now):
    runs = runs_of(request)
    assert sorted(runs) == HOURS_OF_ONE_DAY
    assert now in HOURS_OF_ONE_DAY


@at_edges
def test_a_test_with_its_own_instants_runs_at_those_only(request, now):
    runs = runs_of(request)
    assert runs == list(EDGES.values())


def test_the_app_and_the_process_clock_read_now(app, now):
    with app.app_context():
        assert now <= utcnow() < now + timedelta(minutes=1)
    assert now <= WALL_CLOCK.now() < now + timedelta(minutes=1)


@pytest.mark.frozen_clock
def test_a_frozen_clock_stands_still(app, clock, now):
    with app.app_context():
        assert utcnow() == now
    clock.advance(timedelta(hours=1))
    with app.app_context():
        assert utcnow() == now + timedelta(hours=1)


@pytest.mark.frozen_clock
def test_request_handlers_read_the_app_clock(parent, now):
    body = submit(parent, body_for(None))
    assert body["timeline"][0]["at"] == iso(now)
    assert body["no"].startswith("TS" + now.astimezone(SHANGHAI).strftime("%Y%m%d"))
