"""The service through a MongoDB election (injected into the embedded store): a write
answers 201 once stored or 503 `busy` with Retry-After, never 500 and never 201 for what was
not stored; reads and single-document writes are retried once, as pymongo does; the worker
sends every message exactly once; /healthz does not notice."""

import contextlib
from datetime import timedelta

import pytest
from pymongo.errors import ConnectionFailure

from models.complaint import Complaint
from server.db import inject_failover
from server.emulators.mongo.strict_failover import KINDS
from server.worker import run_once
from tests.support.complaint_support import COMPLAINTS, body_for

SEND = "cgi-bin/message/subscribe/send"


def post_complaint(parent, key):
    """POST one complaint with an Idempotency-Key; the raw response (any status)."""
    headers = {"Authorization": f"Bearer {parent.token}", "Idempotency-Key": key}
    return parent.client.post(COMPLAINTS, json=body_for(), headers=headers)


def test_a_short_election_is_ridden_out_by_the_drivers_retry(parent, failover, client):
    failover.retry_wait = 1.0
    failover.elect(0.3, kinds=["not_writable_primary"])
    response = post_complaint(parent, "short-election")
    assert response.status_code == 201
    assert Complaint.objects(no=response.get_json()["no"]).count() == 1
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'shuangjian_store_retries_total{operation="read",outcome="succeeded"}' in metrics


@pytest.mark.parametrize("kind", KINDS)
def test_a_write_during_a_long_election_is_503_busy_then_stored_once(parent, failover, kind):
    failover.elect(30, kinds=[kind])
    response = post_complaint(parent, f"long-{kind}")
    assert response.status_code == 503
    assert response.get_json()["code"] == "busy"
    assert response.headers["Retry-After"] == "2"
    failover.stop()
    retried = post_complaint(parent, f"long-{kind}")
    assert retried.status_code == 201
    assert Complaint.objects.count() == 1


def test_under_a_flapping_store_every_201_is_stored_exactly_once(
    app, parent, failover, monkeypatch
):
    # Attempts the store failed count against the parent's daily limit too: lift it here.
    monkeypatch.setitem(app.config, "COMPLAINTS_PER_DAY", 100)
    failover.share(0.15, seed=7)
    answered, statuses = {}, []
    for n in range(12):
        for _ in range(8):  # the mini-program tries again after a 503, with the same key
            response = post_complaint(parent, f"flap-{n}")
            statuses.append(response.status_code)
            if response.status_code == 201:
                answered[f"flap-{n}"] = response.get_json()["no"]
                break
    failover.stop()
    assert set(statuses) <= {201, 503}, statuses
    assert 503 in statuses
    stored = sorted(Complaint.objects.order_by("-created_at").scalar("no"))
    assert sorted(answered.values()) == stored
    assert len(answered) == 12


def test_reads_are_retried_and_probes_tell_apart(parent, failover, client):
    parent.post(COMPLAINTS, json=body_for(), status=201)
    failover.elect(30)
    client.get("/healthz")
    client.get("/readyz", status=503)
    parent.get(COMPLAINTS, status=503)
    failover.stop()
    assert parent.get(COMPLAINTS)["total"] == 1


def test_the_worker_sends_every_message_exactly_once_through_failovers(
    app, parent, admin, failover, fake_wechat, now
):
    numbers = [parent.post(COMPLAINTS, json=body_for(), status=201)["no"] for _ in range(6)]
    for no in numbers:
        admin.post(
            f"/api/staff/v1/complaints/{no}/actions", json={"action": "accept", "version": 1}
        )
    failover.share(0.25, seed=3)
    for round_ in range(40):
        with contextlib.suppress(ConnectionFailure):  # a round the store failed: next one
            run_once(app, now=now + timedelta(minutes=2 * round_))
        if len(fake_wechat.sent_messages) == len(numbers) and round_ > 5:
            break
    failover.stop()
    run_once(app, now=now + timedelta(hours=3))
    sent = sorted(m["data"]["character_string1"]["value"] for m in fake_wechat.sent_messages)
    assert sent == sorted(numbers)
    for complaint in Complaint.objects.order_by("-created_at"):
        [message] = complaint.outbox
        assert message.status == "sent"


def test_the_demo_setting_arms_periodic_elections(failover):
    inject_failover({"STORE_FAILOVER_EVERY": 60.0, "STORE_FAILOVER_SECONDS": 5.0})
    assert failover.armed
    assert failover.down()
