"""The outbox worker against the fake WeChat server: retries, refusals, leases, two workers.

Every test runs at several hours of one day; the first also at the edge instants.
"""

import threading
from datetime import timedelta

import pytest

from models.complaint import Complaint
from models.parent import Parent, Subscription
from server.clock import SHANGHAI
from server.services.complaints import notifications as notify
from server.worker import run_once, start_in_thread
from tests.support.complaint_support import body_for, submit
from tests.support.factories import complaint_in
from tests.support.instants import at_edges, at_one_instant

SEND = "cgi-bin/message/subscribe/send"
# The clock stands still: every message is queued at exactly `now`, however long set-up takes.
pytestmark = [pytest.mark.hours_of_the_day, pytest.mark.frozen_clock]


@pytest.fixture
def openid(parent, fake_wechat):
    """The signed-in parent's openid (the fake knows who it is)."""
    return fake_wechat.openid_for("parent-code-a")


@pytest.fixture
def accepted(parent, openid, admin):
    """A complaint the parent filed and staff accepted, both through the API: one message."""
    no = submit(parent, body_for())["no"]
    body = {"action": "accept", "version": 1}
    admin.post(f"/api/staff/v1/complaints/{no}/actions", json=body)
    return Complaint.objects.get(no=no)


def message_of(complaint):
    """The complaint's only outbox message as stored."""
    (message,) = Complaint.objects.get(pk=complaint.pk).outbox
    return message


def sends(fake_wechat):
    """How many subscribe-message calls reached the fake."""
    return sum(1 for call in fake_wechat.calls if call["path"] == SEND)


@at_edges
def test_a_message_is_sent_once_with_the_configured_template(
    app, accepted, openid, fake_wechat, now
):
    run_once(app)
    run_once(app, now=now + timedelta(hours=1))
    (sent,) = fake_wechat.sent_messages
    assert sent["touser"] == openid
    assert sent["template_id"] == app.config["WECHAT_TEMPLATE_STATUS"]
    assert sent["page"] == f"pages/complaint/detail?no={accepted.no}"
    assert sent["data"]["character_string1"]["value"] == accepted.no
    assert sent["data"]["phrase2"]["value"] == "已受理"
    # The time the parent reads is Shanghai's, date included (16:00 UTC is the next day).
    local = now.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
    assert sent["data"]["time4"]["value"] == local
    message = message_of(accepted)
    assert (message.status, message.attempts, [e["result"] for e in message.log]) == (
        "sent",
        1,
        ["sent"],
    )


def test_transient_errors_are_retried_with_backoff_until_sent(app, accepted, fake_wechat, now):
    fake_wechat.fail_next(2, errcode=-1, path=SEND)
    fake_wechat.fail_next(1, status=502, path=SEND)
    run_once(app, now=now)
    assert message_of(accepted).next_attempt_at == now + timedelta(seconds=30)
    run_once(app, now=now + timedelta(seconds=10))  # not due yet: nothing happens
    assert sends(fake_wechat) == 1
    run_once(app, now=now + timedelta(seconds=31))
    run_once(app, now=now + timedelta(seconds=92))
    run_once(app, now=now + timedelta(seconds=393))
    message = message_of(accepted)
    assert [(e["result"], e.get("errcode")) for e in message.log] == [
        ("retry", -1),
        ("retry", -1),
        ("retry", None),  # HTTP 502: WeChat did not answer
        ("sent", None),
    ]
    assert (message.status, message.attempts, len(fake_wechat.sent_messages)) == ("sent", 4, 1)


def test_a_declined_message_is_recorded_and_never_retried(app, accepted, openid, fake_wechat, now):
    fake_wechat.decline(openid)
    run_once(app)
    run_once(app, now=now + timedelta(days=1))
    message = message_of(accepted)
    assert (message.status, message.attempts) == ("declined", 1)
    assert [(e["result"], e["errcode"]) for e in message.log] == [("declined", 43101)]
    assert sends(fake_wechat) == 1
    assert fake_wechat.sent_messages == []


def test_47003_fails_without_retry(app, accepted, fake_wechat, now):
    fake_wechat.fail_next(1, errcode=47003, path=SEND)
    run_once(app)
    run_once(app, now=now + timedelta(days=1))
    message = message_of(accepted)
    assert (message.status, [e["result"] for e in message.log]) == ("failed", ["failed"])
    assert sends(fake_wechat) == 1


def test_the_worker_gives_up_after_the_last_attempt(app, accepted, fake_wechat, now):
    attempts = app.config["OUTBOX_MAX_ATTEMPTS"]
    fake_wechat.fail_next(attempts + 1, errcode=-1, path=SEND)
    for hour in range(attempts + 2):
        run_once(app, now=now + timedelta(hours=hour * 2))
    message = message_of(accepted)
    assert (message.status, message.attempts, sends(fake_wechat)) == ("failed", attempts, attempts)
    assert message.log[-1]["result"] == "failed"


def test_a_message_held_by_a_worker_that_died_is_taken_over_after_its_lease(
    app, accepted, fake_wechat, now
):
    raw = Complaint._get_collection().find_one({"_id": accepted.pk})
    lease = app.config["OUTBOX_LEASE_SECONDS"]
    # A worker claims the message and dies before sending it.
    assert notify.claim(accepted.pk, 0, raw["outbox"][0], now=now, lease_seconds=lease)
    run_once(app, now=now + timedelta(seconds=lease - 1))
    assert sends(fake_wechat) == 0
    assert message_of(accepted).status == "sending"
    run_once(app, now=now + timedelta(seconds=lease + 1))
    message = message_of(accepted)
    assert [e["result"] for e in message.log] == ["abandoned", "sent"]
    assert (message.status, len(fake_wechat.sent_messages)) == ("sent", 1)


def test_workers_running_at_once_send_each_message_once(app, openid, admin, fake_wechat, now):
    parent = Parent.objects.get(openid=openid)
    for _ in range(8):
        complaint = complaint_in("submitted", parent=parent)
        body = {"action": "accept", "version": 1}
        admin.post(f"/api/staff/v1/complaints/{complaint.no}/actions", json=body)
    # A running process holds a token; without one, four threads fetching at once would
    # invalidate each other's (wechatpy then refetches: more calls, still one message each).
    app.extensions["wechat"].access_token()
    fake_wechat.set_delay(0.02, path=SEND)
    workers = [
        threading.Thread(target=run_once, args=(app,), kwargs={"now": now}) for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(fake_wechat.sent_messages) == 8 == sends(fake_wechat)
    statuses = [m.status for c in Complaint.objects for m in c.outbox]
    assert statuses == ["sent"] * 8


def test_a_sent_message_spends_one_accepted_subscription(app, accepted, openid):
    template = app.config["WECHAT_TEMPLATE_STATUS"]
    Parent.objects(openid=openid).update_one(
        set__subscriptions=[Subscription(template_id=template, count=2)]
    )
    run_once(app)
    assert Parent.objects.get(openid=openid).accepted(template) == 1


def test_the_demo_worker_thread_sends_and_stops(app, accepted, fake_wechat):
    thread = start_in_thread(app)
    try:
        for _ in range(500):
            if message_of(accepted).status == "sent":
                break
            threading.Event().wait(0.01)
    finally:
        thread.stop()
    assert not thread.is_alive()
    assert message_of(accepted).status == "sent"
    assert len(fake_wechat.sent_messages) == 1


def test_a_message_to_an_anonymised_complaint_fails_without_calling_wechat(
    app, accepted, fake_wechat
):
    Complaint.objects(pk=accepted.pk).update_one(unset__parent=True)
    run_once(app)
    message = message_of(accepted)
    assert (message.status, message.log[0]["error"]) == ("failed", "no recipient")
    assert sends(fake_wechat) == 0


@at_one_instant  # sends take 0.2 s each; the hour changes nothing here
def test_each_message_is_timed_as_it_is_sent_not_at_the_start_of_the_round(
    app, openid, admin, fake_wechat, clock, now
):
    parent = Parent.objects.get(openid=openid)
    for _ in range(3):
        complaint = complaint_in("submitted", parent=parent)
        body = {"action": "accept", "version": 1}
        admin.post(f"/api/staff/v1/complaints/{complaint.no}/actions", json=body)
    fake_wechat.set_delay(0.2, path=SEND)  # each send takes at least 0.2 s
    clock.set(now)  # running on, as in production
    run_once(app)  # no `now`: as in production
    sent_at = sorted(m.sent_at for c in Complaint.objects for m in c.outbox)
    # Leases and records start when each message is handled: a later message's lease
    # does not begin in the past, where another worker could take it over mid-send.
    assert sent_at[2] - sent_at[0] >= timedelta(seconds=0.4)
