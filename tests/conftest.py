"""Fixtures: the app on mongomock (or MONGODB_URI), the fake WeChat server, API helpers.

Time is an input: every test runs with the app's clock set to `now` (a fixed instant), never
the wall clock. A module marked `hours_of_the_day` runs each test at several hours of one
day, so a rule that only holds at some hours of the day fails at once.
"""

import os
from datetime import UTC, datetime
from urllib.parse import urlsplit

import mongoengine
import pytest

from server.app import create_app
from server.clock import WALL_CLOCK
from server.db import is_embedded
from server.emulators.mongo import query_plan
from server.emulators.wechat.fake import FakeWeChat
from server.services.admin import ensure_triage_queue, seed_demo_queues
from server.wechat import templates
from tests.support.factories import make_staff_member

TEST_PASSWORD = "test-password"
# The console's browser-like client fixtures; apps served on loopback for the fake WeChat.
pytest_plugins = (
    "tests.support.console_client",
    "tests.support.served",
    "tests.support.news_fakes",
    "tests.support.failover",
    "tests.support.soak_report",
)
USE_DEFAULT = object()

# A plain working Tuesday, 10:07 in Shanghai (02:07 UTC), in a year chinese_calendar knows.
FIXED_NOW = datetime(2026, 6, 9, 2, 7, tzinfo=UTC)
# Hours spread over that day: 10:07, 17:07, 23:07 Shanghai and 03:07 of the next Shanghai
# day, on both sides of 14:00 (where "now + 10 h" leaves the local day) and of midnight.
HOURS_OF_ONE_DAY = [datetime(2026, 6, 9, hour, 7, tzinfo=UTC) for hour in (2, 9, 15, 19)]


def pytest_configure(config):
    """Refuse a MONGODB_URI naming a database before anything runs; declare the clock markers."""
    mongodb_uri_for_tests()
    config.addinivalue_line(
        "markers", "hours_of_the_day: run each test at several hours of one day (UTC 02-19)"
    )
    config.addinivalue_line("markers", "frozen_clock: the app clock stands still at `now`")


def _sets_own_now(metafunc):
    """Whether the test already parametrises `now` with its own instants."""
    for marker in metafunc.definition.iter_markers("parametrize"):
        names = marker.args[0] if marker.args else marker.kwargs.get("argnames", ())
        if isinstance(names, str):
            names = [name.strip() for name in names.split(",")]
        if "now" in names:
            return True
    return False


def pytest_generate_tests(metafunc):
    """Run the tests of an `hours_of_the_day` module once per hour in HOURS_OF_ONE_DAY."""
    if metafunc.definition.get_closest_marker("hours_of_the_day") is None:
        return
    if "now" in metafunc.fixturenames and not _sets_own_now(metafunc):
        ids = [f"{instant:%H%M}utc" for instant in HOURS_OF_ONE_DAY]
        metafunc.parametrize("now", HOURS_OF_ONE_DAY, indirect=True, ids=ids)


def test_db_name():
    """One database per xdist worker, so parallel runs on a real MongoDB do not collide."""
    return "test_shuangjian_" + os.environ.get("PYTEST_XDIST_WORKER", "main")


def fake_templates():
    """The fake WeChat account's subscribe templates: ours, under the test profile's ids."""
    return templates.registry_entries({"WECHAT_TEMPLATE_STATUS": "demo-status-template"})


def mongodb_uri_for_tests(environ=os.environ):
    """MONGODB_URI for the suite, or None (mongomock); refused if it names a database.

    A database in the URI would override the per-worker test database, and the suite
    empties the database it runs on: it must never be one somebody keeps data in.
    """
    uri = environ.get("MONGODB_URI") or None
    if uri and urlsplit(uri).path.strip("/"):
        raise pytest.UsageError(
            "MONGODB_URI names a database; the tests use their own (test_shuangjian_<worker>)."
            " Give the URI without one, e.g. mongodb://localhost:27017/?replicaSet=rs0"
        )
    return uri


def checked_test_database(db):
    """`db` if its name says it is the tests' own (test_...), else refuse to touch it."""
    if not db.name.startswith("test_"):
        raise RuntimeError(f"refusing to empty or drop database {db.name!r}: not a test_ database")
    return db


def app_config(fake, **overrides):
    """The settings tests run with: our fake WeChat, cheap password hashes, a fixed key."""
    config = {
        "APP_ENV": "test",
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "MONGODB_URI": mongodb_uri_for_tests(),
        "MONGODB_DB": test_db_name(),
        "WECHAT_APPID": fake.appid,
        "WECHAT_SECRET": fake.secret,
        "WECHAT_API_BASE": fake.base_url,
        "WECHAT_TIMEOUT": 1.0,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "LOG_LEVEL": "WARNING",
    }
    config.update(overrides)
    return config


@pytest.fixture(scope="session")
def fake_wechat():
    """The fake WeChat server on loopback, shared by the session and reset per test."""
    fake = FakeWeChat("wx-test-appid", "test-app-secret", templates=fake_templates())
    fake.start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def app(fake_wechat):
    """The app under test (one per session; the store is emptied before each test).

    On a real MongoDB its test database is dropped at the end of the session.
    """
    app = create_app(app_config(fake_wechat))
    yield app
    if app.config["MONGODB_URI"]:
        db = checked_test_database(mongoengine.get_db())
        db.client.drop_database(db.name)


def empty_store():
    """Delete every document but keep the collections and their indexes."""
    db = checked_test_database(mongoengine.get_db())
    for name in db.list_collection_names():
        if not name.startswith("system."):
            db[name].delete_many({})


@pytest.fixture
def now(request):
    """The instant the test runs at: FIXED_NOW unless the test or its module gives others."""
    return getattr(request, "param", FIXED_NOW)


@pytest.fixture(autouse=True)
def clock(app, now, request):
    """The app's clock at `now` (running on; standing still under `frozen_clock`), reset after.

    Code a test calls outside an app context (factories, direct service calls) reads the
    process clock, so that one is set to the same instant: no test reads the wall clock.
    """
    frozen = request.node.get_closest_marker("frozen_clock") is not None
    clocks = (app.extensions["clock"], WALL_CLOCK)
    for each in clocks:
        each.set(now, frozen=frozen)
    yield app.extensions["clock"]
    for each in clocks:
        each.reset()


@pytest.fixture(autouse=True)
def clean_state(app, fake_wechat, clock):
    """Each test starts with an empty store holding only the triage queue, and a fresh fake."""
    empty_store()
    fake_wechat.reset()
    ensure_triage_queue()
    return


@pytest.fixture(autouse=True)
def query_plan_check(clean_state):
    """Fail the test when a query on a growing collection has no declared index to serve it
    (server/emulators/mongo/query_plan.py; allowed exceptions in its query_allowlist.py)."""
    if not is_embedded():
        yield  # a real MongoDB plans for itself
        return
    query_plan.start()
    yield
    unserved = query_plan.stop()
    if unserved:
        pytest.fail(
            f"{len(unserved)} queries no declared index serves (declare the index in models/,"
            " or allow it with a reason in server/emulators/mongo/query_allowlist.py):\n  "
            + "\n  ".join(unserved),
            pytrace=False,
        )


class ApiClient:
    """Flask's test client that checks the status and returns the JSON body."""

    def __init__(self, client, token=None):
        self.client = client
        self.token = token

    def call(self, method, path, *, status=200, token=USE_DEFAULT, headers=None, **kwargs):
        """Send a request, assert its status, return the JSON body (or the response)."""
        headers = dict(headers or {})
        token = self.token if token is USE_DEFAULT else token
        if token:
            headers["Authorization"] = f"Bearer {token}"
        response = self.client.open(path, method=method, headers=headers, **kwargs)
        assert response.status_code == status, (
            f"{method} {path} -> {response.status_code}, expected {status}: "
            f"{response.get_data(as_text=True)[:800]}"
        )
        if response.mimetype != "application/json" or not response.data:
            return response
        body = response.get_json()
        if status >= 400:
            assert set(body) >= {"code", "message"}, body
            assert "Traceback" not in response.get_data(as_text=True)
        return body

    def get(self, path, **kwargs):
        """GET `path`."""
        return self.call("GET", path, **kwargs)

    def post(self, path, **kwargs):
        """POST `path`."""
        return self.call("POST", path, **kwargs)

    def put(self, path, **kwargs):
        """PUT `path`."""
        return self.call("PUT", path, **kwargs)

    def patch(self, path, **kwargs):
        """PATCH `path`."""
        return self.call("PATCH", path, **kwargs)

    def delete(self, path, **kwargs):
        """DELETE `path`."""
        return self.call("DELETE", path, **kwargs)


@pytest.fixture
def client(app):
    """An anonymous API client."""
    return ApiClient(app.test_client())


@pytest.fixture
def login_parent(app, fake_wechat):
    """Sign a parent in through the API with a fresh wx.login code of `user`; an ApiClient.

    As on a phone, each sign-in gets a new single-use code; the same user keeps one openid
    (`fake_wechat.openid_for(user)`).
    """

    def login(user="parent-code-a"):
        anonymous = ApiClient(app.test_client())
        code = fake_wechat.login_code(user)
        body = anonymous.post("/api/mp/v1/auth/login", json={"code": code})
        return ApiClient(app.test_client(), body["token"])

    return login


@pytest.fixture
def parent(login_parent):
    """A signed-in parent."""
    return login_parent("parent-code-a")


@pytest.fixture
def demo_queues():
    """The demo county's queues, keyed by queue key."""
    return {queue.key: queue for queue in seed_demo_queues()}


@pytest.fixture
def make_staff(demo_queues):
    """Create an account with roles and queue keys; returns it."""

    def make(username, roles, queues=()):
        return make_staff_member(username, roles, queues, password=TEST_PASSWORD)

    return make


@pytest.fixture
def login_staff(app, make_staff):
    """Create an account and sign it in through the API; returns an ApiClient."""

    def login(username="admin", roles=("admin",), queues=()):
        make_staff(username, roles, queues)
        anonymous = ApiClient(app.test_client())
        body = anonymous.post(
            "/api/staff/v1/auth/login", json={"username": username, "password": TEST_PASSWORD}
        )
        return ApiClient(app.test_client(), body["token"])

    return login


@pytest.fixture
def sign_in_staff(app):
    """Sign an existing account in through the API; returns an ApiClient."""

    def sign_in(username):
        anonymous = ApiClient(app.test_client())
        body = anonymous.post(
            "/api/staff/v1/auth/login", json={"username": username, "password": TEST_PASSWORD}
        )
        return ApiClient(app.test_client(), body["token"])

    return sign_in


@pytest.fixture
def admin(login_staff):
    """A signed-in admin."""
    return login_staff("admin", ("admin",))


@pytest.fixture
def security_admin(login_staff):
    """A signed-in security administrator (roles, passwords, second factors, sessions)."""
    return login_staff("security_admin", ("security_admin",))
