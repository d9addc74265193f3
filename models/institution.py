"""Institutions (校外培训机构): the bureau's archive and its black and white lists.

Every write to the collection through mongoengine (save, delete, queryset update or delete,
insert) is also recorded in `InstitutionJournal`, so each process's in-memory directory
index (server/services/directory/sync.py) notices it on its next request.
"""

import uuid

from mongoengine import (
    DateTimeField,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    FloatField,
    IntField,
    ListField,
    StringField,
)
from mongoengine.queryset import QuerySet

from models.base import BaseDocument
from models.choices import (
    INSTITUTION_CATEGORIES,
    INSTITUTION_KINDS,
    INSTITUTION_MODES,
    INSTITUTION_NATURES,
    INSTITUTION_STATUSES,
)

# GB 32100-2015: the 31 characters a unified social credit code may use, and the weights
# of its first 17 positions; the 18th is a check character.
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17):
    """The GB 32100-2015 check character for the first 17 characters of a credit code."""
    pairs = zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    total = sum(CREDIT_CODE_CHARSET.index(c) * w for c, w in pairs)
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def credit_code_is_valid(code):
    """Whether `code` is 18 characters of the charset with a correct check character."""
    if not isinstance(code, str) or len(code) != 18:
        return False
    if any(c not in CREDIT_CODE_CHARSET for c in code):
        return False
    return credit_code_check_char(code[:17]) == code[17]


HAS_CREDIT = {"credit_code": {"$type": "string"}}
HAS_LICENCE = {"licence_no": {"$type": "string"}}


class Location(EmbeddedDocument):
    """A GCJ-02 point, what wx.getLocation returns."""

    lat = FloatField(required=True, min_value=-90, max_value=90)
    lng = FloatField(required=True, min_value=-180, max_value=180)


class Teachers(EmbeddedDocument):
    """Teacher counts: total and with a teaching qualification."""

    total = IntField(min_value=0)
    qualified = IntField(min_value=0)


class Course(EmbeddedDocument):
    """A filed course (课程备案)."""

    name = StringField(required=True, max_length=100)
    subject = StringField(max_length=40)
    grades = StringField(max_length=60)
    class_hours = IntField(min_value=0)
    price_per_hour = FloatField(min_value=0)
    filing_no = StringField(max_length=60)


class PrepaidAccount(EmbeddedDocument):
    """The supervised account prepaid fees must go into (预收费监管账户)."""

    bank = StringField(max_length=100)
    account = StringField(max_length=60)


class StatusChange(EmbeddedDocument):
    """One change of list status: who, when, why."""

    status = StringField(required=True, choices=list(INSTITUTION_STATUSES))
    reason = StringField(max_length=500)
    at = DateTimeField(required=True)
    by = StringField()  # staff username; internal, never shown to parents


class InstitutionJournal(Document):
    """The change counter of the institutions collection, with its recent changes.

    `epoch` is new whenever the document is (re)created, so a wiped or different store never
    looks current; `log` holds the ids of the last LOG_SIZE changes, `{"ids": ["*"]}` meaning
    "anything may have changed".
    """

    KEY = "institutions"
    LOG_SIZE = 200
    EVERYTHING = "*"

    id = StringField(primary_key=True)
    epoch = StringField()
    seq = IntField(default=0)
    log = ListField()

    meta = {"collection": "institution_journal", "auto_create_index": False}

    @classmethod
    def record(cls, ids):
        """Count one change touching `ids` (any iterable of ids; ["*"] for everything)."""
        ids = [str(i) for i in ids]
        cls._get_collection().update_one(
            {"_id": cls.KEY},
            {
                "$inc": {"seq": 1},
                "$setOnInsert": {"epoch": uuid.uuid4().hex},
                "$push": {"log": {"$each": [{"ids": ids}], "$slice": -cls.LOG_SIZE}},
            },
            upsert=True,
        )

    @classmethod
    def record_everything(cls):
        """Count a change that may touch any institution (bulk writes)."""
        cls.record([cls.EVERYTHING])


class InstitutionQuerySet(QuerySet):
    """Queryset writes journal themselves: by id when few documents match, else everything."""

    def _matching_ids(self, limit=100):
        ids = list(self.clone().limit(limit + 1).scalar("id"))
        return ids if len(ids) <= limit else [InstitutionJournal.EVERYTHING]

    def update(self, *args, **kwargs):
        """Update, then journal the documents touched."""
        ids = self._matching_ids()
        result = super().update(*args, **kwargs)
        InstitutionJournal.record(ids or [InstitutionJournal.EVERYTHING])
        return result

    def delete(self, *args, **kwargs):
        """Delete, then journal the documents removed."""
        ids = self._matching_ids()
        result = super().delete(*args, **kwargs)
        InstitutionJournal.record(ids)
        return result

    def insert(self, doc_or_docs, *args, **kwargs):
        """Insert, then journal the new documents."""
        result = super().insert(doc_or_docs, *args, **kwargs)
        many = isinstance(doc_or_docs, list | tuple)
        InstitutionJournal.record([d.id for d in doc_or_docs] if many else [doc_or_docs.id])
        return result


class Institution(BaseDocument):
    """An off-campus training institution in the bureau's archive."""

    name = StringField(required=True, max_length=100)
    aliases = ListField(StringField(max_length=100))
    credit_code = StringField(max_length=18)
    licence_no = StringField(max_length=60)
    kind = StringField(choices=list(INSTITUTION_KINDS))
    category = StringField(choices=list(INSTITUTION_CATEGORIES))
    nature = StringField(choices=list(INSTITUTION_NATURES))
    mode = StringField(choices=list(INSTITUTION_MODES), default="offline")
    district = StringField(max_length=40)
    address = StringField(max_length=200)
    location = EmbeddedDocumentField(Location)
    phone = StringField(max_length=40)
    status = StringField(choices=list(INSTITUTION_STATUSES), default="pending", required=True)
    students = IntField(min_value=0)
    teachers = EmbeddedDocumentField(Teachers)
    courses = ListField(EmbeddedDocumentField(Course))
    prepaid_account = EmbeddedDocumentField(PrepaidAccount)
    business_hours = StringField(max_length=100)
    status_history = ListField(EmbeddedDocumentField(StatusChange))

    meta = {
        "collection": "institutions",
        "queryset_class": InstitutionQuerySet,
        "indexes": [
            # One institution per credit code and per licence number; documents without
            # one are not in the index (a partial index, unlike a sparse one, also skips
            # an explicit null).
            {"fields": ["credit_code"], "unique": True, "partialFilterExpression": HAS_CREDIT},
            {"fields": ["licence_no"], "unique": True, "partialFilterExpression": HAS_LICENCE},
            "district",
            "status",
            ("kind", "category"),
        ],
    }

    def save(self, *args, **kwargs):
        """Save, then journal the change."""
        result = super().save(*args, **kwargs)
        InstitutionJournal.record([self.id])
        return result
