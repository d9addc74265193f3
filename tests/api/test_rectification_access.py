"""Who sees and closes which rectification: one opened from a complaint follows that
complaint's queue; one opened from an inspection (no complaint) is every staff member's."""

import pytest

from models.institution import Institution
from tests.support.factories import ComplaintFactory
from tests.support.instants import local_date

URL = "/api/staff/v1/rectifications"


@pytest.fixture
def school():
    """An institution in the archive."""
    return Institution(name="启明星学科辅导", status="whitelist").save()


@pytest.fixture
def ledger(admin, school, demo_queues, now):
    """Three open rectifications: from a training complaint, a sports complaint, an inspection."""

    def open_(summary, complaint=None):
        body = {"institution_id": str(school.id), "problems": ["超前培训"], "requirements": "停止"}
        body |= {"due_date": local_date(now, 10), "summary": summary}
        if complaint is not None:
            body["complaint_no"] = complaint.no
        return admin.post(URL, json=body, status=201)["id"]

    training = ComplaintFactory(queue=demo_queues["training"], institution=school)
    sports = ComplaintFactory(queue=demo_queues["sports"], institution=school)
    return {
        "training": open_("培训股的", training),
        "sports": open_("体育股的", sports),
        "inspection": open_("检查发现的"),
        "numbers": {"training": training.no, "sports": sports.no},
    }


@pytest.fixture
def handler(login_staff):
    """A handler of the training queue only."""
    return login_staff("handler_training", ("handler",), ("training",))


def test_a_handler_cannot_close_another_queues_rectification(handler, admin, ledger):
    answer = handler.post(
        f"{URL}/{ledger['sports']}/close", json={"evidence": "已整改"}, status=404
    )
    assert answer["code"] == "not_found"
    assert admin.get(f"{URL}/{ledger['sports']}")["status"] == "open"
    handler.post(f"{URL}/{ledger['training']}/close", json={"evidence": "已整改"})


def test_a_handler_lists_and_reads_only_what_their_queues_allow(handler, school, ledger):
    summaries = {item["summary"] for item in handler.get(URL)["items"]}
    assert summaries == {"培训股的", "检查发现的"}
    by_institution = handler.get(f"{URL}?institution_id={school.id}&status=open")["items"]
    assert {item["summary"] for item in by_institution} == {"培训股的", "检查发现的"}
    handler.get(f"{URL}/{ledger['sports']}", status=404)
    handler.get(f"{URL}/{ledger['inspection']}")
    numbers = ledger["numbers"]
    assert handler.get(f"{URL}?complaint_no={numbers['training']}")["total"] == 1
    assert handler.get(f"{URL}?complaint_no={numbers['sports']}")["total"] == 0


def test_an_inspection_rectification_is_closed_by_any_writer(login_staff, ledger):
    sports_handler = login_staff("handler_sports", ("handler",), ("sports",))
    sports_handler.post(f"{URL}/{ledger['inspection']}/close", json={"evidence": "已整改"})


def test_dispatchers_and_viewers_see_the_whole_ledger(login_staff, ledger):
    for role in ("dispatcher", "viewer"):
        assert login_staff(role, (role,)).get(URL)["total"] == 3


def test_a_handlers_statistics_count_only_the_rectifications_they_see(handler, admin, ledger):
    assert handler.get("/api/staff/v1/stats")["rectifications"]["open"] == 2
    assert admin.get("/api/staff/v1/stats")["rectifications"]["open"] == 3
