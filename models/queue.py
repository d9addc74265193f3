"""Queues: the bureau's departments that own complaints (one queue per complaint)."""

from mongoengine import BooleanField, IntField, StringField

from models.base import BaseDocument


class Queue(BaseDocument):
    """A department's work queue, e.g. 校外培训监管股; `key` is stable, `name` is shown."""

    key = StringField(required=True, unique=True, regex=r"^[a-z][a-z0-9_]{1,39}$")
    name = StringField(required=True, max_length=60)
    is_default = BooleanField(default=False)  # the triage queue (综合受理) for unrouted complaints
    order = IntField(default=0)
    active = BooleanField(default=True)

    meta = {"collection": "queues", "ordering": ["order", "key"]}

    def to_ref(self):
        """The `{"id", "key", "name"}` shape used wherever a queue appears."""
        return {"id": str(self.id), "key": self.key, "name": self.name}
