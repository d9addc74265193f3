"""Anonymisation after retention scrubs every free text: description, supplements, timeline,
staff replies and reasons, notes, measures, the rating's comment and audit details."""

import json
import re
from datetime import timedelta

from models.complaint import Complaint
from server.worker import run_once
from tests.support.complaint_support import body_for, make_institution, submit

STAFF = "/api/staff/v1/complaints"
PHONE = "13812345678"
ID_CARD = "11010519491231002X"
# Any 11-digit mobile however spaced, an 18-digit ID, an e-mail address; not a run of
# digits inside a longer hexadecimal id (an ObjectId may hold one).
ALONE = r"(?<![0-9A-Za-z]){}(?![0-9A-Za-z])"
LEAKS = re.compile(ALONE.format(r"(?:1[3-9](?:[ -]?\d){9}|\d{17}[\dX])") + r"|[\w.]+@\w+\.\w+")


def act(staff, no, action, **fields):
    """One staff action on the complaint at its current version; the answer."""
    version = staff.get(f"{STAFF}/{no}")["version"]
    body = {"action": action, "version": version, **fields}
    return staff.post(f"{STAFF}/{no}/actions", json=body)


def file_with_personal_text(parent, admin, login_staff):
    """A complaint whose every free text carries identifiers, resolved and rated; its no
    and the handler's client."""
    description = f"孩子叫张三，被收费。我电话 138 1234 5678，身份证{ID_CARD}，编号别写错。"
    body = body_for(make_institution(), description=description, contact_phone=PHONE)
    no = submit(parent, body)["no"]
    queue = admin.get(f"{STAFF}/{no}")["queue"]["key"]
    staff = login_staff("handler_x", ("handler",), (queue,))
    act(admin, no, "accept_assign", assignee=staff.get("/api/staff/v1/me")["id"])
    act(staff, no, "note", text=f"家长另留手机 139-0000-1111，邮箱 zs@qq.com，回电 {PHONE}")
    act(staff, no, "request_info", message="请补充收据，勿写电话 138 1234 5678")
    parent.post(
        f"/api/mp/v1/complaints/{no}/supplements",
        json={"text": f"收据见附件，退款卡号 6222021200001234561，电话{PHONE}"},
        status=201,
    )
    act(staff, no, "reply", message="已联系家长 13812345678 核实")
    act(
        staff,
        no,
        "resolve",
        outcome="substantiated",
        message="已责令退费，经办人电话 0571-88123456",
        measures=f"约谈负责人，家长 {PHONE} 已确认",
    )
    rating = {"score": "satisfied", "comment": f"谢谢，有事打{PHONE}"}
    parent.post(f"/api/mp/v1/complaints/{no}/rating", json=rating, status=201)
    return no, staff


def test_after_retention_no_identifier_survives_in_what_staff_read(
    app, parent, admin, login_staff, demo_queues, now
):
    no, staff = file_with_personal_text(parent, admin, login_staff)
    before = json.dumps(staff.get(f"{STAFF}/{no}"), ensure_ascii=False)
    assert PHONE in before  # the test puts them there
    later = now + timedelta(days=400)
    Complaint._get_collection().update_one(
        {"no": no}, {"$set": {"status": "closed", "closed_at": now}}
    )
    assert run_once(app, now=later, retention=True)["retention"]["anonymised"] == 1
    detail = staff.get(f"{STAFF}/{no}")
    text = json.dumps(detail, ensure_ascii=False)
    assert LEAKS.findall(text) == []
    assert "张三" not in text
    assert "0571-88123456" not in text
    assert "6222021200001234561" not in text
    assert no in text  # the tracking number is kept
    assert "〔已删除〕" in detail["description"]
    assert detail["description"].endswith("编号别写错。")
    assert detail["contact_phone"] is None
    raw = json.dumps(Complaint._get_collection().find_one({"no": no}), default=str)
    assert LEAKS.findall(raw) == []
    assert detail["audit"][-1]["action"] == "anonymise"
