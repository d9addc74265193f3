"""Parents' photos: stored once per parent in GridFS, shown only to their owner (and staff).

`server.services.photos.processing` turns untrusted bytes into safe JPEGs; this module stores them,
de-duplicates by the SHA-256 of the uploaded bytes per parent (the same bytes again give
the same photo id, without decoding them again), hands new photos to WeChat's check and
answers who may see which photo. `own_photos` is the one check every endpoint that
attaches photos to a complaint uses.
"""

import hashlib
from datetime import timedelta

from bson import ObjectId

from models.photo import Photo
from server import db
from server.clock import utcnow
from server.errors import AppError, validation_error
from server.services.caps import take as take_cap
from server.services.common import Shape, described, rate_limit
from server.services.photos import moderation
from server.services.photos.media_links import PROBE_ID, probe_jpeg
from server.services.photos.processing import process_photo

MAX_PHOTOS = 9
UNATTACHED_LIFETIME = timedelta(hours=24)  # an upload no complaint shows is deleted after it
# A photo WeChat found risky is hidden from everyone but staff, its own parent included.
HIDDEN_FROM_PARENTS = ("risky",)


def upload_photo(
    parent,
    data,
    *,
    wechat,
    media_links,
    per_window=30,
    window_minutes=10,
    now=None,
    caps=None,
    address=None,
):
    """Store `data` as `parent`'s photo (or find the same bytes stored before); the Photo.

    Every upload counts against the parent's limit first (429 `rate_limited`), then against
    the caps of its client address and of the service (`caps`), before any decoding: a
    parent's phone sends a handful of photos, a script sends thousands.
    """
    rate_limit(
        f"uploads:{parent.id}",
        count=per_window,
        minutes=window_minutes,
        what="上传 {count} 张图片",
        now=now,
    )
    if caps is not None:
        take_cap("uploads", address, settings=caps, now=now)
    sha256 = hashlib.sha256(data).hexdigest()
    photo = Photo.objects(owner=parent, sha256=sha256).order_by("id").first()
    if photo is None:
        photo = _store(parent, sha256, process_photo(data))
        moderation.submit_photo(photo, parent.openid, wechat=wechat, media_links=media_links)
    elif photo.moderation == "unchecked":
        # WeChat was down the first time; the retried upload is a chance to check it now.
        moderation.submit_photo(photo, parent.openid, wechat=wechat, media_links=media_links)
    if photo.moderation in HIDDEN_FROM_PARENTS:
        raise AppError("content_rejected")
    return photo


class Upload(Shape):
    """A stored upload as the parent's client sees it (its id goes into photo_ids)."""

    id: str
    width: int
    height: int
    bytes: int
    sha256: str
    moderation: described(str, "微信内容安全检测：pending/pass/review/unchecked")


def upload_item(photo):
    """The upload's answer."""
    return Upload.answer(
        {
            "id": str(photo.id),
            "width": photo.width,
            "height": photo.height,
            "bytes": photo.bytes,
            "sha256": photo.sha256,
            "moderation": photo.moderation,
        }
    )


def _store(parent, sha256, processed):
    """Write both JPEGs to GridFS and the Photo; two racing uploads keep the older one."""
    fs = db.grid_fs()
    full_id = fs.put(processed.full, content_type="image/jpeg")
    thumb_id = fs.put(processed.thumb, content_type="image/jpeg")
    created = utcnow()  # by the app's clock: the pending and unattached sweeps count from here
    photo = Photo(
        owner=parent,
        sha256=sha256,
        full_file=full_id,
        thumb_file=thumb_id,
        width=processed.width,
        height=processed.height,
        bytes=len(processed.full),
        moderation="pending",
        created_at=created,
        unattached_until=created + UNATTACHED_LIFETIME,
    ).save()
    # No unique index (retention clears owners, which would then collide): instead every
    # racer picks the smallest id, and the others delete their copy.
    first = Photo.objects(owner=parent, sha256=sha256).order_by("id").first()
    if first.id != photo.id:
        delete_photo(photo)
        return first
    return photo


def delete_photo(photo):
    """Remove a photo and its two stored files."""
    fs = db.grid_fs()
    fs.delete(photo.full_file)
    fs.delete(photo.thumb_file)
    photo.delete()


def own_photos(parent, photo_ids, *, field="photo_ids"):
    """The photos `photo_ids` names, each existing and owned by `parent`; at most 9.

    None means none. Anything else that is not a list of ids of this parent's photos
    answers 400 `validation_error` naming `field`; so does a photo WeChat found risky.
    Repeated ids count once, and the order given is kept.
    """
    if photo_ids is None:
        return []
    if not isinstance(photo_ids, list):
        raise validation_error({field: "必须是图片编号的列表"})
    if len(photo_ids) > MAX_PHOTOS:
        raise validation_error({field: f"最多上传 {MAX_PHOTOS} 张图片"})
    if not all(isinstance(value, str) and ObjectId.is_valid(value) for value in photo_ids):
        raise validation_error({field: "图片不存在或不属于您"})
    ids = list(dict.fromkeys(ObjectId(value) for value in photo_ids))
    found = {photo.id: photo for photo in Photo.objects(id__in=ids, owner=parent)}
    if len(found) != len(ids):
        raise validation_error({field: "图片不存在或不属于您"})
    if any(photo.moderation in HIDDEN_FROM_PARENTS for photo in found.values()):
        raise validation_error({field: "有图片未通过安全检测，请删除后重新提交"})
    # Being attached now: the unattached sweep must not take them while the write lands.
    Photo.objects(id__in=ids, unattached_until__exists=True).update(
        set__unattached_until=utcnow() + UNATTACHED_LIFETIME
    )
    return [found[photo_id] for photo_id in ids]


def visible_to_parent(photo):
    """Whether the parent may see this photo of theirs (not found risky by WeChat)."""
    return photo.moderation not in HIDDEN_FROM_PARENTS


def photo_for_owner(parent, photo_id):
    """The parent's own visible photo; 404 for anyone else's, a risky one or a bad id."""
    if not ObjectId.is_valid(photo_id):
        raise AppError("not_found")
    photo = Photo.objects(id=ObjectId(photo_id), owner=parent).first()
    if photo is None or not visible_to_parent(photo):
        raise AppError("not_found")
    return photo


def media_link_jpeg(token, *, links):
    """The JPEG a media link names, once `links` (MediaLinks) verified it (WeChat's fetch, or
    check-wechat's probe); 404 for a forged, altered or expired link, or a photo gone."""
    photo_id = links.photo_id(token)
    if photo_id == PROBE_ID:
        return probe_jpeg()
    return read_photo(photo_for_media_link(photo_id), "full")


def photo_for_media_link(photo_id):
    """The photo a verified media link names (WeChat's fetch); 404 if it is gone."""
    photo = Photo.objects(id=photo_id).first() if photo_id and ObjectId.is_valid(photo_id) else None
    if photo is None:
        raise AppError("not_found")
    return photo


def parent_link_jpeg(token, *, links, now):
    """The JPEG a parent's photo link names at its size, once `links` (PhotoLinks) verified
    it at `now`; 404 for a forged, altered or expired link, or a photo gone or found risky."""
    opened = links.read(token, now=now)
    if opened is None:
        raise AppError("not_found")
    photo_id, size = opened
    photo = photo_for_media_link(photo_id)
    if photo.owner is None or not visible_to_parent(photo):
        raise AppError("not_found")
    return read_photo(photo, size)


def read_photo(photo, size="full"):
    """The stored JPEG bytes of `photo` at `size` ("full" or "thumb", see args.photo_size)."""
    file_id = photo.thumb_file if size == "thumb" else photo.full_file
    return db.grid_fs().get(file_id).read()
