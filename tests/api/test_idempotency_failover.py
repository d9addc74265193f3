"""One Idempotency-Key mechanism for every creating POST, through a flapping store.

The store fails a share of operations the way a replica set electing a primary does, some
after the write was applied. The client tries again with the same key after each 503,
Retry-After seconds later (the app's clock moves on), as the mini-program does. Whatever
happened to the attempts before, each key answered 201 is stored exactly once, and nothing
is stored for a key never answered. (Each seed below fails these tests when the attempts of
one key do not share a unit: checked by hand.)
(Complaints themselves: tests/api/test_store_failover.py.)
"""

from datetime import timedelta

import pytest

from models.complaint import Complaint
from models.institution import Institution
from models.notice import Notice
from models.rectification import Rectification
from models.staff import Staff
from tests.conftest import FIXED_NOW
from tests.support.complaint_support import body_for, submit
from tests.support.factories import rectification_opening

STAFF = "/api/staff/v1"
KEYS = 6
TRIES = 16


def rectification_body(n):
    """A valid rectification opening for a fresh institution (stored before the flapping)."""
    return rectification_opening(f"翰墨书法{n}培训", now=FIXED_NOW)


CASES = {  # endpoint: (body number n, the document it creates)
    "notices": (lambda n: {"title": f"提醒{n}", "body": "严禁学科类培训。"}, Notice),
    "institutions": (lambda n: {"name": f"晨光{n}艺术培训", "kind": "subject"}, Institution),
    "staff": (
        lambda n: {
            "username": f"clerk{n}",
            "name": "张三",
            "password": "Kettle-Lamp-42",
            "roles": ["viewer"],
        },
        Staff,
    ),
    "rectifications": (rectification_body, Rectification),
}


def keep_trying(api, path, bodies, *, failover, clock, seed):
    """POST each body under its own key until answered (or TRIES); {n: answer}, statuses."""
    failover.share(0.2, seed=seed)
    answered, statuses = {}, []
    headers = {"Authorization": f"Bearer {api.token}"}
    for n, body in enumerate(bodies):
        for _ in range(TRIES):
            response = api.client.post(
                path, json=body, headers={**headers, "Idempotency-Key": f"flap-{n}"}
            )
            statuses.append(response.status_code)
            if response.status_code == 201:
                answered[n] = response.get_json()
                break
            clock.advance(timedelta(seconds=int(response.headers.get("Retry-After", 1))))
    failover.stop()
    return answered, statuses


@pytest.mark.parametrize("endpoint", CASES)
def test_every_staff_creation_answered_is_stored_once(endpoint, admin, failover, clock):
    make, document = CASES[endpoint]
    bodies = [make(n) for n in range(KEYS)]
    before = {str(pk) for pk in document.objects.scalar("id")}
    answered, statuses = keep_trying(
        admin, f"{STAFF}/{endpoint}", bodies, failover=failover, clock=clock, seed=5
    )
    assert set(statuses) <= {201, 503}, statuses
    assert 503 in statuses  # the store did fail attempts
    assert len(answered) == KEYS
    stored = {str(pk) for pk in document.objects.scalar("id")} - before
    assert sorted(stored) == sorted(answer["id"] for answer in answered.values())


def test_every_supplement_answered_is_added_once(parent, failover, clock):
    no = submit(parent, body_for())["no"]
    bodies = [{"text": f"第{n}份补充：收费收据"} for n in range(KEYS)]
    path = f"/api/mp/v1/complaints/{no}/supplements"
    answered, statuses = keep_trying(parent, path, bodies, failover=failover, clock=clock, seed=1)
    assert set(statuses) <= {201, 503}, statuses
    assert 503 in statuses
    assert len(answered) == KEYS
    texts = [supplement.text for supplement in Complaint.objects.get(no=no).supplements]
    assert sorted(texts) == sorted(body["text"] for body in bodies)
