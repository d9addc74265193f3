"""Evidence photos on closing a rectification: re-encoded, stored in GridFS, staff-only."""

import io

from PIL import Image

from server.db import grid_fs
from tests.support.factories import make_institution
from tests.support.instants import local_date

URL = "/api/staff/v1/rectifications"


def jpeg(size=(64, 48), colour=(200, 30, 30)):
    """A real JPEG with EXIF, as a phone would send."""
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    Image.new("RGB", size, colour).save(out, "JPEG", exif=exif)
    return out.getvalue()


def open_one(now, admin):
    """Open a rectification through the API, due a week after `now`."""
    institution = make_institution("向日葵艺术", kind="non_subject")
    due = local_date(now, 7)
    body = {
        "institution_id": str(institution.id),
        "problems": ["教室消防通道堵塞"],
        "requirements": "清理消防通道",
        "due_date": due,
        "summary": "消防安全隐患，限期整改",
    }
    return admin.post(URL, json=body, status=201)


def close(admin, entry, files, status=200, evidence="已清理，附现场照片"):
    data = {"evidence": evidence, "photos": [(io.BytesIO(b), f"p{i}.jpg") for i, b in files]}
    return admin.post(
        f"{URL}/{entry['id']}/close",
        data=data,
        content_type="multipart/form-data",
        status=status,
    )


def gridfs_files():
    return len(list(grid_fs().find({})))


def test_photos_are_stored_re_encoded_and_served_to_staff(admin, login_staff, now):
    entry = open_one(now, admin)
    closed = close(admin, entry, [(0, jpeg()), (1, jpeg((40, 30), (0, 0, 255)))])
    photos = closed["evidence_photos"]
    assert [(p["width"], p["height"]) for p in photos] == [(64, 48), (40, 30)]
    url = f"{URL}/{entry['id']}/photos/{photos[0]['id']}"
    full = admin.get(url)
    assert full.mimetype == "image/jpeg"
    image = Image.open(io.BytesIO(full.data))
    assert image.size == (64, 48)
    assert not image.getexif()
    thumb = admin.get(f"{url}?size=thumb")
    assert Image.open(io.BytesIO(thumb.data)).format == "JPEG"
    assert login_staff("viewer", ["viewer"]).get(url).data == full.data
    assert gridfs_files() == 4  # full + thumb per photo


def test_a_bad_photo_refuses_the_close_and_stores_nothing(admin, now):
    entry = open_one(now, admin)
    body = close(admin, entry, [(0, jpeg()), (1, b"not an image at all")], status=400)
    assert body["code"] == "not_an_image"
    assert admin.get(f"{URL}/{entry['id']}")["status"] == "open"
    assert gridfs_files() == 0


def test_more_than_nine_photos_are_refused(admin, now):
    entry = open_one(now, admin)
    body = close(admin, entry, [(i, jpeg((16, 16))) for i in range(10)], status=400)
    assert "photos" in body["errors"]
    assert gridfs_files() == 0


def test_closing_a_closed_one_with_photos_stores_nothing(admin, now):
    entry = open_one(now, admin)
    close(admin, entry, [(0, jpeg())])
    before = gridfs_files()
    assert close(admin, entry, [(0, jpeg())], status=422)["code"] == "invalid_transition"
    assert gridfs_files() == before


def test_unknown_photos_and_sizes(admin, now):
    entry = open_one(now, admin)
    closed = close(admin, entry, [(0, jpeg())])
    photo = closed["evidence_photos"][0]["id"]
    admin.get(f"{URL}/{entry['id']}/photos/{'0' * 24}", status=404)
    admin.get(f"{URL}/{entry['id']}/photos/{photo}?size=huge", status=400)
    admin.get(f"{URL}/{'0' * 24}/photos/{photo}", status=404)


def test_parents_cannot_see_evidence(admin, parent, now):
    entry = open_one(now, admin)
    photo = close(admin, entry, [(0, jpeg())])["evidence_photos"][0]["id"]
    parent.get(f"{URL}/{entry['id']}/photos/{photo}", status=401)
