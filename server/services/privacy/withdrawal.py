"""A parent withdraws (PIPL Art. 47): `DELETE /api/mp/v1/me`.

At once: the parent's subscriptions and account go (the parent document is deleted, so
their tokens stop working and a later sign-in with the same WeChat account starts a new,
empty one), their uploads no complaint shows are deleted, and their Idempotency-Key
records go. Complaints the bureau must still handle stay, but lose every tie to the
parent as retention does: each loses its contact phone, parent link and Idempotency-Key,
has its free text scrubbed (the parent's own phone however written) and records a
`parent_withdrew` audit entry by `system`, in one update guarded on its version; the
photos it shows stay as evidence but no longer name an owner. A subscribe message still
waiting in an outbox then finds no recipient and is never sent. The withdrawal is on the
security audit by the parent's former internal id, which nothing else holds any more.
"""

from models.infra import IdempotencyRecord
from models.photo import Photo
from server.services import audit
from server.services.common.idempotency import parent_owner
from server.services.complaints import cut_parent_ties
from server.services.photos.unattached import delete_parents_unattached


def withdraw(parent, *, now):
    """Delete what the service holds about `parent`, cut their complaints; what was done."""
    cut = cut_parent_ties(parent, now=now)
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
    return done
