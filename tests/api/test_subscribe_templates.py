"""The subscribe templates: /meta lists what to request, /subscriptions refuses other ids,
and every message is checked against the template table before WeChat is called."""

from datetime import timedelta

import pytest

from models.complaint import Complaint
from models.parent import Parent
from server.worker import run_once
from tests.support.complaint_support import body_for, submit

SUBSCRIBE = "/api/mp/v1/subscriptions"
SEND = "cgi-bin/message/subscribe/send"


def test_meta_lists_the_templates_the_mini_program_requests(client):
    body = client.get("/api/mp/v1/meta")
    assert body["subscribe_templates"] == [
        {
            "id": "demo-status-template",
            "notifies": "投诉办理进度：受理、补充材料、办结等状态变化",
            "page": "pages/complaint/detail",
        }
    ]


def test_subscriptions_take_our_template_ids(parent):
    parent.post(SUBSCRIBE, json={"template_ids": ["demo-status-template"]}, status=204)
    assert Parent.objects.get().accepted("demo-status-template") == 1


@pytest.mark.parametrize("ids", [["not-ours"], ["demo-status-template", "someone-elses-template"]])
def test_subscriptions_refuse_template_ids_we_do_not_use(parent, ids):
    body = parent.post(SUBSCRIBE, json={"template_ids": ids}, status=400)
    assert body["code"] == "validation_error"
    assert "template_ids" in body["errors"]
    assert Parent.objects.get().subscriptions == []


@pytest.fixture
def accepted(parent, admin):
    """A complaint the parent filed and staff accepted: one status message queued."""
    no = submit(parent, body_for())["no"]
    admin.post(f"/api/staff/v1/complaints/{no}/actions", json={"action": "accept", "version": 1})
    return Complaint.objects.get(no=no)


def sends(fake_wechat):
    """How many subscribe-message calls reached the fake."""
    return sum(1 for call in fake_wechat.calls if call["path"] == SEND)


def last_log(complaint):
    """The last attempt recorded on the complaint's only message."""
    (message,) = Complaint.objects.get(pk=complaint.pk).outbox
    return message.status, message.log[-1]


def test_a_message_breaking_the_template_rules_fails_before_calling_wechat(
    app, accepted, fake_wechat
):
    Complaint._get_collection().update_one(
        {"_id": accepted.pk}, {"$set": {"outbox.0.data.phrase2.value": "Accepted"}}
    )
    run_once(app)
    status, entry = last_log(accepted)
    assert (status, entry["errcode"]) == ("failed", 47003)
    assert "phrase2" in entry["error"]
    assert sends(fake_wechat) == 0


def test_a_template_the_account_lacks_is_final_40037(app, accepted, fake_wechat, now):
    fake_wechat.registry.remove_template("demo-status-template")  # reset() restores it
    run_once(app)
    run_once(app, now=now + timedelta(days=1))
    status, entry = last_log(accepted)
    assert (status, entry["errcode"], sends(fake_wechat)) == ("failed", 40037, 1)


def test_a_page_missing_from_the_mini_program_is_final_41030(app, accepted, fake_wechat):
    fake_wechat.registry.withdraw(["pages/complaint/detail"])
    run_once(app)
    assert last_log(accepted)[1]["errcode"] == 41030


@pytest.mark.parametrize("errcode", [40001, 42001])
def test_a_refused_or_expired_token_is_retried_later(app, accepted, fake_wechat, errcode, now):
    fake_wechat.fail_next(2, errcode=errcode, path=SEND)  # the call and its one retry
    now = (now + timedelta(seconds=1)).replace(microsecond=0)
    run_once(app, now=now)
    status, entry = last_log(accepted)
    assert (status, entry["result"], entry["errcode"]) == ("pending", "retry", errcode)
    run_once(app, now=now + timedelta(seconds=31))
    assert last_log(accepted)[0] == "sent"
    assert len(fake_wechat.sent_messages) == 1
