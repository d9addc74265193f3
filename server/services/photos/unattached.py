"""Uploads never attached to a complaint are deleted 24 hours after upload (PIPL Art. 19).

Every upload carries `unattached_until` (upload time + 24 hours; a submission attaching it
pushes it on, so the sweep never takes a photo while its complaint is being written). Each
worker round reads at most `limit` photos past it (a sparse index holds only those still
carrying the field), keeps those a complaint or a supplement shows (the field is unset:
they leave the index) and deletes the rest with their files, each delete guarded on the
date it read, so a photo attached meanwhile stays. `delete_parents_unattached` does the
same at once for one parent who withdraws (DELETE /api/mp/v1/me).

Which photos are still shown is asked of whoever shows them (`shown_by`; the app
registers complaints.photos_shown at start): the photos domain reads no complaint.
"""

import logging

from models.photo import Photo
from server.db import grid_fs

log = logging.getLogger(__name__)
SWEEP_BATCH = 200
_checks = []  # callables (photo ids) -> the ids among them that something still shows


def shown_by(check):
    """Ask `check(photo_ids)` which photos are still shown before deleting any (once each)."""
    if check not in _checks:
        _checks.append(check)


def photos_in_use(photo_ids):
    """The ids among `photo_ids` that anything registered with `shown_by` still shows."""
    if not photo_ids:
        return set()
    return set().union(*(check(list(photo_ids)) for check in _checks))


def _settle(photos):
    """Keep the photos in use (unset their date), delete the others; how many went."""
    used = photos_in_use([photo.id for photo in photos])
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


def sweep_unattached(*, now, limit=SWEEP_BATCH):
    """Delete up to `limit` uploads past their date that nothing shows; how many went."""
    due = list(
        Photo.objects(unattached_until__lte=now)
        .order_by("unattached_until")
        .limit(limit)
        .only("id", "unattached_until", "full_file", "thumb_file")
    )
    deleted = _settle(due)
    if deleted:
        log.info("%d uploads deleted: never attached within 24 hours", deleted)
    return deleted


def delete_parents_unattached(parent):
    """Delete every upload of `parent` that nothing shows, now; how many went."""
    mine = Photo.objects(owner=parent).only("id", "unattached_until", "full_file", "thumb_file")
    return _settle([photo for photo in mine if photo.unattached_until is not None])
