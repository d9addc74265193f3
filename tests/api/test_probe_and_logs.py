"""Review fixes: no cross-queue probing through the ledger, no secrets in the request log."""

from models.institution import Institution
from tests.api.test_rectifications import URL, open_one
from tests.factories import ComplaintFactory


def test_a_handler_cannot_probe_other_queues_complaints_through_the_ledger(
    login_staff, demo_queues
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
    assert open_one(handler, school, complaint_no=mine.no)["complaint_no"] == mine.no
    dispatcher = login_staff("d1", ["dispatcher"])
    assert open_one(dispatcher, school, complaint_no=theirs.no)["complaint_no"] == theirs.no

