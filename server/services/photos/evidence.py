"""Photos that prove a rectification was done: checked and re-encoded like a parent's
photo (`process_photo`: no metadata, no GPS, no bombs), stored in GridFS, staff-only.
"""

from bson import ObjectId

from models.rectification import EvidencePhoto
from server.db import grid_fs
from server.errors import AppError, validation_error
from server.services.photos.processing import process_photo

MAX_PHOTOS = 9
SIZES = {"full": "full_file", "thumb": "thumb_file"}


def check_photos(uploads):
    """Process every uploaded photo (bytes) before anything is stored; raises AppError."""
    if len(uploads) > MAX_PHOTOS:
        raise validation_error({"photos": f"最多上传 {MAX_PHOTOS} 张照片"})
    return [process_photo(data) for data in uploads]


def store_photos(processed):
    """Write processed photos to GridFS; returns their EvidencePhoto records."""
    fs, stored = grid_fs(), []
    for photo in processed:
        meta = {"kind": "rectification_evidence"}
        full = fs.put(photo.full, content_type="image/jpeg", metadata=meta)
        thumb = fs.put(photo.thumb, content_type="image/jpeg", metadata=meta)
        stored.append(
            EvidencePhoto(
                id=ObjectId(),
                full_file=full,
                thumb_file=thumb,
                width=photo.width,
                height=photo.height,
                sha256=photo.sha256,
            )
        )
    return stored


def delete_photos(photos):
    """Remove stored photos' files (when the close they belonged to did not happen)."""
    fs = grid_fs()
    for photo in photos:
        fs.delete(photo.full_file)
        fs.delete(photo.thumb_file)


def evidence_image(rectification, photo_id, size="full"):
    """The JPEG bytes of one evidence photo at `size` (full or thumb); 404 if unknown."""
    for photo in rectification.evidence_photos:
        if str(photo.id) == str(photo_id):
            stored = grid_fs().find_one({"_id": getattr(photo, SIZES[size])})
            if stored is not None:
                return stored.read()
    raise AppError("not_found")
