"""The rectification ledger: open, list with filters, close with evidence, public summaries.

Due dates count from the test's Shanghai today; the module runs at several hours of a day.
"""

from datetime import timedelta

import pytest

from models.complaint import Complaint
from models.institution import Institution
from models.rectification import Rectification
from server.services.rectifications.ledger import public_rectifications
from tests.support.instants import at_edges, local_date

URL = "/api/staff/v1/rectifications"
pytestmark = pytest.mark.hours_of_the_day


@pytest.fixture
def school():
    """An institution in the archive."""
    return Institution(name="智慧树学科辅导", status="whitelist").save()


@pytest.fixture
def day(now):
    """A Shanghai calendar date `offset` days from the test's today, as YYYY-MM-DD."""
    return lambda offset: local_date(now, offset)


def open_rectification(staff, institution, *, due_date, **fields):
    """Open a rectification through the API; returns its JSON."""
    body = {
        "institution_id": str(institution.id),
        "problems": ["周末开展学科类培训", "预收费超过三个月"],
        "requirements": "立即停止违规培训，退还超期预收费用",
        "due_date": due_date,
        "summary": "违规开展学科类培训，责令限期整改",
        **fields,
    }
    return staff.post(URL, json=body, status=201)


@pytest.fixture
def open_one(day):
    """`open_rectification` due in ten days unless told otherwise."""

    def open_(staff, institution, **fields):
        return open_rectification(staff, institution, **{"due_date": day(10), **fields})

    return open_


@pytest.fixture
def make_overdue(now):
    """Move a rectification's due time into the past, as time passing would."""

    def move(entry):
        Rectification.objects(id=entry["id"]).update_one(set__due_at=now - timedelta(hours=1))

    return move


def test_opening_records_everything_and_it_lists_as_open(admin, school, day, open_one):
    entry = open_one(admin, school)
    assert entry["status"] == "open"
    assert entry["status_label"] == "整改中"
    assert entry["institution"]["id"] == str(school.id)
    assert entry["problems"] == ["周末开展学科类培训", "预收费超过三个月"]
    assert entry["due_date"] == day(10)
    assert entry["due_at"].endswith("T23:59:59+08:00")
    assert entry["overdue"] is False
    assert entry["opened_by"] == "admin"
    assert entry["closed_at"] is None
    assert entry["evidence"] is None
    listed = admin.get(f"{URL}?status=open")
    assert [e["id"] for e in listed["items"]] == [entry["id"]]
    assert admin.get(f"{URL}/{entry['id']}")["summary"] == "违规开展学科类培训，责令限期整改"


@at_edges
def test_filters_open_closed_overdue_and_institution(admin, school, day, open_one, make_overdue):
    other = Institution(name="另一家", status="pending").save()
    late = open_one(admin, school)
    make_overdue(late)
    soon = open_one(admin, school, due_date=day(0))  # due tonight: not yet overdue
    done = open_one(admin, other)
    admin.post(f"{URL}/{done['id']}/close", json={"evidence": "已整改，附退费凭证"})

    def ids(query):
        return [e["id"] for e in admin.get(f"{URL}{query}")["items"]]

    assert ids("?status=open") == [late["id"], soon["id"]]  # soonest due first
    assert ids("?status=overdue") == [late["id"]]
    assert ids("?status=closed") == [done["id"]]
    assert set(ids("")) == {late["id"], soon["id"], done["id"]}
    assert set(ids(f"?institution_id={school.id}")) == {late["id"], soon["id"]}
    assert ids(f"?status=open&institution_id={other.id}") == []
    assert admin.get(f"{URL}/{late['id']}")["overdue"] is True
    assert admin.get(f"{URL}/{soon['id']}")["overdue"] is False


def test_closing_needs_evidence_and_happens_once(admin, school, open_one):
    entry = open_one(admin, school)
    body = admin.post(f"{URL}/{entry['id']}/close", json={}, status=400)
    assert "evidence" in body["errors"]
    closed = admin.post(f"{URL}/{entry['id']}/close", json={"evidence": "已停止周末培训"})
    assert closed["status"] == "closed"
    assert closed["status_label"] == "已销号"
    assert closed["closed_by"] == "admin"
    assert closed["closed_at"]
    assert closed["evidence"] == "已停止周末培训"
    assert closed["overdue"] is False
    again = admin.post(f"{URL}/{entry['id']}/close", json={"evidence": "再次"}, status=422)
    assert again["code"] == "invalid_transition"
    assert admin.get(f"{URL}/{entry['id']}")["evidence"] == "已停止周末培训"


def test_evidence_may_come_as_a_form(admin, school, open_one):
    entry = open_one(admin, school)
    closed = admin.post(
        f"{URL}/{entry['id']}/close",
        data={"evidence": "整改报告已提交"},
        content_type="multipart/form-data",
    )
    assert closed["evidence"] == "整改报告已提交"


def test_a_complaint_it_comes_from_must_exist_and_concern_the_institution(
    admin, school, demo_queues, day, open_one
):
    other = Institution(name="别家", status="whitelist").save()
    complaint = Complaint(
        no="TS202611280001",
        institution=school,
        category="off_hours",
        description="周末上数学课",
        queue=demo_queues["training"],
    ).save()
    entry = open_one(admin, school, complaint_no=complaint.no)
    assert entry["complaint_no"] == "TS202611280001"
    assert admin.get(f"{URL}?complaint_no=TS202611280001")["total"] == 1
    body = admin.post(
        URL, json={**entry, "institution_id": str(other.id), "due_date": day(3)}, status=400
    )
    assert set(body["errors"]) == {"complaint_no"}
    body = admin.post(URL, json={**entry, "complaint_no": "TS209912310001"}, status=400)
    assert "complaint_no" in body["errors"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"institution_id": "0" * 24}, "institution_id"),
        ({"institution_id": "nonsense"}, "institution_id"),
        ({"problems": []}, "problems"),
        ({"problems": "一个问题"}, "problems"),
        ({"problems": ["ok", ""]}, "problems"),
        ({"requirements": ""}, "requirements"),
        ({"due_date": "tomorrow"}, "due_date"),
        ({"due_date": "2020-01-01"}, "due_date"),
        ({"due_date": None}, "due_date"),
        ({"summary": "  "}, "summary"),
        ({"summary": "长" * 501}, "summary"),
    ],
)
def test_bad_rectifications_are_400_naming_the_field(admin, school, change, field, day):
    body = {
        "institution_id": str(school.id),
        "problems": ["问题"],
        "requirements": "要求",
        "due_date": day(5),
        "summary": "摘要",
        **change,
    }
    answer = admin.post(URL, json=body, status=400)
    assert answer["code"] == "validation_error"
    assert field in answer["errors"]
    assert Rectification.objects.count() == 0


@pytest.mark.parametrize("query", ["?status=late", "?institution_id=xyz", "?per_page=500"])
def test_bad_list_arguments_are_400(admin, query):
    admin.get(f"{URL}{query}", status=400)


@pytest.mark.parametrize("role", ["dispatcher", "handler"])
def test_dispatchers_and_handlers_write(login_staff, school, role, open_one):
    staff = login_staff("worker", [role], ["training"] if role == "handler" else [])
    entry = open_one(staff, school)
    staff.post(f"{URL}/{entry['id']}/close", json={"evidence": "已整改"})


def test_viewers_read_but_do_not_write(admin, login_staff, school, open_one):
    entry = open_one(admin, school)
    viewer = login_staff("viewer", ["viewer"])
    assert viewer.get(URL)["total"] == 1
    viewer.post(URL, json={"institution_id": str(school.id)}, status=403)
    viewer.post(f"{URL}/{entry['id']}/close", json={"evidence": "x"}, status=403)


def test_unknown_entries_are_404(admin):
    admin.get(f"{URL}/{'0' * 24}", status=404)
    admin.post(f"{URL}/{'0' * 24}/close", json={"evidence": "x"}, status=404)
    admin.post(f"{URL}/nonsense/close", json={"evidence": "x"}, status=404)


def test_the_public_page_shows_summaries_only(app, client, admin, school, open_one, make_overdue):
    first = open_one(admin, school)
    admin.post(f"{URL}/{first['id']}/close", json={"evidence": "内部证明：退费凭证 3 张"})
    second = open_one(admin, school, summary="超前培训，限期整改")
    make_overdue(second)
    open_one(admin, Institution(name="别家", status="whitelist").save())
    with app.app_context():
        shown = public_rectifications(school)
    # Parents read the same summaries on the institution's public page.
    page = client.get(f"/api/mp/v1/institutions/{school.id}")
    assert page["rectifications"] == shown
    assert [r["summary"] for r in shown] == [
        "超前培训，限期整改",
        "违规开展学科类培训，责令限期整改",
    ]
    assert set(shown[0]) >= {"opened_at", "due_at", "status", "summary", "closed_at"}
    assert shown[0]["status"] == "open"
    assert shown[0]["overdue"] is True
    assert shown[1]["status"] == "closed"
    assert shown[1]["closed_at"]
    text = str(shown)
    for secret in ("admin", "内部证明", "周末开展学科类培训", "退还超期预收费用"):
        assert secret not in text
