"""Indexes are created explicitly, /readyz waits for them, and unique ones answer 409."""

import mongoengine
import pytest

from models.complaint import Complaint
from models.institution import Institution
from server.db import indexes
from tests.console.test_console_institutions import NEW
from tests.support.console_client import text_of
from tests.support.directory_helpers import STAFF, create, credit_code


@pytest.fixture
def cli(app):
    """Run `flask <args>` on the test app; returns the click result."""
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=list(args))


TOUCHED = (("complaints", "channel_1_external_ref_1"), ("institutions", "licence_no_1"))


@pytest.fixture
def restore_indexes():
    """Whatever a test drops or replaces, the next test finds every declared index again."""
    yield
    db = mongoengine.get_db()
    for collection, name in TOUCHED:
        if name in db[collection].index_information():
            db[collection].drop_index(name)
    indexes.create_all()
    assert indexes.missing() == []


def test_models_never_build_indexes_themselves():
    assert all(cls._meta.get("auto_create_index") is False for cls in indexes.documents().values())


def test_create_indexes_is_idempotent(cli):
    first = cli("create-indexes")
    assert first.exit_code == 0, first.output
    assert "exists    complaints.no_1" in first.output
    assert "exists    fs.chunks.files_id_1_n_1" in first.output
    assert "\ncreated " not in "\n" + first.output
    assert "conflict" not in first.output
    assert cli("create-indexes").output == first.output


def test_readyz_names_missing_indexes_until_they_are_created(app, client, cli, restore_indexes):
    Complaint._get_collection().drop_index("channel_1_external_ref_1")
    indexes.check_at_start(app)  # what a process starting now finds
    body = client.get("/readyz", status=503)
    assert body["code"] == "indexes_missing"
    assert body["errors"]["indexes"] == ["complaints.channel_1_external_ref_1"]
    result = cli("create-indexes")
    assert result.exit_code == 0
    assert "created   complaints.channel_1_external_ref_1" in result.output
    assert client.get("/readyz")["status"] == "ready"


def test_create_indexes_reports_a_conflict_and_builds_the_rest(app, cli, restore_indexes):
    collection = Institution._get_collection()
    collection.drop_index("licence_no_1")
    collection.create_index("licence_no", name="licence_no_1")  # an older, non-unique one
    Complaint._get_collection().drop_index("channel_1_external_ref_1")
    result = cli("create-indexes")
    assert result.exit_code != 0
    assert "conflict  institutions.licence_no_1" in result.output
    assert "created   complaints.channel_1_external_ref_1" in result.output
    assert indexes.missing() == ["institutions.licence_no_1"]


def test_a_licence_number_twice_is_409_duplicate(admin):
    create(admin, "启航英语培训学校", licence_no="教民133072370001号")
    body = admin.post(
        STAFF,
        json={"name": "另一家", "kind": "subject", "licence_no": "教民133072370001号"},
        status=409,
    )
    assert body["code"] == "duplicate"
    assert body["errors"] == {"licence_no": "已存在"}
    assert Institution.objects(licence_no="教民133072370001号").count() == 1


def test_a_credit_code_another_process_just_stored_is_409_not_500(admin):
    admin.get(STAFF)  # this process's directory is current ...
    # ... and another process stores the code a moment later, unseen here until journaled.
    Institution._get_collection().insert_one({"name": "先到的机构", "credit_code": credit_code(5)})
    body = admin.post(
        STAFF,
        json={"name": "后到的机构", "kind": "subject", "credit_code": credit_code(5)},
        status=409,
    )
    assert body["code"] == "duplicate"
    assert "credit_code" in body["errors"]
    assert body["message"].startswith("已存在")


def test_institutions_without_codes_do_not_collide(admin):
    create(admin, "甲机构")
    create(admin, "乙机构")
    assert Institution.objects(credit_code=None).count() == 2


def test_a_duplicate_licence_number_in_the_console_is_a_409_page(console_login):
    admin = console_login()
    admin.get("/console/institutions/new")
    admin.post("/console/institutions", {**NEW, "licence_no": "教民133072370009号"})
    admin.get("/console/institutions/new")
    again = {**NEW, "name": "另一家", "credit_code": "", "licence_no": "教民133072370009号"}
    page = text_of(admin.post("/console/institutions", again, status=409))
    assert "已存在相同的记录" in page
    assert "Traceback" not in page
    assert Institution.objects(licence_no="教民133072370009号").count() == 1
