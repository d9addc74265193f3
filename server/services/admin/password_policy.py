"""Password rules for staff accounts (等保 2.0 level 3: complexity, no reuse, periodic change).

A password a person chooses (created, reset by the security administrator, changed by its
owner) must be at least MIN_LENGTH characters from at least 3 of 4 classes, not in the
common-password lists (zxcvbn's 30,000 plus `data/common_passwords_zh.txt`, compared
ignoring case, also with the symbols and digits tacked on its ends dropped), not contain
the username, and not be one of the last HISTORY passwords.
Each refusal is a 400 `weak_password` naming its rule. Seeded demo accounts skip the rules.
"""

import functools
import string
from datetime import timedelta
from pathlib import Path

from server.errors import AppError
from server.services.common import verify_password

MIN_LENGTH = 10
MAX_LENGTH = 200
CLASSES_NEEDED = 3
HISTORY = 5
OWN_LIST = Path(__file__).parent / "data" / "common_passwords_zh.txt"

RULES = {
    "length": f"密码至少 {MIN_LENGTH} 位（最多 {MAX_LENGTH} 位）",
    "classes": f"密码须包含大写字母、小写字母、数字、符号四类中的至少 {CLASSES_NEEDED} 类",
    "common": "该密码过于常见，容易被猜中，请换一个",
    "username": "密码不能包含用户名",
    "reused": f"新密码不能与最近 {HISTORY} 次使用过的密码相同",
}


@functools.cache
def common_passwords():
    """Every listed common password, lowercased (loaded once)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    own = OWN_LIST.read_text(encoding="utf-8").splitlines()
    listed = [line.strip() for line in own if line.strip() and not line.startswith("#")]
    return frozenset(w.lower() for w in [*FREQUENCY_LISTS["passwords"], *listed])


def _classes(password):
    return sum(
        (
            any(c.isupper() for c in password),
            any(c.islower() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )


def _is_common(password):
    """Listed as it is, or once the symbols and digits tacked on its ends are dropped."""
    listed = common_passwords()
    lowered = password.strip().lower()
    trimmed = lowered.strip(string.punctuation + " ")
    return lowered in listed or trimmed in listed or trimmed.rstrip(string.digits) in listed


def refuse(rule):
    """A 400 `weak_password` naming `rule` (its Chinese text in message and errors)."""
    text = RULES[rule]
    return AppError("weak_password", text, errors={"password": text}, extra={"rule": rule})


def check(password, *, username, history=()):
    """Refuse a password that breaks a rule; `history` holds the hashes of recent ones."""
    if not isinstance(password, str) or not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise refuse("length")
    if _classes(password) < CLASSES_NEEDED:
        raise refuse("classes")
    if _is_common(password):
        raise refuse("common")
    if username and username.lower() in password.lower():
        raise refuse("username")
    if any(verify_password(old, password) for old in list(history)[-HISTORY:]):
        raise refuse("reused")


def expired(staff, *, max_age_days, now):
    """Whether the account's password is older than `max_age_days`."""
    changed = staff.password_changed_at
    return changed is not None and now - changed > timedelta(days=max_age_days)


def remembered(history, new_hash):
    """The history after a change to `new_hash`: the last HISTORY hashes."""
    return [*list(history), new_hash][-HISTORY:]
