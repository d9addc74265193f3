"""The work list's filters, sort, remaining working days and export; the home by role.

Complaints are stored at fixed instants around NOW (Tuesday 9 June 2026, 10:07 in Shanghai)
with the app clock frozen there, so deadlines and "remaining working days" never depend on
the day the suite runs.
"""

import io
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook

from server.services.directory import sync as directory_sync
from tests.support.complaint_support import make_institution
from tests.support.console_client import ConsoleClient
from tests.support.factories import complaint_in

NOW = datetime(2026, 6, 9, 2, 7, tzinfo=UTC)
LIST = "/api/staff/v1/complaints"


@pytest.fixture
def freeze(app):
    """Freeze the app clock at NOW once signed in (tokens are still checked against the
    wall clock until the clock issue lands), back to the wall clock after the test."""
    yield lambda: app.extensions["clock"].set(NOW, frozen=True)
    app.extensions["clock"].reset()


@pytest.fixture
def signed_in(app, freeze):
    """Sign an existing account in to the console, then freeze the clock."""

    def sign_in(username):
        browser = ConsoleClient(app.test_client())
        browser.login(username)
        freeze()
        return browser

    return sign_in


@pytest.fixture
def dispatcher(login_staff, freeze):
    """A dispatcher signed in to the staff API, with the clock frozen at NOW."""
    client = login_staff("disp", ["dispatcher"])
    freeze()
    return client


@pytest.fixture
def desk(make_staff, demo_queues):
    """Three complaints that differ in every filtered field, and who handles them."""
    handler = make_staff("h_train", ["handler"], ["training"])
    handler.update(set__name="王承办")
    sunshine = make_institution("阳光学科培训中心", district="城关镇")
    star = make_institution("星光艺术学校", district="西城街道", kind="non_subject")
    directory_sync.rebuild()
    fees = complaint_in(
        "in_progress",
        no="TS202606060001",
        assignee=handler,
        queue=demo_queues["training"],
        institution=sunshine,
        district="城关镇",
        category="fees",
        created_at=NOW - timedelta(days=3),
        has_news=True,
    )
    safety = complaint_in(
        "submitted",
        no="TS202606080001",
        category="safety",
        district="西城街道",
        institution_name="=HYPERLINK(1)",
        created_at=NOW - timedelta(days=1),
    )
    teacher = complaint_in(
        "accepted",
        no="TS202605300001",
        queue=demo_queues["training"],
        institution=star,
        district="西城街道",
        category="teacher",
        created_at=NOW - timedelta(days=30),
    )
    return {"fees": fees, "safety": safety, "teacher": teacher, "sunshine": sunshine}


def numbers(client, query):
    """The tracking numbers the staff API lists for `query`, in order."""
    return [item["no"] for item in client.get(f"{LIST}?{query}&per_page=100")["items"]]


def test_every_filter_narrows_the_list(desk, dispatcher):
    staff = dispatcher
    fees, safety, teacher = (desk[k].no for k in ("fees", "safety", "teacher"))
    sunshine = desk["sunshine"].id
    cases = {
        "status=submitted": {safety},
        "status=open": {fees, safety, teacher},
        "queue=training": {fees, teacher},
        "assignee=h_train": {fees},
        "category=teacher": {teacher},
        "district=西城街道": {safety, teacher},
        f"institution_id={sunshine}": {fees},
        "from=2026-06-06&to=2026-06-07": {fees},
        "from=2026-06-08": {safety},
        "to=2026-05-31": {teacher},
        "news=true": {fees},
        "overdue=true": {teacher},  # filed a month ago: its 15 working days are over
        "overdue=false&status=open": {fees, safety},
    }
    for query, expected in cases.items():
        assert set(numbers(staff, query)) == expected, query
    # Submitted yesterday at 10:07: due by the end of today, so due soon, not overdue.
    assert numbers(staff, "due_soon=true") == [safety]
    bad = staff.get(f"{LIST}?from=2026-13-01", status=400)
    assert bad["errors"] == {"from": "日期格式应为 YYYY-MM-DD"}
    for query in ("to=9999-12-31", "from=0001-01-01", "sort=sideways", "news=maybe"):
        assert staff.get(f"{LIST}?{query}", status=400)["code"] == "validation_error"
    assert staff.get(f"{LIST}?assignee=nobody", status=400)["errors"] == {
        "assignee": "未知的承办人"
    }


def test_sort_by_columns_and_remaining_working_days(desk, dispatcher):
    staff = dispatcher
    assert numbers(staff, "sort=no") == sorted(numbers(staff, "sort=no"))
    assert numbers(staff, "sort=-created")[0] == desk["safety"].no
    assert numbers(staff, "sort=created")[0] == desk["teacher"].no
    assert numbers(staff, "sort=news")[0] == desk["fees"].no
    rows = {i["no"]: i for i in staff.get(f"{LIST}?per_page=100")["items"]}
    assert rows[desk["safety"].no]["working_days_left"] == 0  # due today
    # Filed Saturday 6 June: its 15th working day is Monday 29 June (the Dragon Boat
    # holiday, Friday 19 June, does not count), 13 working days after Tuesday 9 June.
    assert rows[desk["fees"].no]["working_days_left"] == 13
    assert rows[desk["teacher"].no]["working_days_left"] < 0


def test_console_list_keeps_filters_in_every_link(desk, make_staff, signed_in):
    make_staff("disp", ["dispatcher"])
    browser = signed_in("disp")
    page = browser.page("/console/complaints?category=fees&assignee=h_train&sort=-no")
    assert desk["fees"].no in page
    assert desk["safety"].no not in page
    assert "剩 13 个工作日" in page
    assert "家长有新消息" in page
    export = page[page.index('id="export"') :].split(">")[0]
    assert "category=fees" in export
    assert "assignee=h_train" in export
    assert 'value="h_train" selected' in page
    assert "王承办" in page
    header = page[page.index("<thead>") :].split("</thead>")[0]
    assert "sort=no" in header
    assert "category=fees" in header


def test_export_is_the_filtered_list_as_xlsx(desk, make_staff, signed_in):
    make_staff("disp", ["dispatcher"])
    browser = signed_in("disp")
    assert "日期格式" in browser.page("/console/complaints/export?from=x", status=400)
    response = browser.get("/console/complaints/export?district=西城街道&sort=no")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert response.headers["Content-Disposition"].startswith('attachment; filename="complaints-')
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("编号", "状态", "类别", "机构")
    assert [r[0] for r in rows[1:]] == sorted([desk["safety"].no, desk["teacher"].no])
    safety = next(r for r in rows if r[0] == desk["safety"].no)
    assert safety[3] == "=HYPERLINK(1)"
    assert sheet["D2"].data_type == "s"
    assert safety[7] == "剩 0 个工作日"
    assert "临期" in safety[8]


def test_a_handler_lists_and_exports_only_their_queues(desk, signed_in):
    browser = signed_in("h_train")
    sheet = load_workbook(io.BytesIO(browser.get("/console/complaints/export").data)).active
    listed = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert listed == {desk["fees"].no, desk["teacher"].no}


def test_home_shows_the_worklists_of_each_role(desk, make_staff, signed_in):
    make_staff("disp", ["dispatcher"])
    dispatcher = signed_in("disp").page("/console/")
    for key in ("submitted", "unassigned", "due_soon", "overdue"):
        assert f'id="list-{key}"' in dispatcher
    assert 'id="list-mine"' not in dispatcher
    waiting = dispatcher[dispatcher.index('id="list-submitted"') :].split("</section>")[0]
    assert desk["safety"].no in waiting
    assert "status=submitted" in waiting
    handler = signed_in("h_train").page("/console/")
    mine = handler[handler.index('id="list-mine"') :].split("</section>")[0]
    assert desk["fees"].no in mine
    assert "家长有新消息" in mine
    assert 'id="list-submitted"' not in handler
    assert desk["safety"].no not in handler  # the triage queue is not theirs
