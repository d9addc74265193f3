"""The shapes of what the auditor reads: an entry of the security audit, and the verdict of
a walk along its hash chain."""

from server.services.common import Anything, Shape, described


class SecurityAuditEntry(Shape):
    """One entry of the security audit."""

    seq: int
    at: str
    actor: described(dict, "{id, username, roles}")
    client_addr: str | None
    action: str
    action_label: str
    target: str | None
    outcome: str
    outcome_label: str
    details: dict


class SecurityAuditVerdict(Shape):
    """Whether the chain is intact, and the first entry altered, removed or inserted."""

    ok: bool
    checked: int
    problem: described(str | None, "altered, removed, inserted; null when intact")
    seq: described(Anything, "the entry named")
    message: str
    retention_days: int


def verdict_answer(verdict, *, retention_days):
    """The verdict of a walk (`verify()`), with how long entries are kept."""
    return SecurityAuditVerdict.answer({**verdict.as_dict(), "retention_days": retention_days})
