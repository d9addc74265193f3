"""A complaint's ties to its parent and its free text, for the parents' rights (PIPL).

- `scrubbed_fields(raw)`: the `$set` replacing, scrubbed, every text a person may have
  written an identifier into: the description, the supplements, the timeline (status
  messages and public replies), the audit trail's details (reasons, replies, measures),
  internal notes, the rating's comment, the measures and the outbox's message data; the
  parent's own phone, unsealed from the stored value, is removed however it is written.
  Whole lists are replaced, so a caller adding an audit entry in the same update appends
  it here (`extra_audit`) rather than with `$push`. Retention and withdrawal use it.
- `cut_parent_ties(parent, now=)`: a parent withdrew; each of their complaints loses its
  contact phone, parent link and Idempotency-Key, has its free text scrubbed and records
  `parent_withdrew` by `system`, in one update guarded on its version. A subscribe message
  still waiting in its outbox then finds no recipient and is never sent.
- `photos_in_use(ids)`: which photos a complaint or a supplement shows (the unattached
  uploads sweep keeps those).
"""

from models import sealed
from models.complaint import AuditEntry, Complaint
from server.db.guarded import apply_update, as_mongo
from server.services.common.scrub import scrub_text, scrub_value

PHONE_LABEL = "complaints.contact_phone"
CUT = ("contact_phone", "parent", "idempotency")
ATTEMPTS = 5  # a staff action racing the withdrawal only delays its complaint's update
SCRUB_PROJECTION = dict.fromkeys(
    (
        "description",
        "supplements",
        "timeline",
        "audit",
        "notes",
        "rating",
        "measures",
        "outbox",
        "contact_phone",
    ),
    1,
)


def phones_of(raw):
    """The clear phones stored on a raw complaint (its contact phone, when readable)."""
    phone = sealed.unseal(raw.get("contact_phone"), label=PHONE_LABEL)
    return [phone] if phone else []


def _each(items, key, phones):
    """Each embedded dict with its `key` scrubbed."""
    return [dict(item, **{key: scrub_value(item.get(key), phones)}) for item in items or []]


def scrubbed_fields(raw, *, extra_audit=()):
    """The `$set` replacing every free text of `raw` by its scrubbed form."""
    phones = phones_of(raw)
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
    """Cut every complaint of `parent` from them and scrub it; how many were cut."""
    collection = Complaint._get_collection()
    ids = [raw["_id"] for raw in collection.find({"parent": parent.pk}, {"_id": 1})]
    return sum(_cut_one(collection, complaint_id, now=now) for complaint_id in ids)


def photos_in_use(photo_ids):
    """The ids among `photo_ids` that a complaint or a supplement shows."""
    if not photo_ids:
        return set()
    ids = list(photo_ids)
    query = {"$or": [{"photos": {"$in": ids}}, {"supplements.photos": {"$in": ids}}]}
    used = set()
    for raw in Complaint._get_collection().find(query, {"photos": 1, "supplements.photos": 1}):
        used.update(raw.get("photos") or [])
        for supplement in raw.get("supplements") or []:
            used.update(supplement.get("photos") or [])
    return used & set(ids)
