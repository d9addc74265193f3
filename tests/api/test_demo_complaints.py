"""The demo county's complaints: filed and moved along through the real services."""

from models.complaint import Complaint
from server.deadline_context import deadlines_of
from server.services.demo.complaints import seed_demo_complaints
from server.services.demo.county import seed_staff
from server.services.demo.routing_defaults import seed_demo_rules
from server.worker import run_once


def test_demo_complaints_cover_the_desk_and_their_messages_go_out(app, fake_wechat, client):
    seed_staff("demo-password")
    seed_demo_rules()
    options = {"wechat": app.extensions["wechat"], "deadlines": deadlines_of(app)}
    assert seed_demo_complaints(app.config, **options) == 11
    assert seed_demo_complaints(app.config, **options) == 0
    statuses = {c.status for c in Complaint.objects}
    assert len(statuses) == 9  # every status, even with no archive to name institutions from
    urgent = Complaint.objects.get(category="safety", status="accepted")
    assert urgent.urgent
    assert urgent.merged_into is None
    messages = sum(len(c.outbox) for c in Complaint.objects)
    run_once(app)
    assert len(fake_wechat.sent_messages) == messages > 10
    token = client.post(
        "/api/staff/v1/auth/login", json={"username": "dispatcher", "password": "demo-password"}
    )["token"]
    listed = client.get("/api/staff/v1/complaints", token=token)
    assert listed["total"] == 11
    assert listed["items"][0]["overdue"] is True
