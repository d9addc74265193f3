"""Photos staff attach to a complaint they enter (a letter's scan, what a visitor showed).

They go through the same processing as parents' photos (real format, pixel budget, EXIF
stripped, re-encoded), are stored once per staff member by content hash, and need no
WeChat check: they never appear in the mini-program, and the bureau took them itself.
"""

import hashlib

from bson import ObjectId

from models.photo import Photo
from server import db
from server.clock import utcnow
from server.errors import validation_error
from server.services.common import Shape
from server.services.permissions import require
from server.services.photos.processing import process_photo
from server.services.photos.uploads import MAX_PHOTOS

NOT_YOURS = "图片不存在或不是您上传的"


class StaffUpload(Shape):
    """A photo a staff member uploaded: its id (for `photo_ids`), size and content hash."""

    id: str
    width: int
    height: int
    bytes: int
    sha256: str


def staff_upload_view(photo):
    """`photo` (a staff member's upload) as the staff API answers it."""
    return StaffUpload.answer(
        {
            "id": str(photo.id),
            "width": photo.width,
            "height": photo.height,
            "bytes": photo.bytes,
            "sha256": photo.sha256,
        }
    )


def upload_staff_photo(staff, data, *, now=None):
    """Store `data` as a photo `staff` uploaded (or find the same bytes stored before); 403
    unless the staff member records complaints."""
    require(staff, "enter_complaints")
    sha256 = hashlib.sha256(data).hexdigest()
    query = {"uploaded_by": staff.username, "sha256": sha256}
    photo = Photo.objects(**query).order_by("id").first()
    if photo is not None:
        return photo
    processed = process_photo(data)
    fs = db.grid_fs()
    return Photo(
        uploaded_by=staff.username,
        sha256=sha256,
        full_file=fs.put(processed.full, content_type="image/jpeg"),
        thumb_file=fs.put(processed.thumb, content_type="image/jpeg"),
        width=processed.width,
        height=processed.height,
        bytes=len(processed.full),
        moderation="pass",
        created_at=now or utcnow(),
    ).save()


def staff_photos(staff, photo_ids, *, field="photo_ids"):
    """The photos `photo_ids` names, each uploaded by `staff`; at most 9 (400 otherwise)."""
    if photo_ids is None:
        return []
    if not isinstance(photo_ids, list) or len(photo_ids) > MAX_PHOTOS:
        raise validation_error({field: f"应为图片编号的列表，最多 {MAX_PHOTOS} 张"})
    if not all(isinstance(value, str) and ObjectId.is_valid(value) for value in photo_ids):
        raise validation_error({field: NOT_YOURS})
    ids = list(dict.fromkeys(ObjectId(value) for value in photo_ids))
    found = {p.id: p for p in Photo.objects(id__in=ids, uploaded_by=staff.username)}
    if len(found) != len(ids):
        raise validation_error({field: NOT_YOURS})
    return [found[photo_id] for photo_id in ids]
