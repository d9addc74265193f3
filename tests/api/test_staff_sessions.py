"""Sessions: sign-out revokes its token, the security administrator ends every session of
an account, the console ends a session left idle, and two administrators disabling each
other at once never leave the service without an active one."""

import threading
from datetime import timedelta

from models.staff import Staff
from tests.conftest import TEST_PASSWORD, ApiClient

ME = "/api/staff/v1/me"


def test_a_revoked_token_is_refused(app, login_staff, sign_in_staff):
    clerk = login_staff("clerk", ["viewer"])
    other = sign_in_staff("clerk")
    clerk.post("/api/staff/v1/auth/logout", status=204)
    assert clerk.get(ME, status=401)["code"] == "invalid_token"
    other.get(ME)  # only the token signed out ends


def test_the_security_admin_ends_every_session_of_an_account(
    app, login_staff, sign_in_staff, console_login, security_admin, admin
):
    clerk = login_staff("clerk", ["viewer"])
    browser = console_login("clerk2", ["viewer"])
    staff = Staff.objects.get(username="clerk")
    admin.post(f"/api/staff/v1/staff/{staff.id}/sessions/end", status=403)
    security_admin.post(f"/api/staff/v1/staff/{staff.id}/sessions/end", status=204)
    assert clerk.get(ME, status=401)["code"] == "invalid_token"
    sign_in_staff("clerk").get(ME)  # signing in again works
    other = Staff.objects.get(username="clerk2")
    browser.get("/console/")
    security_admin.post(f"/api/staff/v1/staff/{other.id}/sessions/end", status=204)
    assert browser.get("/console/", status=302).headers["Location"].startswith("/console/login")


def test_an_idle_console_session_ends(app, clock, console_login):
    browser = console_login("clerk", ["viewer"])
    idle = timedelta(minutes=app.config["CONSOLE_IDLE_MINUTES"])
    for _ in range(3):  # in use: each request renews it, past the idle time in total
        clock.advance(idle - timedelta(minutes=1))
        browser.get("/console/")
    clock.advance(idle + timedelta(seconds=1))
    response = browser.get("/console/", status=302)
    assert response.headers["Location"].startswith("/console/login")
    assert "长时间未操作" in browser.page("/console/login")


def _race(app, tokens, first, second):
    """admin1 disables admin2 while admin2 disables admin1; their two statuses."""
    barrier, statuses = threading.Barrier(2), []

    def disable(me, other):
        client = app.test_client()
        barrier.wait()
        response = client.patch(
            f"/api/staff/v1/staff/{other.id}",
            json={"active": False},
            headers={"Authorization": f"Bearer {tokens[me]}"},
        )
        statuses.append(response.status_code)

    threads = [
        threading.Thread(target=disable, args=("admin1", second)),
        threading.Thread(target=disable, args=("admin2", first)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return statuses


def test_twenty_races_of_two_admins_disabling_each_other_leave_one(app, make_staff):
    first, second = make_staff("admin1", ["admin"]), make_staff("admin2", ["admin"])
    tokens = {}
    for staff in (first, second):
        body = ApiClient(app.test_client()).post(
            "/api/staff/v1/auth/login", json={"username": staff.username, "password": TEST_PASSWORD}
        )
        tokens[staff.username] = body["token"]
    for _ in range(20):
        Staff.objects(username__in=["admin1", "admin2"]).update(set__active=True)
        Staff.objects(username__in=["admin1", "admin2"]).update(set__token_version=0)
        statuses = _race(app, tokens, first, second)
        assert Staff.objects(roles="admin", active=True).count() >= 1, statuses
        assert sorted(statuses) in ([200, 401], [200, 409]), statuses
