"""A complaint's personal data: free text scrubbed (retention, withdrawal), parent ties cut.

`scrubbed_fields(raw)` takes a stored complaint (a raw dict with at least
SCRUB_PROJECTION) and returns the `$set` that replaces, scrubbed, every text a person may
have written an identifier into: the description, the supplements, the timeline (status
messages and public replies), the audit trail's details (reasons, replies, measures),
internal notes, the rating's comment, the measures and the outbox's message data. The
parent's own phone, unsealed from the stored value, is removed wherever and however it
is written. Whole lists are replaced, so a caller adding an audit entry in the same
update appends it to `audit` here (`extra_audit`) rather than with `$push`.
"""

from models import sealed
from models.complaint import AuditEntry, Complaint
from server.services.complaints.store.guarded import apply_update, as_mongo
from server.services.privacy import scrub_text, scrub_value

PHONE_LABEL = "complaints.contact_phone"
SCRUB_PROJECTION = {
    name: 1
    for name in (
        "description",
        "supplements",
        "timeline",
        "audit",
        "notes",
        "rating",
        "measures",
        "outbox",
        "contact_phone",
    )
}


def phones_of(raw):
    """The clear phones stored on a raw complaint (its contact phone, when readable)."""
    phone = sealed.unseal(raw.get("contact_phone"), label=PHONE_LABEL)
    return [phone] if phone else []


def _each(items, key, phones):
    """Each embedded dict with its `key` scrubbed."""
    return [dict(item, **{key: scrub_value(item.get(key), phones)}) for item in items or []]


def scrubbed_fields(raw, *, extra_audit=(), phones=None):
    """The `$set` replacing every free text of `raw` by its scrubbed form."""
    phones = phones_of(raw) if phones is None else phones
    fields = {
        "supplements": _each(raw.get("supplements"), "text", phones),
        "timeline": _each(raw.get("timeline"), "message", phones),
        "audit": _each(raw.get("audit"), "detail", phones) + list(extra_audit),
        "notes": _each(raw.get("notes"), "text", phones),
        "outbox": _each(raw.get("outbox"), "data", phones),
    }
    if raw.get("description"):
        fields["description"] = scrub_text(raw["description"], phones)
    if raw.get("measures"):
        fields["measures"] = scrub_text(raw["measures"], phones)
    if raw.get("rating"):
        fields["rating"] = dict(
            raw["rating"], comment=scrub_text(raw["rating"].get("comment"), phones)
        )
    return fields


CUT = ("contact_phone", "parent")
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
    """Cut every complaint of `parent` loose from them, scrubbed; how many were written."""
    collection = Complaint._get_collection()
    ids = [raw["_id"] for raw in collection.find({"parent": parent.pk}, {"_id": 1})]
    return sum(_cut_one(collection, complaint_id, now=now) for complaint_id in ids)
