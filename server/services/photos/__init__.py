"""Photos: untrusted bytes made safe, stored, linked and checked by WeChat.

This `__init__` is the domain's face: the names other packages may call (`__all__`).
"""

from server.services.photos.evidence import (
    check_photos,
    delete_photos,
    evidence_image,
    store_photos,
)
from server.services.photos.media_links import MEDIA_PATH, PROBE_ID, MediaLinks
from server.services.photos.moderation import check_report_text
from server.services.photos.photo_links import PHOTO_LINK_PATH, PhotoLink, PhotoLinks
from server.services.photos.processing import MAX_BYTES, set_decode_slots
from server.services.photos.pushes import answer_echo, receive_push
from server.services.photos.review import (
    on_unchecked,
    reason_view,
    sweep_pending_photos,
    unchecked_among,
)
from server.services.photos.staff_uploads import (
    StaffUpload,
    staff_photos,
    staff_upload_view,
    upload_staff_photo,
)
from server.services.photos.unattached import (
    delete_parents_unattached,
    photos_in_use,
    shown_by,
    sweep_unattached,
)
from server.services.photos.uploads import (
    Upload,
    delete_photo,
    media_link_jpeg,
    own_photos,
    parent_link_jpeg,
    photo_for_owner,
    read_photo,
    upload_item,
    upload_photo,
    visible_to_parent,
)

__all__ = [
    "answer_echo",
    "check_photos",
    "check_report_text",
    "delete_parents_unattached",
    "delete_photo",
    "delete_photos",
    "evidence_image",
    "MAX_BYTES",
    "media_link_jpeg",
    "MEDIA_PATH",
    "MediaLinks",
    "on_unchecked",
    "own_photos",
    "parent_link_jpeg",
    "photo_for_owner",
    "PHOTO_LINK_PATH",
    "PhotoLink",
    "PhotoLinks",
    "photos_in_use",
    "PROBE_ID",
    "read_photo",
    "reason_view",
    "receive_push",
    "set_decode_slots",
    "shown_by",
    "staff_photos",
    "staff_upload_view",
    "StaffUpload",
    "store_photos",
    "sweep_pending_photos",
    "sweep_unattached",
    "unchecked_among",
    "Upload",
    "upload_item",
    "upload_photo",
    "upload_staff_photo",
    "visible_to_parent",
]
