"""A parent withdraws (PIPL Art. 47): `DELETE /api/mp/v1/me`.

At once: the parent's subscriptions and account go (the parent document is deleted, so
their tokens stop working and a later sign-in with the same WeChat account starts a new,
empty one), their uploads no complaint shows are deleted, and their Idempotency-Key
records go. Complaints the bureau must still handle stay but lose every tie to the parent
(complaints.cut_parent_ties, handed in: this domain reads no complaint); the photos they
show stay as evidence but no longer name an owner. A subscribe message still
waiting in an outbox then finds no recipient and is never sent. The withdrawal is on the
security audit by the parent's former internal id, which nothing else holds any more.
"""

from models.infra import IdempotencyRecord
from models.photo import Photo
from server.services import audit
from server.services.common import parent_owner
from server.services.photos import delete_parents_unattached
from server.services.privacy.data_shapes import Withdrawn


def withdraw(parent, *, now, cut_complaints):
    """Delete what the service holds about `parent`; `cut_complaints(parent, now=now)` (the
    complaints package's, handed in by the API) cuts their complaints. What was done."""
    cut = cut_complaints(parent, now=now)
    uploads = delete_parents_unattached(parent)
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
    return Withdrawn.answer(done)
