"""`record(...)`: write one audit entry for an action, with details free of personal data.

The HTTP layers bind the request's client address (`bind_client`) so that services deep in
a call need not pass it; an explicit `client_addr` wins. Details are a small flat mapping of
codes, ids and counts: keys that name secrets or personal data are dropped and anything
shaped like a mainland mobile number is masked, so a careless caller cannot leak one.
"""

import contextvars
import json
import logging
import re
from datetime import UTC

from server.clock import utcnow
from server.services.audit import chain
from server.services.audit.actions import ACTIONS, OUTCOMES, SUCCESS

log = logging.getLogger(__name__)

_client = contextvars.ContextVar("audit_client_addr", default=None)
SECRET_KEYS = re.compile(
    r"pass|secret|token|otp|recovery|phone|mobile|contact|openid|id_card|^code$|^name$|address",
    re.IGNORECASE,
)
PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
MAX_TEXT = 200


def bind_client(address):
    """Remember the client address of the current request."""
    _client.set(address)


def unbind_client():
    """Forget the address `bind_client` remembered (the request is over)."""
    _client.set(None)


def actor_fields(actor):
    """The actor's id, username and roles from a Staff, a bare username, or None (system)."""
    if actor is None:
        return {"actor_id": None, "actor_username": None, "actor_roles": []}
    if isinstance(actor, str):
        return {"actor_id": None, "actor_username": actor[:100], "actor_roles": []}
    return {
        "actor_id": str(actor.id),
        "actor_username": actor.username,
        "actor_roles": list(actor.roles or []),
    }


def clean_details(details):
    """A JSON-safe copy of `details` without secret or personal keys, phones masked."""
    cleaned = {}
    for key, value in (details or {}).items():
        key = str(key)[:60]
        if SECRET_KEYS.search(key):
            log.warning("audit: detail %r dropped (secret or personal data)", key)
            continue
        cleaned[key] = _clean_value(value)
    return json.loads(json.dumps(cleaned, ensure_ascii=False, default=str))


def _clean_value(value):
    if isinstance(value, str):
        return PHONE.sub("1**********", value[:MAX_TEXT])
    if isinstance(value, list | tuple | set):
        return [_clean_value(item) for item in list(value)[:50]]
    if isinstance(value, dict):
        return clean_details(value)
    if isinstance(value, bool | int | float) or value is None:
        return value
    return _clean_value(str(value))


def record(
    *,
    actor,
    action,
    target=None,
    outcome=SUCCESS,
    details=None,
    client_addr=None,
    now=None,
):
    """Append one entry to the security audit; returns the stored document (a dict)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown audit outcome {outcome!r}")
    at = (now or utcnow()).astimezone(UTC)
    content = {
        "at": at.replace(microsecond=at.microsecond // 1000 * 1000),
        **actor_fields(actor),
        "client_addr": (client_addr or _client.get() or None),
        "action": action,
        "target": None if target is None else str(target)[:MAX_TEXT],
        "outcome": outcome,
        "details": clean_details(details),
    }
    return chain.append(content)
