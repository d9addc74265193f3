"""The security audit through the staff API: what staff do lands in it (sign-ins with their
reason, account changes, second-factor events), the auditor filters and exports it, and
/audit/verify names a tampered entry."""

import csv
import io

import pyotp
from openpyxl import load_workbook

from models.audit import AuditEntry
from models.staff import Staff
from tests.conftest import TEST_PASSWORD, ApiClient

AUDIT = "/api/staff/v1/audit"
LOGIN = "/api/staff/v1/auth/login"


def actions(auditor, **filters):
    return [e["action"] for e in auditor.get(AUDIT, query_string=filters)["items"]]


def test_sign_ins_and_failures_are_audited_with_their_reason(app, login_staff, make_staff):
    make_staff("clerk", ["viewer"])
    anonymous = ApiClient(app.test_client())
    anonymous.post(LOGIN, json={"username": "clerk", "password": "wrong"}, status=401)
    anonymous.post(LOGIN, json={"username": "nobody", "password": "wrong"}, status=401)
    anonymous.post(LOGIN, json={"username": "clerk", "password": TEST_PASSWORD})
    auditor = login_staff("auditor", ["auditor"])
    items = auditor.get(AUDIT, query_string={"target": "staff:clerk"})["items"]
    assert [(e["action"], e["outcome"]) for e in items[:2]] == [
        ("sign_in", "success"),
        ("sign_in_failed", "failure"),
    ]
    failed = items[1]
    assert failed["details"] == {"reason": "bad_credentials", "device": "unknown"}
    assert failed["actor"]["username"] == "clerk"
    assert failed["client_addr"] == "127.0.0.1"
    assert failed["action_label"] == "登录失败"
    assert items[0]["actor"]["roles"] == ["viewer"]
    assert TEST_PASSWORD not in str(auditor.get(AUDIT))


def test_account_changes_and_second_factor_events_are_audited(
    app, admin, security_admin, login_staff, now
):
    body = {"username": "newbie", "name": "新人", "password": "Kettle-Lamp-42", "roles": ["viewer"]}
    created = admin.post("/api/staff/v1/staff", json=body, status=201)
    security_admin.patch(f"/api/staff/v1/staff/{created['id']}", json={"roles": ["dispatcher"]})
    security_admin.patch(
        f"/api/staff/v1/staff/{created['id']}", json={"password": "Violet-Stone-77"}
    )
    admin.patch(f"/api/staff/v1/staff/{created['id']}", json={"active": False})
    admin.post(f"/api/staff/v1/staff/{created['id']}/unlock", status=204)
    clerk = login_staff("clerk", ["viewer"])
    started = clerk.post("/api/staff/v1/me/mfa", status=201)
    code = pyotp.TOTP(started["secret"]).at(now)
    clerk.post("/api/staff/v1/me/mfa/confirm", json={"code": code})
    clerk.post("/api/staff/v1/auth/logout", status=204)
    auditor = login_staff("auditor", ["auditor"])
    assert actions(auditor, target="staff:newbie") == [
        "account_unlocked",
        "account_disabled",
        "password_reset",
        "roles_changed",
        "account_created",
    ]
    roles = auditor.get(AUDIT, query_string={"action": "roles_changed"})["items"][0]
    assert roles["details"] == {"from": ["viewer"], "to": ["dispatcher"]}
    assert roles["actor"]["username"] == "security_admin"
    assert actions(auditor, actor="clerk")[:4] == [
        "sign_out",
        "mfa_enrolled",
        "mfa_enrol_started",
        "sign_in",
    ]
    assert started["secret"] not in str(auditor.get(AUDIT, query_string={"per_page": 100}))


def test_the_auditor_filters_by_time_and_exports(app, clock, login_staff, make_staff, now):
    auditor = login_staff("auditor", ["auditor"])
    today = auditor.get(AUDIT)["items"][0]["at"][:10]
    assert auditor.get(AUDIT, query_string={"from": today, "to": today})["total"] >= 1
    assert auditor.get(AUDIT, query_string={"from": "2001-01-01", "to": "2001-01-02"})["total"] == 0
    bad = auditor.get(AUDIT, query_string={"action": "nonsense"}, status=400)
    assert "action" in bad["errors"]
    xlsx = auditor.get(f"{AUDIT}/export", query_string={"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "时间", "操作人")
    assert "登录成功" in [row[5] for row in rows[1:]]
    text = auditor.get(f"{AUDIT}/export", query_string={"format": "csv"}).data.decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0][0] == "序号"
    assert actions(auditor)[0] == "exported"  # the exports themselves are audited


def test_verify_names_the_entry_altered_in_the_store(login_staff, make_staff):
    auditor = login_staff("auditor", ["auditor"])
    assert auditor.get(f"{AUDIT}/verify")["ok"] is True
    AuditEntry._get_collection().update_one({"seq": 1}, {"$set": {"outcome": "failure"}})
    verdict = auditor.get(f"{AUDIT}/verify")
    assert (verdict["ok"], verdict["problem"], verdict["seq"]) == (False, "altered", 1)
    assert verdict["retention_days"] == 365
    assert "第 1 条" in verdict["message"]


def test_an_enrolled_sign_in_without_its_code_is_audited_as_mfa_required(app, login_staff, now):
    clerk = login_staff("clerk", ["viewer"])
    started = clerk.post("/api/staff/v1/me/mfa", status=201)
    clerk.post("/api/staff/v1/me/mfa/confirm", json={"code": pyotp.TOTP(started["secret"]).at(now)})
    ApiClient(app.test_client()).post(
        LOGIN, json={"username": "clerk", "password": TEST_PASSWORD}, status=401
    )
    auditor = login_staff("auditor", ["auditor"])
    failed = auditor.get(AUDIT, query_string={"action": "sign_in_failed"})["items"][0]
    assert failed["details"]["reason"] == "mfa_required"
    assert Staff.objects.get(username="clerk").mfa_secret not in str(failed)
