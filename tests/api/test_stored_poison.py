"""Exports and pages never trust what is stored: legacy text with control characters and a
parent's date-like supplement leave every export readable and every page at 200."""

import csv
import io

import pytest
from openpyxl import load_workbook

from models.complaint import Complaint
from models.institution import Institution, InstitutionJournal
from tests.support.complaint_support import make_institution

# Everything XML 1.0 cannot hold, inside a name, as legacy or hand-edited data may have it.
CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r") + "\x7f"
POISONED = f"毒{CONTROLS}药培训中心"
DATE_LIKE = ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2026-02-30T25:61:00"]


def poison_the_store(no, institution):
    """Write control characters straight into stored text, past every input check."""
    Institution._get_collection().update_one(
        {"_id": institution.pk}, {"$set": {"name": POISONED, "aliases": [POISONED]}}
    )
    InstitutionJournal.record([institution.pk])
    Complaint._get_collection().update_one(
        {"no": no},
        {"$set": {"institution_name": POISONED, "measures": POISONED, "district": POISONED}},
    )


@pytest.fixture
def poisoned(file_complaint, login_parent):
    """A complaint about an institution whose stored name holds every control character, with
    supplements that merely look like impossible dates."""
    institution = make_institution("星光培训中心")
    no = file_complaint(institution)
    parent = login_parent()
    for text in DATE_LIKE:
        parent.post(f"/api/mp/v1/complaints/{no}/supplements", json={"text": text}, status=201)
    poison_the_store(no, institution)
    return no, str(institution.pk)


def cells(data):
    """Every cell value of the first sheet of an xlsx."""
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return [value for row in sheet.iter_rows(values_only=True) for value in row]


def test_the_ledger_export_opens_in_openpyxl(poisoned, admin):
    data = admin.get("/api/staff/v1/ledger/export?format=xlsx").data
    assert "毒药培训中心" in cells(data)
    text = admin.get("/api/staff/v1/ledger/export?format=csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert any("毒药培训中心" in row for row in rows)
    assert not any(c in text for c in CONTROLS)


def test_the_archive_export_opens_in_openpyxl(poisoned, admin):
    data = admin.get("/api/staff/v1/institutions/export?format=xlsx").data
    assert "毒药培训中心" in cells(data)
    text = admin.get("/api/staff/v1/institutions/export?format=csv").data.decode("utf-8-sig")
    assert "毒药培训中心" in text


def test_every_page_of_that_complaint_answers_200(poisoned, console_login, admin, login_parent):
    no, institution_id = poisoned
    browser = console_login("boss", ["admin"])
    page = browser.page(f"/console/complaints/{no}")
    assert all(text in page for text in DATE_LIKE)  # shown as the parent wrote them
    for path in (
        "/console/",
        "/console/complaints",
        f"/console/complaints?q={no}",
        f"/console/institutions/{institution_id}",
        "/console/institutions?q=毒",
        "/console/stats",
    ):
        browser.page(path)
    assert browser.get("/console/stats/ledger").data[:2] == b"PK"
    assert browser.get("/console/institutions/export").data[:2] == b"PK"
    admin.get(f"/api/staff/v1/complaints/{no}")
    admin.get("/api/staff/v1/complaints")
    admin.get(f"/api/staff/v1/institutions/{institution_id}")
    login_parent().get(f"/api/mp/v1/complaints/{no}")
    login_parent().get(f"/api/mp/v1/institutions/{institution_id}")
