"""Keeps this process's directory index in step with MongoDB, for any number of processes.

Every write to institutions is journaled (models.institution.InstitutionJournal: an epoch,
a counter and the ids of recent changes). Each request reads the journal's (epoch, seq), a
single small document; when it moved, this process re-reads just the changed institutions
into the index's overlay, or rebuilds the whole index when the epoch changed, the log no
longer reaches back far enough, a bulk write said "everything", or the overlay grew large.
So a change is visible at once in the process that made it and on the next request in
every other one. The journal is read *before* the data, so a write racing a refresh is
seen again on the next request, never lost.
"""

import logging
import threading
import time

import pymongo
from bson import ObjectId

from models.institution import Institution, InstitutionJournal
from server import db
from server.emulators.mongo import speedups as mongomock_speedups
from server.services.directory import index as directory_index
from server.services.directory.entries import INDEX_FIELDS, entry_from_doc

log = logging.getLogger(__name__)
REBUILD_SECONDS = 600
OVERLAY_LIMIT = 2000  # beyond this many changed entries, rebuilding is cheaper than overlaying

_lock = threading.Lock()
_snapshot = None


def _journal_state(full=False):
    projection = None if full else {"epoch": 1, "seq": 1}
    collection = InstitutionJournal._get_collection()
    return collection.find_one({"_id": InstitutionJournal.KEY}, projection) or {}


def current():
    """The directory index as of the latest journaled change."""
    state = _journal_state()
    snapshot = _snapshot
    if _is_current(snapshot, state):
        return snapshot
    with _lock:
        snapshot = _snapshot
        if _is_current(snapshot, _journal_state()):
            return snapshot
        return _advance(snapshot)


def is_built():
    """Whether this process has its directory index (built at start by create_app)."""
    return _snapshot is not None


def rebuild():
    """Rebuild this process's index from the store now (start-up, after a bulk load)."""
    with _lock:
        return _rebuild(_journal_state())


def _is_current(snapshot, state):
    return (
        snapshot is not None
        and snapshot.epoch == state.get("epoch")
        and snapshot.seq == state.get("seq", 0)
    )


def _advance(snapshot):
    global _snapshot
    state = _journal_state(full=True)
    ids = _changed_ids(snapshot, state)
    if ids is None:
        return _rebuild(state)
    docs = _fetch(ids)
    changed = {i: entry_from_doc(docs[i]) for i in ids if i in docs}
    removed = {i for i in ids if i not in docs}
    updated = snapshot.changed(changed, removed, state.get("seq", 0))
    if len(updated.overlay) > OVERLAY_LIMIT:
        return _rebuild(state)
    _snapshot = updated
    return updated


def _changed_ids(snapshot, state):
    """The ids changed between the snapshot and `state`, or None when only a rebuild will do."""
    if snapshot is None or snapshot.epoch != state.get("epoch"):
        return None
    behind = state.get("seq", 0) - snapshot.seq
    recent = state.get("log") or []
    if behind < 0 or behind > len(recent):
        return None
    ids = {i for change in recent[len(recent) - behind :] for i in change.get("ids", [])}
    return None if InstitutionJournal.EVERYTHING in ids else ids


def _fetch(ids):
    """{id: raw document} for the ids that still exist."""
    collection = Institution._get_collection()
    oids = [ObjectId(i) for i in ids if ObjectId.is_valid(i)]
    docs = list(collection.find({"_id": {"$in": oids}}, INDEX_FIELDS))
    return {str(doc["_id"]): doc for doc in docs}


def _all_documents():
    """Every institution's indexed fields: a cursor streamed in batches from MongoDB, or
    mongomock's stored documents read in place (entry_from_doc copies what it keeps)."""
    collection = Institution._get_collection()
    if db.is_embedded():
        return mongomock_speedups.stored_documents(collection)
    return collection.find({}, INDEX_FIELDS, batch_size=2000)


def _rebuild(state):
    global _snapshot
    started = time.perf_counter()
    with pymongo.timeout(REBUILD_SECONDS):  # reading every institution outlasts one request
        entries = [entry_from_doc(doc) for doc in _all_documents()]
    _snapshot = directory_index.build(entries, state.get("epoch"), state.get("seq", 0))
    count = len(_snapshot.base.entries)
    if count > 1000:
        log.info("directory index rebuilt: %d institutions in %.1f s", count, _elapsed(started))
    return _snapshot


def _elapsed(started):
    return time.perf_counter() - started
