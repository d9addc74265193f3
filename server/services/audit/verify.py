"""Walking the audit chain: the first entry altered, removed or inserted, if any.

Entries are read in `seq` order in batches. For each one the walk checks that its `seq` is
the next number (a gap means entries were removed, a repeated or odd number that one was
inserted), that its `prev_hash` is the hash of the entry before it (else something was
removed or inserted before it), and that its own `hash` matches its content (else it was
altered). After the last entry the head counter tells whether entries were cut off the end.
"""

import time
from dataclasses import dataclass

from pymongo import ASCENDING

from models.audit import AuditEntry
from server.services.audit import chain
from server.services.permissions import require

BATCH = 1000
TAIL_GRACE = 0.5  # seconds to let a writer caught mid-append raise the head counter


@dataclass(frozen=True)
class Verdict:
    """The result of a walk: ok, entries checked, and the first problem found."""

    ok: bool
    checked: int
    problem: str | None = None  # "altered", "removed", "inserted"
    seq: int | float | None = None  # the entry named
    message: str = "审计记录完整，未发现篡改"

    def as_dict(self):
        """The verdict as the API answers it."""
        return {
            "ok": self.ok,
            "checked": self.checked,
            "problem": self.problem,
            "seq": self.seq,
            "message": self.message,
        }


def _entries():
    """Every stored entry in `seq` order, read in batches (one index walk)."""
    collection = AuditEntry._get_collection()
    after = None
    while True:
        query = {} if after is None else {"seq": {"$gt": after}}
        batch = list(collection.find(query).sort("seq", ASCENDING).limit(BATCH))
        yield from batch
        if len(batch) < BATCH:
            return
        after = batch[-1]["seq"]


def _problem(kind, seq, checked, text):
    return Verdict(False, checked, kind, seq, text)


def _check(doc, expected, prev_hash, checked):
    """The problem with this entry, given the chain so far, or None."""
    seq = doc.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < expected:
        text = f"第 {seq} 条记录是插入的（应为第 {expected} 条）"
        return _problem("inserted", seq, checked, text)
    if seq > expected:
        return _problem("removed", expected, checked, f"第 {expected} 条记录已被删除")
    if doc.get("prev_hash") != prev_hash:
        # The entry before was changed and its hash recomputed: this link no longer fits.
        return _problem("altered", seq - 1, checked, f"第 {seq - 1} 条记录已被修改或替换")
    if doc.get("hash") != chain.digest(doc):
        return _problem("altered", seq, checked, f"第 {seq} 条记录的内容已被修改")
    return None


def _tail(last, checked):
    """Entries cut off the end (the head counter is ahead) or appended by hand (behind)."""
    head = chain.recorded_head()
    if head > last:
        return _problem("removed", last + 1, checked, f"第 {last + 1} 条及之后的记录已被删除")
    if head < last:
        time.sleep(TAIL_GRACE)  # a writer may be between its insert and raising the head
        head = chain.recorded_head()
        if head < last:
            return _problem("inserted", head + 1, checked, f"第 {head + 1} 条记录是插入的")
    return None


def verify(*, actor):
    """Walk the whole chain; a `Verdict` naming the first entry altered, removed or inserted.
    403 unless `actor` reads the audit (the auditor; the CLI acts as the system)."""
    require(actor, "read_audit")
    expected, prev_hash, checked = 1, chain.GENESIS, 0
    for doc in _entries():
        problem = _check(doc, expected, prev_hash, checked)
        if problem is not None:
            return problem
        expected, prev_hash, checked = doc["seq"] + 1, doc["hash"], checked + 1
    return _tail(expected - 1, checked) or Verdict(True, checked)
