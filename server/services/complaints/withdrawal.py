"""A parent withdraws (PIPL Art. 47): their complaints lose every tie to them.

Complaints the bureau must still handle stay, but as retention does each loses its
contact phone, parent link and Idempotency-Key, has its free text scrubbed (the parent's
own phone however written) and records a `parent_withdrew` audit entry by `system`, in
one update guarded on its version. privacy.withdraw runs this (handed in by the API) with
the rest of the withdrawal.
"""

from models.complaint import AuditEntry, Complaint
from server.services.complaints.scrubbing import SCRUB_PROJECTION, scrubbed_fields
from server.services.complaints.store.guarded import apply_update, as_mongo

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


def cut_parent_ties(parent, *, now):
    """Cut every complaint of `parent` loose from them and scrub it; how many were written."""
    collection = Complaint._get_collection()
    ids = [raw["_id"] for raw in collection.find({"parent": parent.pk}, {"_id": 1})]
    return sum(_cut_one(collection, complaint_id, now=now) for complaint_id in ids)
