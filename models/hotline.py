"""The 12345 hotline exchange: how the hotline's export names its columns (admin-kept)."""

from mongoengine import DictField, StringField

from models.base import BaseDocument


class HotlineColumns(BaseDocument):
    """Extra headers an admin added per field (field -> [header]), beside the defaults.

    One document (`key` "default"); the hotline's export has changed its headers before
    and will again, so the bureau adapts the import without a release.
    """

    key = StringField(primary_key=True, default="default")
    extra = DictField()
    updated_by = StringField()

    meta = {"collection": "hotline_columns"}
