"""Sign-in hardening through the staff API and the console: the same work for unknown and
known usernames, at most 5 password checks per username and address however many requests
race, no lockout an outsider can cause, admins' unlock, and a console logout that ends the
session on the server."""

import resource
import statistics
import threading
import time

import pytest
from werkzeug.security import check_password_hash, generate_password_hash

from models.infra import RateWindow
from server import create_app
from server.services.common import passwords
from tests.conftest import TEST_PASSWORD, ApiClient, app_config
from tests.support.console_client import ConsoleClient

LOGIN = "/api/staff/v1/auth/login"
# A hash that costs what a production one does (tens of ms), so skipping it would show.
SLOW_HASH = "pbkdf2:sha256:100000"
SLOWER_HASH = "pbkdf2:sha256:600000"


@pytest.fixture
def slow_app(fake_wechat):
    """An app hashing passwords at a realistic cost (the session app uses a cheap hash).

    create_app sets the process-wide hash method from its config; put the session's back
    afterwards, or every later test would hash slowly.
    """
    before = passwords.settings["method"]
    try:
        yield create_app(app_config(fake_wechat, PASSWORD_HASH_METHOD=SLOW_HASH))
    finally:
        passwords.settings["method"] = before


@pytest.fixture
def slower_app(fake_wechat):
    """`slow_app` with a hash six times dearer, so a check's CPU stands far above a request's
    own (which a faked clock, libfaketime, multiplies)."""
    before = passwords.settings["method"]
    try:
        yield create_app(app_config(fake_wechat, PASSWORD_HASH_METHOD=SLOWER_HASH))
    finally:
        passwords.settings["method"] = before


class _Client(ApiClient):
    """An ApiClient sending every request from one client address."""

    def __init__(self, app, address):
        super().__init__(app.test_client())
        self.client.environ_base["REMOTE_ADDR"] = address


def cpu_seconds():
    """CPU time this process has used, all threads."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_parallel(attempt, count):
    """Run `attempt` in `count` threads released together; the CPU seconds they took."""
    threads = [threading.Thread(target=attempt) for _ in range(count)]
    before = cpu_seconds()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return cpu_seconds() - before


def cost_of_one_check(method=SLOW_HASH):
    """CPU seconds of one check of a password hashed by `method` (werkzeug's, not ours)."""
    stored = generate_password_hash("something", method=method)
    before = cpu_seconds()
    for _ in range(3):
        check_password_hash(stored, "other")
    return (cpu_seconds() - before) / 3


def login(app, username, password, *, address="10.0.0.1", status):
    return _Client(app, address).post(
        LOGIN, json={"username": username, "password": password}, status=status
    )


def test_unknown_and_known_usernames_take_the_same_time(slow_app, make_staff):
    make_staff("realuser", ["viewer"])
    timings = {"known": [], "unknown": []}
    for round_no in range(8):  # interleaved, each from a fresh address: no limit kicks in
        for kind, username in (("known", "realuser"), ("unknown", "nosuchuser")):
            started = time.perf_counter()
            login(slow_app, username, "wrong-password", address=f"10.1.{round_no}.1", status=401)
            timings[kind].append(time.perf_counter() - started)
    known, unknown = (statistics.median(timings[k]) for k in ("known", "unknown"))
    print(f"median login: known {known * 1000:.1f} ms, unknown {unknown * 1000:.1f} ms")
    assert known / 2 <= unknown <= known * 2, timings


def test_thirty_parallel_wrong_passwords_check_at_most_five(slower_app, make_staff):
    make_staff("target", ["admin"])
    statuses, lock = [], threading.Lock()
    start = threading.Barrier(30)

    def attempt():
        client = _Client(slower_app, "10.2.0.1")
        start.wait()
        response = client.client.post(LOGIN, json={"username": "target", "password": "guess"})
        with lock:
            statuses.append(response.status_code)

    cpu_used = run_parallel(attempt, 30)
    # A 401 is a checked password; a 429 was refused before any check.
    assert 1 <= statuses.count(401) <= 5, statuses
    assert statuses.count(401) + statuses.count(429) == 30, statuses
    # And no password was checked only to be thrown away: beyond what 30 sign-ins that no
    # implementation checks cost (a body without a password, 400), the process spent the
    # CPU of a handful of checks, not of 30 (CPU time, not wall time, so neither a busy
    # machine nor a faked clock changes it).
    refused = []

    def malformed():
        client = _Client(slower_app, "10.2.0.2")
        start.wait()
        refused.append(client.client.post(LOGIN, json={"username": "target"}).status_code)

    refused_only = run_parallel(malformed, 30)
    assert refused == [400] * 30, refused
    one_check = cost_of_one_check(SLOWER_HASH)
    print(f"30 parallel attempts: {cpu_used:.2f} s CPU, 30 refused: {refused_only:.2f} s")
    assert cpu_used - refused_only < 10 * one_check, (cpu_used, refused_only, one_check)
    # Even the right password is refused from that address now...
    assert login(slower_app, "target", TEST_PASSWORD, address="10.2.0.1", status=429)["code"] == (
        "locked"
    )
    # ...but the real user elsewhere signs in: the guesser did not lock the account.
    login(slower_app, "target", TEST_PASSWORD, address="10.9.9.9", status=200)


def test_an_outsider_cannot_lock_the_real_user_out(client, make_staff):
    make_staff("clerk", ["viewer"])
    for _ in range(5):
        login(client.client.application, "clerk", "wrong", address="203.0.113.7", status=401)
    assert login(client.client.application, "clerk", "x", address="203.0.113.7", status=429)[
        "code"
    ] == ("locked")
    login(client.client.application, "clerk", TEST_PASSWORD, address="10.0.0.8", status=200)


def test_many_addresses_slow_the_account_down_instead_of_locking_it(app, make_staff):
    make_staff("clerk", ["viewer"])
    for i in range(20):  # a guessing campaign spread over addresses
        login(app, "clerk", "wrong", address=f"198.51.100.{i}", status=401)
    # Now one password check per 10 seconds for the whole account: the first passes...
    login(app, "clerk", TEST_PASSWORD, address="10.0.0.8", status=200)
    # ...the next within the same 10 s waits, and says how long.
    body = login(app, "clerk", TEST_PASSWORD, address="10.0.0.9", status=429)
    assert body["code"] == "locked"
    assert "10 秒" in body["message"]
    # Once the spacing has passed (aged in the store), the real user is in again.
    slot = RateWindow.objects.get(key="staff-login-slot:clerk")
    slot.update(set__started_at=slot.started_at.replace(year=slot.started_at.year - 1))
    login(app, "clerk", TEST_PASSWORD, address="10.0.0.9", status=200)


def test_an_address_the_user_signed_in_from_is_not_slowed_down(app, make_staff):
    make_staff("clerk", ["viewer"])
    login(app, "clerk", TEST_PASSWORD, address="10.0.0.8", status=200)  # the office, earlier
    for i in range(25):  # then a campaign from elsewhere, holding the account's one slot
        login(app, "clerk", "wrong", address=f"198.51.100.{i}", status=(401 if i < 21 else 429))
    for _ in range(3):  # the office signs in as often as it likes
        login(app, "clerk", TEST_PASSWORD, address="10.0.0.8", status=200)
    assert login(app, "clerk", TEST_PASSWORD, address="10.0.0.9", status=429)["code"] == "locked"


def test_an_admin_unlocks_through_the_staff_api(app, admin, make_staff):
    staff = make_staff("clerk", ["viewer"])
    for _ in range(5):
        login(app, "clerk", "wrong", status=401)
    login(app, "clerk", TEST_PASSWORD, status=429)
    _Client(app, "10.0.0.1").post(f"/api/staff/v1/staff/{staff.id}/unlock", status=401)
    admin.post(f"/api/staff/v1/staff/{staff.id}/unlock", status=204)
    login(app, "clerk", TEST_PASSWORD, status=200)


def test_only_admins_may_unlock(login_staff, make_staff):
    staff = make_staff("clerk", ["viewer"])
    dispatcher = login_staff("disp", ["dispatcher"])
    body = dispatcher.post(f"/api/staff/v1/staff/{staff.id}/unlock", status=403)
    assert body["code"] == "forbidden"


def test_an_admin_unlocks_in_the_console(app, console_login, make_staff):
    staff = make_staff("clerk", ["viewer"])
    for _ in range(5):
        login(app, "clerk", "wrong", address="127.0.0.1", status=401)
    browser = ConsoleClient(app.test_client())
    browser.login("clerk", status=429)
    admin = console_login()
    admin.get(f"/console/accounts/{staff.id}")
    admin.post(f"/console/accounts/{staff.id}/unlock")
    assert "已解除登录限制" in admin.page(f"/console/accounts/{staff.id}")
    browser.login("clerk")


def test_a_cookie_copied_before_logout_is_refused_after_it(app, console_login):
    browser = console_login("clerk", ["viewer"])
    browser.get("/console/")
    copied = browser.client.get_cookie("sj_console", path="/console").value
    browser.post("/console/logout")
    thief = app.test_client()
    thief.set_cookie("sj_console", copied, path="/console")
    response = thief.get("/console/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/console/login")


def test_a_copied_cookie_works_until_logout(app, console_login):
    """The control for the test above: the copy itself is a working session."""
    browser = console_login("clerk", ["viewer"])
    copied = browser.client.get_cookie("sj_console", path="/console").value
    other = app.test_client()
    other.set_cookie("sj_console", copied, path="/console")
    assert other.get("/console/").status_code == 200


def test_behind_a_proxy_the_forwarded_address_is_what_counts(fake_wechat, make_staff):
    """With PROXY_HOPS=1 every request arrives from the proxy; the limits must still tell
    the guesser (one X-Forwarded-For) from the real user (another)."""
    proxied = create_app(app_config(fake_wechat, PROXY_HOPS=1))
    make_staff("clerk", ["viewer"])
    guesser = {"X-Forwarded-For": "203.0.113.7"}
    client = ApiClient(proxied.test_client())
    for _ in range(5):
        client.post(LOGIN, json={"username": "clerk", "password": "x"}, headers=guesser, status=401)
    client.post(LOGIN, json={"username": "clerk", "password": "x"}, headers=guesser, status=429)
    real_user = {"X-Forwarded-For": "10.0.0.8"}
    body = {"username": "clerk", "password": TEST_PASSWORD}
    client.post(LOGIN, json=body, headers=real_user, status=200)
