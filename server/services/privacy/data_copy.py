"""What the service holds about the signed-in parent, as JSON (PIPL Art. 45: see and copy).

The account (when it was made, last sign-in, the subscribe messages accepted and not yet
used), every complaint of theirs as they read it (texts, signed photo links, supplements,
rating and timeline; the phone masked as in every answer), and their uploads no complaint
shows yet. Nothing of anyone else's: every read is by this parent's id. Each copy is on
the security audit (by the parent's internal id, never the openid).
"""

from models.photo import Photo
from server.services import audit
from server.services.photos import photos_in_use, visible_to_parent
from server.services.privacy.data_shapes import MyData


def _iso(value):
    return value.isoformat() if value else None


def unattached_uploads(parent, links, now):
    """The parent's uploads no complaint shows: id, when, and links to the visible ones."""
    mine = list(Photo.objects(owner=parent).only("id", "created_at", "moderation"))
    used = photos_in_use([photo.id for photo in mine])
    uploads = []
    for photo in mine:
        if photo.id in used:
            continue
        item = {"id": str(photo.id), "uploaded_at": _iso(photo.created_at)}
        item["url"] = item["thumb_url"] = None
        if visible_to_parent(photo):
            item.update(links.photo_ref(photo, now=now))
        uploads.append(item)
    return uploads


def my_data(parent, *, complaints_of, links, now):
    """Everything held about `parent`; `complaints_of(parent)` (the complaints package's
    reader, handed in by the API, keyed by this parent) gives their complaints as the parent
    detail shows them. The copy is put on the security audit."""
    complaints = list(complaints_of(parent))
    held = {
        "account": {
            "created_at": _iso(parent.created_at),
            "last_login_at": _iso(parent.last_login_at),
            "subscriptions": [
                {"template_id": s.template_id, "count": s.count} for s in parent.subscriptions
            ],
        },
        "complaints": complaints,
        "uploads": unattached_uploads(parent, links, now),
    }
    counts = {"complaints": len(complaints), "uploads": len(held["uploads"])}
    audit.record(
        actor=None,
        action=audit.PERSONAL_DATA_COPIED,
        target=f"parent:{parent.pk}",
        details=counts,
        now=now,
    )
    return MyData.answer(held)
