"""Retention (PIPL): finished complaints lose phone, parent link and photos; figures stay.

The retention rules run at the edge instants: the cut-off is `retention_days` before `now`.
"""

from datetime import timedelta

import pytest
from bson import ObjectId

from models.complaint import Complaint
from models.photo import Photo
from server.db import grid_fs
from server.services.complaints.retention import anonymise_closed, anonymise_one
from server.worker import run_once
from tests.support import report_mix
from tests.support.factories import PhotoFactory, complaint_in
from tests.support.instants import at_edges, at_one_instant
from tests.support.report_mix import PERIOD

mix = report_mix.mix  # the known mix, filed and moved through the API

STAFF = "/api/staff/v1/complaints"
GONE = ("contact_phone", "parent")
pytestmark = pytest.mark.hours_of_the_day


def raw(no):
    """The stored document as MongoDB holds it."""
    return Complaint._get_collection().find_one({"no": no})


def files_of(photo_id):
    """The GridFS file ids of a photo (read before it is deleted)."""
    photo = Photo.objects.get(id=photo_id)
    return [photo.full_file, photo.thumb_file]


def set_raw(complaint, **fields):
    """Write stored fields directly (save() would stamp updated_at)."""
    Complaint._get_collection().update_one({"_id": complaint.pk}, {"$set": fields})


@at_one_instant  # the mix is dated in March: the hour of a June day changes nothing
def test_anonymising_removes_what_it_must_and_keeps_every_figure(
    app, mix, admin, login_parent, fake_wechat
):
    c1, c2 = (Complaint.objects.get(no=mix[key].no) for key in ("c1", "c2"))
    photo_ids = {"X": c1.photos[0].pk, "Y": c1.photos[1].pk, "Z": c2.supplements[0].photos[0].pk}
    files = {name: files_of(photo_id) for name, photo_id in photo_ids.items()}
    stats_before = admin.get(f"/api/staff/v1/stats?{PERIOD}")
    ledger_before = admin.get(f"/api/staff/v1/ledger/export?{PERIOD}&format=csv").data
    assert set(GONE) <= set(raw(mix["c1"].no))  # all there before

    result = app.test_cli_runner().invoke(args=["anonymise-closed", "--days", "30"])
    assert result.exit_code == 0, result.output
    # c1, c2 closed in March and c7 rejected then; c12 closed today; c9 joined c8, still open.
    assert result.output.strip() == "3 complaints anonymised, 2 photos deleted"

    for key in ("c1", "c2", "c7"):
        stored = raw(mix[key].no)
        assert not set(GONE) & set(stored), key
        assert stored["anonymised_at"] is not None
        assert stored["photos"] == []
        assert stored["audit"][-1]["action"] == "anonymise"
        assert stored["purge_photos"] == []
    for key in ("c5", "c9", "c12"):
        stored = raw(mix[key].no)
        assert stored.get("anonymised_at") is None
        assert stored["contact_phone"]
        assert stored["parent"]
    assert [s["photos"] for s in raw(mix["c2"].no)["supplements"]] == [[]]
    assert raw(mix["c2"].no)["supplements"][0]["text"] == "补充收费收据"
    fs = grid_fs()
    for name in ("Y", "Z"):  # shown only by anonymised complaints: gone, both sizes
        assert not Photo.objects(id=photo_ids[name])
        assert not any(map(fs.exists, files[name]))
    # X is shown by c5 too, which is kept: the photo stays until c5's turn comes.
    assert Photo.objects(id=photo_ids["X"]).count() == 1
    assert all(map(fs.exists, files["X"]))

    assert admin.get(f"/api/staff/v1/stats?{PERIOD}") == stats_before
    ledger_after = admin.get(f"/api/staff/v1/ledger/export?{PERIOD}&format=csv").data
    assert ledger_after == ledger_before

    parent = login_parent("mix-p1")
    parent.get(f"/api/mp/v1/complaints/{mix['c1'].no}", status=404)
    parent.get(f"/api/mp/v1/complaints/{mix['c5'].no}")
    detail = admin.get(f"{STAFF}/{mix['c1'].no}")
    assert detail["contact_phone"] is None
    assert detail["photos"] == []
    assert detail["retention"]["photos_removed"] == 2
    assert detail["retention"]["message"].startswith("已按规定删除")
    assert admin.post(f"{STAFF}/{mix['c1'].no}/contact", status=404)["code"] == "no_contact"

    # The worker's round: nothing left to anonymise; c1's waiting messages have no recipient.
    done = run_once(app, retention=True)
    assert done["retention"] == {"anonymised": 0, "photos_deleted": 0}
    outbox = raw(mix["c1"].no)["outbox"]
    assert outbox
    assert {m["status"] for m in outbox} == {"failed"}
    assert {m["last_error"] for m in outbox} == {"no recipient"}
    c1_numbers = [m for m in fake_wechat.sent_messages if mix["c1"].no in str(m)]
    assert c1_numbers == []
    assert len(fake_wechat.sent_messages) > 0


@at_edges
def test_the_worker_anonymises_after_retention_days_only(app, now):
    year = timedelta(days=365)
    old = complaint_in(
        "closed", closed_at=now - year - timedelta(minutes=1), photos=[PhotoFactory()]
    )
    recent = complaint_in("closed", closed_at=now - year + timedelta(minutes=1))
    done = run_once(app, now=now, retention=True)["retention"]
    assert done == {"anonymised": 1, "photos_deleted": 1}
    assert raw(old.no).get("anonymised_at")
    assert raw(recent.no).get("anonymised_at") is None
    assert "retention" not in run_once(app, now=now)  # a plain round leaves it alone


def test_a_merged_complaint_waits_for_the_one_it_joined(app, now):
    target = complaint_in("in_progress")
    merged = complaint_in("merged", merged_into=target.no)
    long_ago = now - timedelta(days=400)
    set_raw(merged, updated_at=long_ago)
    assert anonymise_closed(now=now, retention_days=365)["anonymised"] == 0
    set_raw(target, status="closed", closed_at=now)
    assert anonymise_closed(now=now, retention_days=365)["anonymised"] == 1
    assert "parent" not in raw(merged.no)


def test_a_complaint_reopened_meanwhile_is_left_alone(app, now):
    complaint = complaint_in("closed", closed_at=now - timedelta(days=400))
    seen = raw(complaint.no)
    set_raw(complaint, status="reopened", version=seen["version"] + 1)
    assert anonymise_one(seen, now=now, retention_days=365) is False
    assert Complaint.objects.get(no=complaint.no).contact_phone == "13812345678"


def test_photos_a_stopped_run_left_behind_are_deleted_next_time(app, now):
    photo = PhotoFactory()
    complaint = complaint_in("closed")
    set_raw(complaint, anonymised_at=now, purge_photos=[photo.pk, ObjectId()], purge_pending=True)
    assert anonymise_closed(now=now, retention_days=365) == {
        "anonymised": 0,
        "photos_deleted": 1,
    }
    assert not grid_fs().exists(photo.full_file)
    assert raw(complaint.no)["purge_photos"] == []
    assert "purge_pending" not in raw(complaint.no)
