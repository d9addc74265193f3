"""The indexes the app needs, created explicitly (`flask create-indexes`), never lazily.

mongoengine would build each model's indexes inside its first query in each process, and
if one build raised (an election, an options conflict) it never retried and skipped the
rest, so a unique index that idempotency keys or tracking numbers rely on might never
exist. Every model sets `auto_create_index: False`; this module lists what models/ declare
(plus GridFS's own two indexes), creates them idempotently, reports conflicts and builds
still running, and tells /readyz what is missing.
"""

import importlib
import logging
import pkgutil

import mongoengine
import pymongo
from mongoengine import Document
from pymongo import IndexModel
from pymongo.errors import OperationFailure

import models
from server import db as store

log = logging.getLogger(__name__)

GRIDFS = {
    "fs.files": [IndexModel([("filename", 1), ("uploadDate", 1)], name="filename_1_uploadDate_1")],
    "fs.chunks": [IndexModel([("files_id", 1), ("n", 1)], unique=True, name="files_id_1_n_1")],
}
OPTIONS = ("unique", "sparse", "expireAfterSeconds", "partialFilterExpression")
BUILD_SECONDS = 3600
CONFLICT_CODES = (85, 86, 11000)  # IndexOptionsConflict, IndexKeySpecsConflict, duplicates


def documents():
    """Every concrete Document class in models/, by collection name."""
    found = {}
    for info in pkgutil.iter_modules(models.__path__):
        module = importlib.import_module(f"models.{info.name}")
        # By module, not mongoengine's registry by class name: an embedded document may share
        # a Document's name (complaint.AuditEntry, audit.AuditEntry) and would hide it.
        for cls in vars(module).values():
            if (
                isinstance(cls, type)
                and issubclass(cls, Document)
                and cls.__module__ == module.__name__
                and not cls._meta.get("abstract")
            ):
                found[cls._get_collection_name()] = cls
    return dict(sorted(found.items()))


def declared():
    """{collection: [IndexModel]} for everything the app queries by."""
    wanted = {}
    for name, cls in documents().items():
        models_ = []
        for spec in cls._meta.get("index_specs") or []:
            options = {k: v for k, v in spec.items() if k != "fields"}
            models_.append(IndexModel(spec["fields"], **options))
        wanted[name] = models_
    wanted.update(GRIDFS)
    return wanted


def _shape(info):
    """What makes two indexes the same: key pattern and options (not the name)."""
    key = info["key"].items() if isinstance(info["key"], dict) else info["key"]
    options = tuple(
        (option, repr(info[option]))
        for option in OPTIONS
        if info.get(option) is not None and info.get(option) is not False
    )
    return (tuple((f, int(d)) for f, d in key),) + options


def _existing(db, collection):
    return {
        _shape(info): info["name"]
        for info in db[collection].list_indexes()
        if "buildUUID" not in info  # still building
    }


def missing(db=None):
    """Declared indexes that do not exist (as declared), as "collection.index_name"."""
    db = db if db is not None else mongoengine.get_db()
    absent = []
    for collection, wanted in declared().items():
        existing = _existing(db, collection)
        absent += [
            f"{collection}.{m.document['name']}"
            for m in wanted
            if _shape(m.document) not in existing
        ]
    return absent


def builds_in_progress(db):
    """Index builds another process is running now, as "collection.index_name" (MongoDB only)."""
    if store.is_embedded():
        return []  # one process, and it is this one
    try:
        ops = db.client.admin.aggregate(
            [
                {"$currentOp": {"allUsers": True}},
                {"$match": {"command.createIndexes": {"$exists": 1}}},
            ]
        )
        return [
            f"{op['command']['createIndexes']}.{index.get('name')}"
            for op in ops
            for index in op["command"].get("indexes", [])
        ]
    except (OperationFailure, KeyError):
        return []  # not allowed to look: nothing to report


def create_all(db=None):
    """Create every declared index that is missing; [(collection.name, result)] per index.

    `result` is "exists", "created" or "conflict: <why>" (an index with that name or key
    but other options, or duplicates in a unique key): conflicts are reported, never fatal
    for the other indexes.
    """
    db = db if db is not None else mongoengine.get_db()
    report = []
    with pymongo.timeout(BUILD_SECONDS):  # a build on a large collection outlasts a request
        for collection, wanted in declared().items():
            report += _create_missing(db, collection, wanted)
    return report


def _create_missing(db, collection, wanted):
    report = []
    existing = _existing(db, collection)
    for model in wanted:
        label = f"{collection}.{model.document['name']}"
        if _shape(model.document) in existing:
            report.append((label, "exists"))
            continue
        try:
            db[collection].create_indexes([model])
            report.append((label, "created"))
        except OperationFailure as error:
            if error.code not in CONFLICT_CODES:
                raise
            report.append((label, f"conflict: {error}"))
    return report


def check_at_start(app):
    """Log what is missing; /readyz stays 503 until `flask create-indexes` has run."""
    absent = missing()
    app.extensions["indexes_ready"] = not absent
    if absent:
        log.warning(
            "missing MongoDB indexes (run `flask --app server.wsgi create-indexes`): %s",
            ", ".join(absent),
        )
    return absent


def ready(app):
    """[] once every declared index exists (then remembered), else what is missing."""
    if app.extensions.get("indexes_ready"):
        return []
    absent = missing()
    app.extensions["indexes_ready"] = not absent
    return absent
