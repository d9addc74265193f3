"""Staff actions in detail: inputs, races, the audit of a whole life cycle, the parent's view."""

import sys
import threading

import pytest

from models.complaint import Complaint
from models.parent import Parent
from tests.support.complaint_support import COMPLAINTS, body_for, submit
from tests.support.factories import ComplaintFactory, complaint_in

BASE = "/api/staff/v1/complaints"
ROUNDS = 20


def act(staff, no, action, status=200, **fields):
    """POST an action at the complaint's current version."""
    version = Complaint.objects.get(no=no).version
    body = {"action": action, "version": version, **fields}
    return staff.post(f"{BASE}/{no}/actions", json=body, status=status)


@pytest.fixture
def dispatcher(login_staff):
    """A signed-in dispatcher."""
    return login_staff("dispatcher", ("dispatcher",))


@pytest.fixture
def busy_switching():
    """Switch threads every microsecond so the two requests really interleave."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def race(clients, complaint):
    """One staff member accepts while another rejects, both at the version they saw."""
    barrier = threading.Barrier(2)
    results = []

    def attempt(client, action, extra):
        barrier.wait()
        body = {"action": action, "version": complaint.version, **extra}
        headers = {"Authorization": f"Bearer {client.token}"}
        response = client.client.post(f"{BASE}/{complaint.no}/actions", json=body, headers=headers)
        results.append((action, response.status_code, response.get_json().get("code")))

    threads = [
        threading.Thread(target=attempt, args=(clients[0], "accept", {})),
        threading.Thread(target=attempt, args=(clients[1], "reject", {"reason": "重复投诉"})),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_staff_acting_on_one_version_cannot_both_succeed(login_staff, busy_switching):
    clients = [login_staff(f"dispatcher{i}", ("dispatcher",)) for i in range(2)]
    for round_ in range(ROUNDS):
        complaint = ComplaintFactory()
        results = race(clients, complaint)
        assert sorted(status for _, status, _ in results) == [200, 409], (round_, results)
        assert [code for _, status, code in results if status == 409] == ["version_conflict"]
        winner = next(action for action, status, _ in results if status == 200)
        stored = Complaint.objects.get(pk=complaint.pk)
        assert stored.status == {"accept": "accepted", "reject": "rejected"}[winner]
        assert (stored.version, [a.action for a in stored.audit]) == (2, [winner])
        assert len(stored.outbox) == 1
        assert len(stored.timeline) == 1


def test_a_stale_version_is_refused_with_409(dispatcher):
    complaint = ComplaintFactory()
    act(dispatcher, complaint.no, "note", text="先看看")
    body = {"action": "accept", "version": 1}
    answer = dispatcher.post(f"{BASE}/{complaint.no}/actions", json=body, status=409)
    assert answer["code"] == "version_conflict"
    for bad in (None, "2", True, 0):
        body = {"action": "accept", "version": bad}
        answer = dispatcher.post(f"{BASE}/{complaint.no}/actions", json=body, status=400)
        assert answer["errors"] == {"version": "请提供所查看投诉的版本号 version"}


@pytest.mark.parametrize(
    ("status", "action", "fields", "errors"),
    [
        ("submitted", "fly", {}, {"action"}),
        ("submitted", "reject", {}, {"reason"}),
        ("submitted", "reject", {"reason": "  "}, {"reason"}),
        ("submitted", "reject", {"reason": "长" * 501}, {"reason"}),
        ("accepted", "assign", {"assignee": "nobody"}, {"assignee"}),
        ("submitted", "transfer", {"queue": "mars", "reason": "x"}, {"queue"}),
        ("submitted", "transfer", {"queue": "triage", "reason": "x"}, {"queue"}),
        ("submitted", "transfer", {"queue": "sports"}, {"reason"}),
        ("in_progress", "resolve", {"outcome": "maybe", "message": "x"}, {"outcome"}),
        ("in_progress", "resolve", {"outcome": "substantiated"}, {"message"}),
        ("submitted", "merge", {"into": "TS000000000000"}, {"into"}),
        ("submitted", "note", {"text": 5}, {"text"}),
    ],
)
def test_bad_input_names_the_field(status, action, fields, errors, dispatcher):
    complaint = complaint_in(status)
    answer = act(dispatcher, complaint.no, action, status=400, **fields)
    assert answer["code"] in ("validation_error", "malformed_json")
    assert set(answer["errors"]) == errors
    assert Complaint.objects.get(pk=complaint.pk).version == 1


def test_assign_takes_only_an_active_handler_of_the_queue(dispatcher, make_staff, demo_queues):
    complaint = complaint_in("accepted", queue=demo_queues["training"])
    outsider = make_staff("handler_sports", ["handler"], ["sports"])
    retired = make_staff("handler_old", ["handler"], ["training"])
    retired.update(active=False)
    viewer = make_staff("viewer_training", ["viewer"], ["training"])
    for person in (outsider, retired, viewer):
        act(dispatcher, complaint.no, "assign", status=400, assignee=str(person.pk))
    handler = make_staff("handler_training", ["handler"], ["training"])
    body = act(dispatcher, complaint.no, "assign", assignee=str(handler.pk))
    assert body["assignee"] == {
        "id": str(handler.pk),
        "username": "handler_training",
        "name": "handler_training",
    }
    assert body["status"] == "in_progress"


def test_transfer_records_the_routing_decision(login_staff, demo_queues):
    complaint = complaint_in(
        "submitted",
        queue=demo_queues["training"],
        routing={"rule": None, "rule_name": "默认", "queue": "training"},
    )
    handler = login_staff("handler_training", ("handler",), ("training",))
    body = act(handler, complaint.no, "transfer", queue="sports", reason="体育类机构归体育局")
    assert body["queue"]["key"] == "sports"
    assert body["assignee"] is None
    assert body["routing"]["rule_name"] == "人工转办"
    assert body["routing"]["by"] == "handler_training"
    assert body["routing"]["previous"]["rule_name"] == "默认"
    assert body["audit"][-1]["detail"] == {
        "from_queue": "training",
        "to_queue": "sports",
        "reason": "体育类机构归体育局",
    }
    assert body["timeline"] == []
    assert Complaint.objects.get(pk=complaint.pk).outbox == []
    handler.get(f"{BASE}/{complaint.no}", status=404)  # it left the handler's queue


def test_extend_only_once(dispatcher):
    complaint = complaint_in("accepted")
    first = act(dispatcher, complaint.no, "extend", reason="需联合执法")
    assert first["extended"] is True
    again = act(dispatcher, complaint.no, "extend", status=422, reason="还要再查")
    assert (again["code"], again["message"]) == ("invalid_transition", "办理期限只能延长一次")


def test_merge_refuses_a_finished_target(dispatcher):
    target = complaint_in("resolved")
    complaint = complaint_in("accepted")
    assert act(dispatcher, complaint.no, "merge", status=422, into=target.no)["code"] == (
        "invalid_transition"
    )
    assert act(dispatcher, complaint.no, "merge", status=400, into=complaint.no)["errors"]


def test_merged_parent_hears_the_outcome_of_the_target(dispatcher, make_staff, fake_wechat):
    handler = make_staff("handler_triage", ["handler"], ["triage"])
    target = complaint_in("in_progress", assignee=handler)
    duplicate = complaint_in("accepted", parent=Parent(openid="o-duplicate").save())
    act(dispatcher, duplicate.no, "merge", into=target.no)
    target_audit = Complaint.objects.get(pk=target.pk).audit
    assert [(a.action, a.detail) for a in target_audit] == [("merged_in", {"from": duplicate.no})]
    act(
        dispatcher,
        target.no,
        "resolve",
        outcome="partly_substantiated",
        message="已约谈",
        measures="责令退费",
    )
    merged = Complaint.objects.get(pk=duplicate.pk)
    assert merged.status == "merged"
    assert merged.outcome == "partly_substantiated"
    assert merged.timeline[-1].message == f"合并办理的投诉 {target.no} 已办结：部分属实。已约谈"
    assert [m.data["phrase2"]["value"] for m in merged.outbox] == ["已合并", "已办结"]
    assert merged.audit[-1].action == "merged_outcome"


def test_full_life_cycle_is_on_the_record_and_the_parent_sees_public_steps_only(
    dispatcher, login_staff, make_staff, parent
):
    handler_doc = make_staff("handler_training", ["handler"], ["training"])
    no = submit(parent, body_for())["no"]  # a free-text institution: routed to triage
    act(dispatcher, no, "accept")
    act(dispatcher, no, "note", text="疑似隐形变异培训")
    act(dispatcher, no, "transfer", queue="training", reason="学科类培训归监管股")
    handler = login_staff("handler_training2", ("handler",), ("training",))
    act(handler, no, "assign", assignee=str(handler_doc.pk))
    act(handler, no, "request_info", message="请补充收费凭证")
    parent.post(f"{COMPLAINTS}/{no}/supplements", json={"text": "凭证见附件说明"}, status=201)
    act(handler, no, "reply", message="已联系机构核实")
    act(handler, no, "extend", reason="需联合执法")
    act(handler, no, "resolve", outcome="substantiated", message="已责令退费", measures="约谈")
    parent.post(f"{COMPLAINTS}/{no}/rating", json={"score": "dissatisfied"}, status=201)
    act(handler, no, "resolve", outcome="substantiated", message="已退费到账")
    parent.post(
        f"{COMPLAINTS}/{no}/rating", json={"score": "satisfied", "comment": "谢谢"}, status=201
    )
    audit = dispatcher.get(f"{BASE}/{no}")["audit"]
    assert [(a["by"], a["action"], a["from"], a["to"]) for a in audit] == [
        ("parent", "submit", None, "submitted"),
        ("dispatcher", "accept", "submitted", "accepted"),
        ("dispatcher", "note", "accepted", "accepted"),
        ("dispatcher", "transfer", "accepted", "accepted"),
        ("handler_training2", "assign", "accepted", "in_progress"),
        ("handler_training2", "request_info", "in_progress", "need_info"),
        ("parent", "supplement", "need_info", "in_progress"),
        ("handler_training2", "reply", "in_progress", "in_progress"),
        ("handler_training2", "extend", "in_progress", "in_progress"),
        ("handler_training2", "resolve", "in_progress", "resolved"),
        ("parent", "rating", "resolved", "reopened"),
        ("handler_training2", "resolve", "reopened", "resolved"),
        ("parent", "rating", "resolved", "closed"),
    ]
    assert all(a["at"] for a in audit)
    seen = parent.get(f"{COMPLAINTS}/{no}")  # the parent's own view
    assert seen["status"] == "closed"
    assert [(t["kind"], t["status"]) for t in seen["timeline"]] == [
        ("status", "submitted"),
        ("status", "accepted"),
        ("status", "in_progress"),
        ("status", "need_info"),
        ("supplement", "in_progress"),
        ("reply", "in_progress"),
        ("reply", "in_progress"),
        ("status", "resolved"),
        ("rating", "reopened"),
        ("status", "resolved"),
        ("rating", "closed"),
    ]
    public_text = str(seen)
    for internal in ("疑似隐形变异培训", "学科类培训归监管股", "需联合执法", "handler_training"):
        assert internal not in public_text
    assert seen["timeline"][3]["message"] == "请补充收费凭证"
    assert seen["timeline"][7]["message"] == "办理结果：属实。已责令退费"
    assert len(Complaint.objects.get(no=no).outbox) == 7  # accept, assign, ask, reply, extend,
    # and both resolutions: the parent's own supplement and ratings send them nothing
