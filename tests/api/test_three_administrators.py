"""三员分立: the system administrator, the security administrator and the auditor each do
their own part and nothing of the others'; the auditor reads the audit and nothing else."""

import pytest

from models.staff import Staff
from server.services.demo.county import seed_staff

WORK = [
    "/api/staff/v1/complaints",
    "/api/staff/v1/institutions",
    "/api/staff/v1/stats",
    "/api/staff/v1/ledger/export",
    "/api/staff/v1/queues",
    "/api/staff/v1/holidays",
    "/api/staff/v1/notices",
    "/api/staff/v1/rectifications",
    "/api/staff/v1/staff",
    "/api/staff/v1/routing-rules",
]
AUDIT = ["/api/staff/v1/audit", "/api/staff/v1/audit/verify", "/api/staff/v1/audit/export"]


@pytest.fixture
def auditor(login_staff):
    """A signed-in auditor."""
    return login_staff("auditor", ("auditor",))


def test_the_auditor_reads_the_audit_and_nothing_else(auditor):
    for path in AUDIT:
        auditor.get(path)
    for path in WORK:
        assert auditor.get(path, status=403)["code"] == "forbidden", path
    assert auditor.get("/api/staff/v1/me")["roles"] == ["auditor"]


@pytest.mark.parametrize("role", ["admin", "security_admin", "dispatcher", "viewer", "handler"])
def test_no_one_but_the_auditor_reads_the_audit(login_staff, role):
    other = login_staff("someone", [role])
    for path in AUDIT:
        assert other.get(path, status=403)["code"] == "forbidden", path


def test_the_security_admin_manages_credentials_but_not_the_work(security_admin):
    security_admin.get("/api/staff/v1/staff")
    for path in WORK[:-2]:
        security_admin.get(path, status=403)


def test_the_console_keeps_the_auditor_to_the_audit(console_login):
    browser = console_login("auditor", ["auditor"])
    for path in ("/console/", "/console/complaints", "/console/institutions", "/console/stats"):
        response = browser.get(path, status=302)
        assert response.headers["Location"].endswith("/console/audit"), path
    browser.get("/console/accounts", status=403)
    assert "安全审计" in browser.page("/console/audit")


def test_the_admin_cannot_open_the_audit_in_the_console(console_login):
    browser = console_login("admin", ["admin"])
    browser.get("/console/audit", status=403)
    assert "安全审计" not in browser.page("/console/")


def test_the_demo_county_has_the_three_administrators(app):
    seed_staff("demo-password")
    for username in ("admin", "security_admin", "auditor"):
        assert Staff.objects.get(username=username).roles == [username]
