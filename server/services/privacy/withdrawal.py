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

from models.complaint import AuditEntry, Complaint
from models.infra import IdempotencyRecord
from models.photo import Photo
from server.db.guarded import apply_update, as_mongo
from server.services import audit
from server.services.common.idempotency import parent_owner
from server.services.photos.unattached import delete_parents_unattached
from server.services.privacy.complaint_text import SCRUB_PROJECTION, scrubbed_fields

CUT = ("contact_phone", "parent", "idempotency")
ATTEMPTS = 5  # a staff action racing the withdrawal only delays its complaint's update


def _cut_one(collection, complaint_id, *, now):
    """Cut one complaint's ties to its parent and scrub it; whether it was written."""
    for _ in range(ATTEMPTS):
        raw = collection.find_one({"_id": complaint_id}, {**SCRUB_PROJECTION, "version": 1})
        if raw is None:
            return False
        entry = AuditEntry(at=now, by="system", action="parent_withdrew", detail={})
        fields = scrubbed_fields(raw, extra_audit=[as_mongo(entry)])
        version = raw.get("version", 1)
        update = {
            "$set": {**fields, "updated_at": now, "version": version + 1},
            "$unset": {name: "" for name in CUT},
        }
        if apply_update(collection, {"_id": complaint_id, "version": version}, update) == 1:
            return True
    return False


def withdraw(parent, *, now):
    """Delete what the service holds about `parent`, cut their complaints; what was done."""
    collection = Complaint._get_collection()
    ids = [raw["_id"] for raw in collection.find({"parent": parent.pk}, {"_id": 1})]
    cut = sum(_cut_one(collection, complaint_id, now=now) for complaint_id in ids)
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
