"""The security audit's chain: append-only links, safe under concurrent writers, and
`flask verify-audit` naming the first entry altered, removed or inserted in the store."""

import threading
from datetime import timedelta

import pytest

from models.audit import AppendOnlyError, AuditEntry
from server.services import audit
from server.services.audit import chain
from server.services.permissions import SYSTEM


def _record_three(now):
    for minute, action in enumerate((audit.SIGN_IN, audit.EXPORTED, audit.SIGN_OUT)):
        audit.record(
            actor="alice",
            action=action,
            target="staff:alice",
            details={"n": minute},
            client_addr="10.0.0.7",
            now=now + timedelta(minutes=minute),
        )


def _raw():
    return AuditEntry._get_collection()


def _cli(app):
    return app.test_cli_runner().invoke(args=["verify-audit"])


def test_entries_link_to_the_one_before_and_verify(app, now):
    _record_three(now)
    docs = list(_raw().find().sort("seq", 1))
    assert [d["seq"] for d in docs] == [1, 2, 3]
    assert docs[0]["prev_hash"] == chain.GENESIS
    assert [d["prev_hash"] for d in docs[1:]] == [d["hash"] for d in docs[:2]]
    assert audit.verify(actor=SYSTEM).ok
    result = _cli(app)
    assert result.exit_code == 0, result.output
    assert "3 entries" in result.output


def test_an_altered_entry_is_named(app, now):
    _record_three(now)
    _raw().update_one({"seq": 2}, {"$set": {"outcome": "failure"}})
    verdict = audit.verify(actor=SYSTEM)
    assert (verdict.problem, verdict.seq, verdict.checked) == ("altered", 2, 1)
    result = _cli(app)
    assert result.exit_code == 1
    assert "entry 2 (altered)" in result.output


def test_an_entry_altered_and_rehashed_is_named_by_the_next_link(now):
    _record_three(now)
    doc = _raw().find_one({"seq": 2})
    doc["target"] = "staff:mallory"
    doc["hash"] = chain.digest(doc)
    _raw().replace_one({"seq": 2}, doc)
    verdict = audit.verify(actor=SYSTEM)
    assert (verdict.problem, verdict.seq) == ("altered", 2)


@pytest.mark.parametrize("seq", [1, 2, 3])
def test_a_removed_entry_is_named(app, now, seq):
    _record_three(now)
    _raw().delete_one({"seq": seq})
    verdict = audit.verify(actor=SYSTEM)
    assert (verdict.problem, verdict.seq) == ("removed", seq)
    assert f"entry {seq} (removed)" in _cli(app).output


def test_an_entry_inserted_between_two_is_named(now):
    _record_three(now)
    first = _raw().find_one({"seq": 1})
    forged = {k: v for k, v in first.items() if k != "_id"}
    forged.update(seq=1.5, prev_hash=first["hash"], action=audit.SIGN_OUT)
    forged["hash"] = chain.digest(forged)
    _raw().insert_one(forged)
    verdict = audit.verify(actor=SYSTEM)
    assert (verdict.problem, verdict.seq) == ("inserted", 1.5)


def test_an_entry_appended_by_hand_is_named(now):
    _record_three(now)
    last = _raw().find_one({"seq": 3})
    forged = {k: v for k, v in last.items() if k != "_id"}
    forged.update(seq=4, prev_hash=last["hash"], action=audit.SIGN_IN)
    forged["hash"] = chain.digest(forged)  # a well-formed link: only the head counter knows
    _raw().insert_one(forged)
    verdict = audit.verify(actor=SYSTEM)
    assert (verdict.problem, verdict.seq) == ("inserted", 4)


def test_concurrent_writers_keep_one_chain(now):
    def write(n):
        for i in range(15):
            audit.record(actor=f"w{n}", action=audit.SIGN_IN, details={"i": i}, now=now)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seqs = sorted(d["seq"] for d in _raw().find({}, {"seq": 1}))
    assert seqs == list(range(1, 91))
    verdict = audit.verify(actor=SYSTEM)
    assert verdict.ok, verdict
    assert verdict.checked == 90


def test_details_never_carry_secrets_or_phone_numbers(now):
    doc = audit.record(
        actor=None,
        action=audit.CONTACT_REVEALED,
        details={"password": "x", "otp": "123456", "note": "call 13812345678", "count": 2},
        now=now,
    )
    assert doc["details"] == {"note": "call 1**********", "count": 2}


def test_unknown_codes_are_refused(now):
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record(actor=None, action="made_up", now=now)
    with pytest.raises(ValueError, match="unknown audit outcome"):
        audit.record(actor=None, action=audit.SIGN_IN, outcome="maybe", now=now)


def test_mongoengine_cannot_change_or_delete_an_entry(now):
    audit.record(actor="alice", action=audit.SIGN_IN, now=now)
    entry = AuditEntry.objects.first()
    entry.outcome = audit.FAILURE
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert audit.verify(actor=SYSTEM).ok


def test_every_action_has_a_chinese_label():
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in audit.ACTIONS.values())


def test_retention_never_touches_the_audit(app, now):
    _record_three(now - timedelta(days=800))
    result = app.test_cli_runner().invoke(args=["anonymise-closed", "--days", "1"])
    assert result.exit_code == 0, result.output
    assert _raw().count_documents({}) == 3
    assert audit.verify(actor=SYSTEM).ok
