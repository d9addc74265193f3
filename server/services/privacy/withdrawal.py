"""A parent withdraws (PIPL Art. 47): `DELETE /api/mp/v1/me`.

At once: the parent's subscriptions and account go (the parent document is deleted, so
their tokens stop working and a later sign-in with the same WeChat account starts a new,
empty one), their uploads no complaint shows are deleted, and their Idempotency-Key
records go. Complaints the bureau must still handle stay, but lose every tie to the
parent as retention does (`cut_parent_ties`: phone, parent link and Idempotency-Key gone,
free text scrubbed, `parent_withdrew` on each trail); the photos they show stay as
evidence but no longer name an owner. The withdrawal is on the security audit by the
parent's former internal id, which nothing else holds any more.
"""

from models.infra import IdempotencyRecord
from models.photo import Photo
from server.services import audit
from server.services.common.idempotency import parent_owner
from server.services.complaints.personal_data import cut_parent_ties, photos_in_use
from server.services.photos.unattached import delete_parents_unattached


def withdraw(parent, *, now):
    """Delete what the service holds about `parent`, cut their complaints; what was done."""
    cut = cut_parent_ties(parent, now=now)
    uploads = delete_parents_unattached(parent, in_use=photos_in_use)
    Photo.objects(owner=parent).update(unset__owner=True)
    IdempotencyRecord.objects(owner=parent_owner(parent)).delete()
    parent.delete()
    done = {"complaints": cut, "uploads_deleted": uploads}
    audit.record(
        actor=None,
        action=audit.PARENT_WITHDREW,
        target=f"parent:{parent.pk}",
        details=done,
        now=now,
    )
    return done
