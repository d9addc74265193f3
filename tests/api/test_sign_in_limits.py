"""Sign-in hardening through the staff API and the console: the same work for unknown and
known usernames, at most 5 password checks per budget however many requests race, device
cookies so that no outsider (rotating addresses, a colleague at the same office address)
locks a known device out, administrators' unlock, and a console logout that ends the
session on the server."""

import resource
import statistics
import threading
import time
from datetime import timedelta

import pytest
from werkzeug.security import check_password_hash, generate_password_hash

from models.infra import RateWindow
from server.app import create_app
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


def login(app, username, password, *, address="10.0.0.1", device=None, status):
    body = {"username": username, "password": password}
    if device:
        body["device_token"] = device
    return _Client(app, address).post(LOGIN, json=body, status=status)


def known_device(app, username, address="10.0.0.8"):
    """The device token a successful sign-in hands the real user's browser."""
    return login(app, username, TEST_PASSWORD, address=address, status=200)["device_token"]


def test_unknown_and_known_usernames_take_the_same_time(slow_app, make_staff):
    make_staff("realuser", ["viewer"])
    timings = {"known": [], "unknown": []}
    for round_no in range(8):  # interleaved, budgets cleared: no limit kicks in
        RateWindow.objects.delete()
        for kind, username in (("known", "realuser"), ("unknown", "nosuchuser")):
            started = time.perf_counter()
            login(slow_app, username, "wrong-password", address=f"10.1.{round_no}.1", status=401)
            timings[kind].append(time.perf_counter() - started)
    known, unknown = (statistics.median(timings[k]) for k in ("known", "unknown"))
    print(f"median login: known {known * 1000:.1f} ms, unknown {unknown * 1000:.1f} ms")
    assert known / 2 <= unknown <= known * 2, timings


def test_thirty_parallel_wrong_passwords_check_at_most_five(slower_app, make_staff):
    make_staff("target", ["admin"])
    device = known_device(slower_app, "target")
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
    # Even the right password is refused from unknown clients now...
    assert login(slower_app, "target", TEST_PASSWORD, address="10.9.9.9", status=429)["code"] == (
        "locked"
    )
    # ...but the real user's known device signs in: the guesser did not lock it out.
    login(slower_app, "target", TEST_PASSWORD, address="10.2.0.1", device=device, status=200)


def test_rotating_addresses_never_keep_the_known_device_out(app, clock, make_staff):
    """Three guesses a second from 20 rotating addresses for a minute: the unknown-client
    budget spends 5 password checks, and the real user's device signs in every time."""
    make_staff("clerk", ["viewer"])
    device = known_device(app, "clerk")
    checked = 0
    for guess in range(180):
        address = f"198.51.100.{guess % 20}"
        body = {"username": "clerk", "password": f"guess-{guess}"}
        response = _Client(app, address).client.post(LOGIN, json=body)
        assert response.status_code in (401, 429)
        checked += response.status_code == 401
        if guess % 10 == 0:  # the real user, every few seconds, from the known device
            login(app, "clerk", TEST_PASSWORD, address="10.0.0.8", device=device, status=200)
        clock.advance(timedelta(seconds=1 / 3))
    assert checked == 5


def test_a_colleague_at_the_office_address_does_not_lock_a_known_device(app, make_staff):
    make_staff("clerk", ["viewer"])
    device = known_device(app, "clerk", address="10.0.0.8")
    for _ in range(5):  # a colleague's typos, the same office address, another browser
        login(app, "clerk", "wrong", address="10.0.0.8", status=401)
    assert login(app, "clerk", TEST_PASSWORD, address="10.0.0.8", status=429)["code"] == "locked"
    login(app, "clerk", TEST_PASSWORD, address="10.0.0.8", device=device, status=200)


def test_unknown_clients_get_five_checks_per_fifteen_minutes(app, clock, make_staff):
    make_staff("clerk", ["viewer"])
    for i in range(5):
        login(app, "clerk", "wrong", address=f"203.0.113.{i}", status=401)
    login(app, "clerk", TEST_PASSWORD, address="203.0.113.99", status=429)
    clock.advance(timedelta(minutes=15, seconds=1))
    login(app, "clerk", TEST_PASSWORD, address="203.0.113.99", status=200)


def test_a_device_that_fails_five_times_locks_only_itself(app, make_staff):
    make_staff("clerk", ["viewer"])
    stolen = known_device(app, "clerk", address="10.0.0.8")
    mine = known_device(app, "clerk", address="10.0.0.9")
    for _ in range(5):
        login(app, "clerk", "wrong", device=stolen, status=401)
    login(app, "clerk", TEST_PASSWORD, device=stolen, status=429)
    login(app, "clerk", TEST_PASSWORD, device=mine, status=200)
    login(app, "clerk", TEST_PASSWORD, status=200)  # unknown clients still have theirs


def test_a_device_token_of_another_account_or_forged_counts_as_unknown(app, make_staff):
    make_staff("clerk", ["viewer"])
    make_staff("other", ["viewer"])
    others = known_device(app, "other")
    for device in (others, others[:-2] + "xx", "not-a-token"):
        login(app, "clerk", "wrong", device=device, status=401)
    for _ in range(2):
        login(app, "clerk", "wrong", status=401)
    login(app, "clerk", TEST_PASSWORD, device=others, status=429)


@pytest.mark.parametrize("who", ["admin", "security_admin"])
def test_administrators_unlock_through_the_staff_api(app, login_staff, make_staff, who):
    staff = make_staff("clerk", ["viewer"])
    unlocker = login_staff(who, [who])
    for _ in range(5):
        login(app, "clerk", "wrong", status=401)
    login(app, "clerk", TEST_PASSWORD, status=429)
    _Client(app, "10.0.0.1").post(f"/api/staff/v1/staff/{staff.id}/unlock", status=401)
    unlocker.post(f"/api/staff/v1/staff/{staff.id}/unlock", status=204)
    login(app, "clerk", TEST_PASSWORD, status=200)


@pytest.mark.parametrize("role", ["dispatcher", "auditor"])
def test_only_administrators_may_unlock(login_staff, make_staff, role):
    staff = make_staff("clerk", ["viewer"])
    other = login_staff("someone", [role])
    body = other.post(f"/api/staff/v1/staff/{staff.id}/unlock", status=403)
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


def test_the_console_keeps_its_device_cookie(app, make_staff):
    make_staff("clerk", ["viewer"])
    browser = ConsoleClient(app.test_client())
    browser.login("clerk")
    assert browser.client.get_cookie("sj_device", path="/console") is not None
    browser.post("/console/logout")
    for _ in range(5):
        login(app, "clerk", "wrong", address="127.0.0.1", status=401)
    browser.login("clerk")  # the same browser: its own budget


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
