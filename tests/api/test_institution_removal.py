"""Removing an archive entry made by mistake: its cached 小程序码 go with it, and an entry
that a complaint or rectification names stays."""

import pytest

from models.institution import Institution
from server.db import grid_fs
from tests.support.instants import local_date

URL = "/api/staff/v1/institutions"


@pytest.fixture
def entry():
    """A pending institution nothing refers to yet."""
    return Institution(name="误录入的培训中心", status="pending").save()


def cached_codes(institution):
    return list(grid_fs().find({"metadata.institution": str(institution.id)}))


def test_removing_an_entry_deletes_its_cached_codes(admin, entry):
    admin.get(f"{URL}/{entry.id}/code")
    admin.get(f"{URL}/{entry.id}/code?width=600")
    assert len(cached_codes(entry)) == 2
    admin.delete(f"{URL}/{entry.id}", status=204)
    assert cached_codes(entry) == []
    admin.get(f"{URL}/{entry.id}", status=404)
    assert admin.get(f"{URL}?q=误录入")["total"] == 0


def test_an_entry_a_rectification_names_stays_with_its_code(admin, entry, now):
    admin.get(f"{URL}/{entry.id}/code")
    body = {"institution_id": str(entry.id), "problems": ["无证办学"], "requirements": "停办"}
    body |= {"due_date": local_date(now, 10), "summary": "无证办学"}
    admin.post("/api/staff/v1/rectifications", json=body, status=201)
    answer = admin.delete(f"{URL}/{entry.id}", status=409)
    assert answer["code"] == "conflict"
    assert "吊销" in answer["message"]
    assert len(cached_codes(entry)) == 1
    admin.get(f"{URL}/{entry.id}")


@pytest.mark.parametrize("role", ["viewer", "handler", "dispatcher"])
def test_only_admins_remove_entries(login_staff, entry, role):
    login_staff("someone", [role]).delete(f"{URL}/{entry.id}", status=403)
    assert Institution.objects(id=entry.id).count() == 1


def test_an_unknown_entry_is_404(admin):
    admin.delete(f"{URL}/{'0' * 24}", status=404)


def test_an_entry_a_complaint_names_stays(admin, parent, entry):
    report = {
        "institution_id": str(entry.id),
        "category": "fees",
        "description": "机构要求一次性预收一年的学费",
    }
    parent.post("/api/mp/v1/complaints", json=report, status=201)
    admin.delete(f"{URL}/{entry.id}", status=409)
    admin.get(f"{URL}/{entry.id}")
