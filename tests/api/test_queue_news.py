"""Queue news reaches the queue's 企业微信 robot and mailbox once, through the staff outbox."""

from datetime import timedelta

from models.queue import Queue
from server.worker import run_once
from tests.support.complaint_support import DESCRIPTION, body_for, make_institution, submit

STAFF = "/api/staff/v1"


def test_a_new_complaint_reaches_robot_and_mailbox_once_though_the_first_try_fails(
    app, admin, parent, fake_robot, fake_mailbox, now, clock
):
    triage = Queue.objects.get(is_default=True)
    url = fake_robot.new_robot()
    channels = {"webhook_url": url, "emails": ["zhzs@jyj.gov.cn"]}
    admin.put(f"{STAFF}/queues/{triage.pk}/channels", json=channels)
    school = make_institution("启航教育")
    fake_robot.fail_next(("http", 502))
    fake_mailbox.refuse_next(1)
    no = submit(parent, body_for(school, contact_phone="13912345678"))["no"]
    first = run_once(app, now=clock.now())
    assert first["news"] == {"pending": 2}  # both failed, both to be retried
    assert (fake_robot.messages(url), fake_mailbox.texts()) == ([], [])
    assert run_once(app, now=clock.now())["news"] == {}  # not due again yet
    clock.advance(timedelta(seconds=31))
    assert run_once(app, now=clock.now())["news"] == {"sent": 2}
    clock.advance(timedelta(minutes=10))
    assert run_once(app, now=clock.now())["news"] == {}
    (robot_text,) = fake_robot.messages(url)
    (mail_text,) = fake_mailbox.texts("zhzs@jyj.gov.cn")
    for text in (robot_text, mail_text):
        assert no in text
        assert "违规收费" in text
        assert "启航教育" in text
        assert "13912345678" not in text
        assert "139****5678" not in text
        assert DESCRIPTION[:8] not in text
    assert fake_mailbox.received[0]["subject"] == f"[双减投诉] 新投诉 {no}"


def test_a_queue_without_channels_gets_nothing_and_a_staff_entry_is_news_too(
    app, admin, login_staff, fake_robot, fake_mailbox, clock
):
    triage = Queue.objects.get(is_default=True)
    url = fake_robot.new_robot()
    admin.put(f"{STAFF}/queues/{triage.pk}/channels", json={"webhook_url": url})
    dispatcher = login_staff("dispatcher", ("dispatcher",))
    school = make_institution("启航教育", status="blacklist")
    body = {
        "channel": "visit",
        "received_at": clock.now().isoformat(),
        "institution_id": str(school.pk),
        "category": "fees",
        "description": "来访家长反映机构停业后不退费。",
    }
    no = dispatcher.post(f"{STAFF}/complaints", json=body, status=201)["no"]
    assert run_once(app, now=clock.now())["news"] == {"sent": 2}
    texts = fake_robot.messages(url)
    assert [t.split("\n")[0] for t in texts] == [f"**新投诉** {no}", f"**风险预警** {no}"]
    assert fake_mailbox.received == []


def test_deadlines_and_a_parents_supplement_are_news_once_each(
    app, admin, parent, sign_in_staff, fake_robot, clock
):
    triage = Queue.objects.get(is_default=True)
    url = fake_robot.new_robot()
    admin.put(f"{STAFF}/queues/{triage.pk}/channels", json={"webhook_url": url})
    no = submit(parent, body_for(make_institution("启航教育")))["no"]
    run_once(app, now=clock.now())
    supplement = {"text": "补充：已付一年学费"}
    parent.post(f"/api/mp/v1/complaints/{no}/supplements", json=supplement, status=201)
    clock.advance(timedelta(days=1))  # within a day of the accept deadline
    run_once(app, now=clock.now())
    clock.advance(timedelta(days=2))  # past it
    run_once(app, now=clock.now())
    run_once(app, now=clock.now())
    heads = [text.split("\n")[0] for text in fake_robot.messages(url)]
    assert heads == [
        f"**新投诉** {no}",
        f"**家长补充了材料** {no}",
        f"**即将到期** {no}",
        f"**已超期** {no}",
    ]
    assert not any("一年学费" in text for text in fake_robot.messages(url))
