"""Uploads never attached to a complaint are deleted 24 hours after upload (PIPL Art. 19).

Every upload carries `unattached_until` (upload time + 24 hours; a submission attaching it
pushes it on, so the sweep never takes a photo while its complaint is being written). Each
worker round reads at most `limit` photos past it (a sparse index holds only those still
carrying the field), keeps those a complaint or a supplement shows (`in_use`, answered by
the complaints domain; the field is unset, so they leave the index) and deletes the rest
with their files, each delete guarded on the date it read, so a photo attached meanwhile
stays. `delete_parents_unattached` does the
same at once for one parent who withdraws (DELETE /api/mp/v1/me).
"""

import logging

from models.photo import Photo
from server.db import grid_fs

log = logging.getLogger(__name__)
SWEEP_BATCH = 200


def _settle(photos, in_use):
    """Keep the photos in use (unset their date), delete the others; how many went."""
    used = in_use([photo.id for photo in photos])
    deleted = 0
    for photo in photos:
        if photo.id in used:
            Photo.objects(id=photo.id).update(unset__unattached_until=True)
            continue
        guard = {"id": photo.id, "unattached_until": photo.unattached_until}
        if Photo.objects(**guard).delete() == 1:
            grid_fs().delete(photo.full_file)
            grid_fs().delete(photo.thumb_file)
            deleted += 1
    return deleted


def sweep_unattached(*, now, in_use, limit=SWEEP_BATCH):
    """Delete up to `limit` uploads past their date that nothing shows; how many went.
    `in_use(ids)` names the ones a complaint shows (the complaints domain answers it)."""
    due = list(
        Photo.objects(unattached_until__lte=now)
        .order_by("unattached_until")
        .limit(limit)
        .only("id", "unattached_until", "full_file", "thumb_file")
    )
    deleted = _settle(due, in_use)
    if deleted:
        log.info("%d uploads deleted: never attached within 24 hours", deleted)
    return deleted


def delete_parents_unattached(parent, *, in_use):
    """Delete every upload of `parent` that nothing shows, now; how many went."""
    mine = Photo.objects(owner=parent).only("id", "unattached_until", "full_file", "thumb_file")
    return _settle([photo for photo in mine if photo.unattached_until is not None], in_use)
