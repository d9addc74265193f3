"""Uploads no complaint shows are deleted by the worker 24 hours after upload."""

from datetime import timedelta

import gridfs
import pytest
from bson import ObjectId

from models.photo import Photo
from server.db import grid_fs
from server.services.photos import sweep_unattached
from server.worker import run_once
from tests.support.complaint_support import body_for, make_institution, submit, upload_photo
from tests.support.factories import PhotoFactory, complaint_in, jpeg_bytes

DAY = timedelta(hours=24)


def upload(parent, shade):
    """Upload a distinct real JPEG through the API; its id."""
    return upload_photo(parent, jpeg_bytes(color=(shade, 90, 40)))["id"]


def files_exist(photo):
    """Whether both stored JPEGs of a photo are still in GridFS."""
    try:
        grid_fs().get(photo.full_file)
        grid_fs().get(photo.thumb_file)
    except gridfs.errors.NoFile:
        return False
    return True


def test_an_upload_nothing_shows_goes_24_hours_after_upload(app, parent, now):
    photo = Photo.objects.get(id=ObjectId(upload(parent, 10)))
    assert run_once(app, now=now + DAY - timedelta(minutes=1))["uploads_deleted"] == 0
    assert files_exist(photo)
    assert run_once(app, now=now + DAY + timedelta(minutes=1))["uploads_deleted"] == 1
    assert Photo.objects(id=photo.id).count() == 0
    assert not files_exist(photo)


def test_attached_uploads_stay_and_leave_the_sweep(app, parent, now, clock):
    in_complaint, in_supplement = upload(parent, 20), upload(parent, 30)
    no = submit(parent, body_for(make_institution(), photo_ids=[in_complaint]))["no"]
    clock.set(now + timedelta(hours=23))  # attached an hour before its upload's day ends
    path = f"/api/mp/v1/complaints/{no}/supplements"
    parent.post(path, json={"text": "收据照片", "photo_ids": [in_supplement]}, status=201)
    assert run_once(app, now=now + DAY + timedelta(hours=1))["uploads_deleted"] == 0
    assert run_once(app, now=now + 3 * DAY)["uploads_deleted"] == 0
    for photo_id in (in_complaint, in_supplement):
        stored = Photo._get_collection().find_one({"_id": ObjectId(photo_id)})
        assert stored is not None
        assert "unattached_until" not in stored  # out of the sweep's index
    shown = parent.get(f"/api/mp/v1/complaints/{no}")
    assert len(shown["photos"]) == 2


def test_a_submission_attaching_an_old_upload_pushes_its_date_on(app, parent, now, clock):
    photo_id = upload(parent, 40)
    clock.set(now + DAY - timedelta(minutes=1))
    assert Photo.objects.get(id=ObjectId(photo_id)).unattached_until < now + DAY + timedelta(
        minutes=1
    )
    submit(parent, body_for(make_institution(), photo_ids=[photo_id]))
    after = Photo.objects.get(id=ObjectId(photo_id)).unattached_until
    assert after >= now + 2 * DAY - timedelta(minutes=1)  # a day from the attaching write


def test_each_round_takes_a_bounded_batch_oldest_first(parent, now):
    ids = [upload(parent, shade) for shade in (50, 60, 70)]
    assert sweep_unattached(now=now + DAY + timedelta(minutes=1), limit=2) == 2
    assert [str(p.id) for p in Photo.objects] == ids[2:]
    assert sweep_unattached(now=now + DAY + timedelta(minutes=1), limit=2) == 1
    assert sweep_unattached(now=now + DAY + timedelta(minutes=1), limit=2) == 0


@pytest.mark.parametrize("shown", [True, False])
def test_migrate_store_dates_older_uploads(app, now, shown):
    photo = PhotoFactory(created_at=now - 3 * DAY)
    if shown:
        complaint_in("submitted", photos=[photo])
    result = app.test_cli_runner().invoke(args=["migrate-store"])
    assert f"unattached uploads dated: {0 if shown else 1} documents changed" in result.output
    assert sweep_unattached(now=now) == (0 if shown else 1)
    assert Photo.objects(id=photo.id).count() == (1 if shown else 0)
