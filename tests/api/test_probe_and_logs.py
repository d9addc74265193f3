"""Review fixes: no cross-queue probing through the ledger, no secrets in the request log."""

import io
import logging

from models.institution import Institution
from tests.api.test_rectifications import URL, open_rectification
from tests.support.factories import ComplaintFactory, jpeg_bytes
from tests.support.instants import local_date


def test_a_handler_cannot_probe_other_queues_complaints_through_the_ledger(
    login_staff, demo_queues, now
):
    school = Institution(name="智慧树学科辅导", status="whitelist").save()
    elsewhere = Institution(name="另一家机构", status="whitelist").save()
    theirs = ComplaintFactory(queue=demo_queues["sports"], institution=school)
    mine = ComplaintFactory(queue=demo_queues["training"], institution=school)
    handler = login_staff("h1", ["handler"], ["training"])
    answers = [
        handler.post(URL, json=body, status=400)["errors"]["complaint_no"]
        for body in (
            {"complaint_no": theirs.no, "institution_id": str(school.id)},
            {"complaint_no": theirs.no, "institution_id": str(elsewhere.id)},
            {"complaint_no": "TS000000000000", "institution_id": str(school.id)},
        )
    ]
    assert answers == ["未找到该投诉编号"] * 3  # the same as a number that does not exist
    due = local_date(now, 10)
    mine_opened = open_rectification(handler, school, due_date=due, complaint_no=mine.no)
    assert mine_opened["complaint_no"] == mine.no
    dispatcher = login_staff("d1", ["dispatcher"])
    theirs_opened = open_rectification(dispatcher, school, due_date=due, complaint_no=theirs.no)
    assert theirs_opened["complaint_no"] == theirs.no


def test_the_request_log_never_holds_a_media_link_token(app, parent, client, fake_wechat, caplog):
    caplog.set_level(logging.INFO, logger="server.request")
    parent.post(
        "/api/mp/v1/uploads", data={"file": (io.BytesIO(jpeg_bytes()), "a.jpg")}, status=201
    )
    url = fake_wechat.media_checks[0]["media_url"]
    token = url.rsplit("/", 1)[1]
    client.get(url[url.index("/api/mp/v1/media/") :], token=None)
    lines = [record.getMessage() for record in caplog.records if record.name == "server.request"]
    assert any(line.startswith("GET /api/mp/v1/media/<redacted> 200") for line in lines), lines
    assert len(token) > 20
    assert not any(token in line for line in lines)
