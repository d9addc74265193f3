"""The demo county's complaints: filed and moved along through the real services."""

from models.complaint import Complaint
from server.services.demo.complaints import seed_demo_complaints
from server.services.demo.county import seed_staff
from server.services.demo.routing_defaults import seed_demo_rules
from server.worker import run_once


def test_demo_complaints_cover_the_desk_and_their_messages_go_out(app, fake_wechat, client):
    seed_staff("demo-password")
    seed_demo_rules()
    assert seed_demo_complaints(app.config, wechat=app.extensions["wechat"]) == 5
    assert seed_demo_complaints(app.config, wechat=app.extensions["wechat"]) == 0
    statuses = sorted(c.status for c in Complaint.objects)
    assert statuses == ["accepted", "in_progress", "need_info", "resolved", "submitted"]
    urgent = Complaint.objects.get(category="safety")
    assert urgent.urgent and urgent.assignee.username == f"handler_{urgent.queue.key}"
    messages = sum(len(c.outbox) for c in Complaint.objects)
    run_once(app)
    assert (
        len(fake_wechat.sent_messages) == messages == 10
    )  # 4 accept, 3 assign, ask, reply, resolve
    token = client.post(
        "/api/staff/v1/auth/login", json={"username": "dispatcher", "password": "demo-password"}
    )["token"]
    listed = client.get("/api/staff/v1/complaints", token=token)
    assert listed["total"] == 5 and listed["items"][0]["urgent"] is True
