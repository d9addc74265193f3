"""Windows that end by the clock: the sign-in lock, the daily report limit, token and
console-session lifetimes.

Each is tried just before and just after its end, from the edge instants, by moving the
app's clock through its seam (`clock.set`); the clock stands still in between so every
request of a step reads the same instant.
"""

from datetime import timedelta

import pytest

from models.complaint import Complaint
from tests.conftest import TEST_PASSWORD
from tests.support.complaint_support import body_for, submit
from tests.support.instants import at_edges, end_of_local_day, shanghai

pytestmark = [pytest.mark.frozen_clock, pytest.mark.hours_of_the_day]
LOGIN = "/api/staff/v1/auth/login"
SECOND = timedelta(seconds=1)


@at_edges
def test_a_locked_sign_in_opens_when_fifteen_minutes_have_passed(client, make_staff, clock, now):
    make_staff("admin", ["admin"])
    for _ in range(5):
        client.post(LOGIN, json={"username": "admin", "password": "wrong"}, status=401)
    right = {"username": "admin", "password": TEST_PASSWORD}
    clock.set(now + timedelta(minutes=15) - SECOND, frozen=True)
    assert client.post(LOGIN, json=right, status=429)["code"] == "locked"
    clock.set(now + timedelta(minutes=15), frozen=True)
    assert client.post(LOGIN, json=right)["token"]


def fill_the_day(parent):
    """File the ten reports a parent may make in one day; the eleventh is refused."""
    for _ in range(10):
        submit(parent, body_for(None))
    assert submit(parent, body_for(None), status=429)["code"] == "rate_limited"


@pytest.mark.parametrize(
    "now",
    [shanghai(2026, 6, 9, 23, 59), shanghai(2026, 6, 12, 23, 59), shanghai(2026, 9, 30, 23, 59)],
    ids=["tue-2359", "fri-2359-before-weekend", "eve-of-national-day-2359"],
    indirect=True,
)
def test_the_daily_report_limit_starts_again_at_shanghai_midnight(parent, clock, now):
    fill_the_day(parent)
    clock.set(end_of_local_day(now), frozen=True)  # the day's last millisecond
    submit(parent, body_for(None), status=429)
    clock.set(end_of_local_day(now) + timedelta(milliseconds=1), frozen=True)
    submit(parent, body_for(None))
    assert Complaint.objects.count() == 11


@pytest.mark.parametrize("now", [shanghai(2026, 6, 9, 7, 59)], ids=["tue-0759"], indirect=True)
def test_the_daily_report_limit_holds_across_utc_midnight(parent, clock, now):
    fill_the_day(parent)
    clock.set(now + timedelta(minutes=2), frozen=True)  # 08:01 Shanghai: a new UTC day
    assert submit(parent, body_for(None), status=429)["code"] == "rate_limited"


@at_edges
def test_a_parent_token_opens_the_api_until_its_lifetime_ends(app, parent, clock, now):
    lifetime = timedelta(seconds=app.config["PARENT_TOKEN_TTL"])
    clock.set(now + lifetime - SECOND, frozen=True)
    parent.get("/api/mp/v1/complaints")
    clock.set(now + lifetime, frozen=True)
    assert parent.get("/api/mp/v1/complaints", status=401)["code"] == "invalid_token"


@at_edges
def test_a_staff_token_opens_the_api_until_its_lifetime_ends(app, admin, clock, now):
    lifetime = timedelta(seconds=app.config["STAFF_TOKEN_TTL"])
    clock.set(now + lifetime - SECOND, frozen=True)
    admin.get("/api/staff/v1/me")
    clock.set(now + lifetime, frozen=True)
    assert admin.get("/api/staff/v1/me", status=401)["code"] == "invalid_token"


def test_a_token_from_a_clock_ahead_of_ours_is_not_yet_valid(admin, clock, now):
    clock.set(now - timedelta(minutes=1), frozen=True)  # issued "in a minute"
    assert admin.get("/api/staff/v1/me", status=401)["code"] == "invalid_token"


@pytest.mark.parametrize(
    "now",
    [shanghai(2026, 6, 9, 9, 0), shanghai(2026, 6, 12, 20, 30)],
    ids=["tue-0900", "fri-2030-before-weekend"],
    indirect=True,
)
def test_a_console_session_ends_with_the_staff_token_lifetime(app, console_login, clock, now):
    browser = console_login("clerk", ["dispatcher"])
    lifetime = timedelta(seconds=app.config["STAFF_TOKEN_TTL"])
    busy = timedelta(minutes=app.config["CONSOLE_IDLE_MINUTES"] - 1)
    moment = now
    while moment + busy < now + lifetime:  # in use all along: the idle time-out never ends it
        moment += busy
        clock.set(moment, frozen=True)
        browser.get("/console/")
    clock.set(now + lifetime, frozen=True)
    browser.get("/console/")
    clock.set(now + lifetime + SECOND, frozen=True)
    response = browser.get("/console/", status=302)
    assert response.headers["Location"].startswith("/console/login")
    assert "登录已失效" in browser.page("/console/login")
