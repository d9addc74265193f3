"""Routing rules: an ordered list, first match names the queue a complaint goes to."""

from mongoengine import (
    BooleanField,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    ReferenceField,
    StringField,
)

from models.base import BaseDocument
from models.choices import COMPLAINT_CATEGORIES, INSTITUTION_CATEGORIES, INSTITUTION_KINDS
from models.queue import Queue


class RuleConditions(EmbeddedDocument):
    """What a complaint must match; an empty list or None matches anything."""

    categories = ListField(StringField(choices=list(COMPLAINT_CATEGORIES)))
    institution_kinds = ListField(StringField(choices=list(INSTITUTION_KINDS)))
    institution_categories = ListField(StringField(choices=list(INSTITUTION_CATEGORIES)))
    districts = ListField(StringField())
    institution_listed = BooleanField(null=True)  # True: from the archive; False: free text


class RoutingRule(BaseDocument):
    """One rule: conditions -> queue (and whether matching complaints are urgent)."""

    name = StringField(required=True, max_length=100)
    order = IntField(required=True)
    conditions = EmbeddedDocumentField(RuleConditions, default=RuleConditions)
    queue = ReferenceField(Queue, required=True)
    urgent = BooleanField(default=False)
    active = BooleanField(default=True)

    meta = {"collection": "routing_rules", "ordering": ["order"]}
