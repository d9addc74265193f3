"""The in-memory directory follows every write, whoever made it and however it was made."""

import os
import subprocess
import sys
import textwrap

import pytest
from bson import ObjectId

from models.institution import Institution, InstitutionJournal
from tests import conftest
from tests.support.directory_helpers import PUBLIC, create, names


def search(client, q):
    return names(client.get(PUBLIC, query_string={"q": q}))


def test_writes_through_the_model_are_seen_on_the_next_request(client):
    assert search(client, "明德") == []
    institution = Institution(name="明德学堂", kind="subject", status="pending").save()
    assert search(client, "mingde") == ["明德学堂"]  # keys computed although never stored
    Institution.objects(id=institution.id).update(set__status="blacklist")
    assert client.get(PUBLIC, query_string={"q": "明德"})["items"][0]["status"] == "blacklist"
    institution.reload()
    institution.name = "博文学堂"
    institution.save()
    assert search(client, "明德") == []
    assert search(client, "bowen") == ["博文学堂"]
    institution.delete()
    assert search(client, "博文") == []


def test_a_raw_write_seen_through_the_journal(client, admin):
    made = create(admin, "晨光书法工作室", kind="non_subject", category="arts")
    assert search(client, "晨光") == ["晨光书法工作室"]
    # What another process does: write, then journal the ids it touched.
    Institution._get_collection().update_one(
        {"_id": ObjectId(made["id"])}, {"$set": {"status": "revoked"}}
    )
    InstitutionJournal.record([made["id"]])
    assert client.get(PUBLIC, query_string={"q": "晨光"})["items"][0]["status"] == "revoked"


def test_more_changes_than_the_log_holds_rebuild_everything(client, admin):
    made = [create(admin, f"育才{n}号培训中心") for n in range(3)]
    assert client.get(PUBLIC, query_string={"q": "育才"})["total"] == 3
    collection = Institution._get_collection()
    collection.delete_one({"_id": ObjectId(made[0]["id"])})
    for _ in range(InstitutionJournal.LOG_SIZE + 5):
        InstitutionJournal.record([made[1]["id"]])
    assert search(client, "育才") == ["育才1号培训中心", "育才2号培训中心"]


def test_a_wiped_store_is_never_served_from_memory(client, admin):
    create(admin, "卓越数学培训学校")
    assert search(client, "卓越") == ["卓越数学培训学校"]
    conftest.empty_store()  # the journal goes too: a new epoch starts with the next write
    assert search(client, "卓越") == []
    Institution(name="卓越物理培训学校", kind="subject").save()
    assert search(client, "卓越") == ["卓越物理培训学校"]


@pytest.mark.skipif(not os.environ.get("MONGODB_URI"), reason="needs a MongoDB shared by processes")
def test_a_change_made_by_another_process_is_seen_on_the_next_request(client, admin):
    made = create(admin, "思源英语培训学校", status="whitelist")
    assert (
        client.get(f"{PUBLIC}/check", query_string={"name": "思源英语培训学校"})["verdict"]
        == "whitelist"
    )
    script = textwrap.dedent(
        f"""
        from server.app import create_app
        from server.services.admin import SYSTEM
        from server.services.archive import records as institutions
        create_app({{"APP_ENV": "test", "MONGODB_DB": "{conftest.test_db_name()}"}})
        found = institutions.get_institution("{made["id"]}", actor=SYSTEM)
        change = {{"status": "blacklist", "reason": "违规"}}
        institutions.change_status(found, change, actor=SYSTEM)
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, env=os.environ, timeout=60)
    verdict = client.get(f"{PUBLIC}/check", query_string={"name": "思源英语培训学校"})
    assert verdict["verdict"] == "blacklist"
