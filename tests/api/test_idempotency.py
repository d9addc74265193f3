"""Idempotency-Key on the creating POSTs: a retry returns the first answer, per user and
endpoint; malformed keys and failed requests are not remembered; racing retries store once."""

import json
import threading
from datetime import timedelta

import pytest

from models.complaint import Complaint
from models.infra import IdempotencyRecord
from models.institution import Institution
from models.notice import Notice
from models.parent import Parent
from models.rectification import Rectification
from models.staff import Staff
from tests.conftest import FIXED_NOW, ApiClient
from tests.support.factories import complaint_in, rectification_opening

MP = "/api/mp/v1/complaints"
STAFF = "/api/staff/v1"
NAMES = ["晨光书法", "蓝天游泳", "星火编程", "青禾美术", "远航围棋"]


def rectification(n):
    """A valid rectification opening for a fresh institution."""
    return rectification_opening(f"{NAMES[n]}培训", now=FIXED_NOW)


# endpoint: (make a valid body number n, an invalid body, the document it creates)
STAFF_CASES = {
    "institutions": (lambda n: {"name": NAMES[n], "kind": "subject"}, {}, Institution),
    "notices": (lambda n: {"title": f"提醒{n}", "body": "严禁学科类培训。"}, {}, Notice),
    "staff": (
        lambda n: {
            "username": f"clerk{n}",
            "name": "张三",
            "password": "Kettle-Lamp-42",
            "roles": ["handler"],
        },
        {"username": "x"},
        Staff,
    ),
    "rectifications": (rectification, {"problems": []}, Rectification),
}


def keyed(client, path, key, body, status=201):
    """POST `body` with an Idempotency-Key; the answer."""
    return client.post(path, json=body, headers={"Idempotency-Key": key}, status=status)


@pytest.fixture
def second_admin(login_staff):
    """Another signed-in admin."""
    return login_staff("admin2", ("admin",))


@pytest.mark.parametrize("endpoint", STAFF_CASES)
def test_staff_retries_return_the_first_answer(endpoint, admin, second_admin):
    make, _, document = STAFF_CASES[endpoint]
    path = f"{STAFF}/{endpoint}"
    before = document.objects.count()
    first = keyed(admin, path, "k-1", make(0))
    assert keyed(admin, path, "k-1", make(1)) == first  # the retry is not looked at
    assert document.objects.count() == before + 1
    other = keyed(admin, path, "k-2", make(2))
    assert other["id"] != first["id"]
    theirs = keyed(second_admin, path, "k-1", make(3))
    assert theirs["id"] not in (first["id"], other["id"])
    assert document.objects.count() == before + 3
    assert IdempotencyRecord.objects.count() == 3


@pytest.mark.parametrize("endpoint", STAFF_CASES)
def test_staff_malformed_key_and_failed_requests_are_not_remembered(endpoint, admin):
    make, invalid, document = STAFF_CASES[endpoint]
    path = f"{STAFF}/{endpoint}"
    before = document.objects.count()
    for bad in ("has space", "x" * 101, ""):
        answer = keyed(admin, path, bad, make(0), status=400)
        assert "Idempotency-Key" in answer["errors"]
    assert keyed(admin, path, "k-1", invalid, status=400)["code"] == "validation_error"
    admin.post(
        path,
        data="[",
        content_type="application/json",
        headers={"Idempotency-Key": "k-1"},
        status=400,
    )
    assert document.objects.count() == before
    assert IdempotencyRecord.objects.count() == 0
    created = keyed(admin, path, "k-1", make(1))
    assert keyed(admin, path, "k-1", invalid) == created


def test_without_a_key_every_post_creates(admin):
    admin.post(f"{STAFF}/notices", json={"title": "一", "body": "正文"}, status=201)
    admin.post(f"{STAFF}/notices", json={"title": "一", "body": "正文"}, status=201)
    assert Notice.objects.count() == 2
    assert IdempotencyRecord.objects.count() == 0


@pytest.fixture
def mine(parent, fake_wechat):
    """Make a complaint of the signed-in parent in a given status."""
    me = Parent.objects.get(openid=fake_wechat.openid_for("parent-code-a"))
    return lambda status: complaint_in(status, parent=me)


@pytest.fixture
def other_parent(login_parent, fake_wechat):
    """A second signed-in parent and a complaint maker for them."""
    client = login_parent("parent-code-b")
    them = Parent.objects.get(openid=fake_wechat.openid_for("parent-code-b"))
    return client, lambda status: complaint_in(status, parent=them)


def supplements(complaint):
    """How many supplements the complaint holds in the store."""
    return len(Complaint.objects.get(pk=complaint.pk).supplements)


def test_a_retried_supplement_lands_once(parent, mine, other_parent):
    complaint = mine("in_progress")
    path = f"{MP}/{complaint.no}/supplements"
    first = keyed(parent, path, "s-1", {"text": "补充收费收据"})
    assert keyed(parent, path, "s-1", {"text": "补充收费收据"}) == first
    assert supplements(complaint) == 1
    keyed(parent, path, "s-2", {"text": "又收到催缴短信"})
    assert supplements(complaint) == 2
    another = mine("in_progress")  # the same key on another complaint is another request
    keyed(parent, f"{MP}/{another.no}/supplements", "s-1", {"text": "补充收费收据"})
    assert supplements(another) == 1
    stranger, theirs = other_parent
    their_complaint = theirs("in_progress")
    keyed(stranger, f"{MP}/{their_complaint.no}/supplements", "s-1", {"text": "我的补充"})
    assert supplements(their_complaint) == 1
    assert supplements(complaint) == 2


def test_a_stranger_reusing_a_key_on_my_complaint_gets_404(parent, mine, other_parent):
    complaint = mine("in_progress")
    path = f"{MP}/{complaint.no}/supplements"
    keyed(parent, path, "s-1", {"text": "补充收费收据"})
    stranger, _ = other_parent
    assert keyed(stranger, path, "s-1", {"text": "偷看"}, status=404)["code"] == "not_found"


def test_supplement_failures_are_not_remembered(parent, mine):
    complaint = mine("in_progress")
    path = f"{MP}/{complaint.no}/supplements"
    assert "Idempotency-Key" in keyed(parent, path, "a b", {"text": "x"}, status=400)["errors"]
    assert keyed(parent, path, "s-1", {"text": ""}, status=400)["code"] == "validation_error"
    assert supplements(complaint) == 0
    assert IdempotencyRecord.objects.count() == 0
    keyed(parent, path, "s-1", {"text": "补充收费收据"})
    assert supplements(complaint) == 1


def test_a_retried_rating_returns_the_first_answer(parent, mine):
    complaint = mine("resolved")
    path = f"{MP}/{complaint.no}/rating"
    assert "errors" in keyed(parent, path, "r-1", {"score": "great"}, status=400)
    first = keyed(parent, path, "r-1", {"score": "satisfied", "comment": "及时"})
    assert first["status"] == "closed"
    assert keyed(parent, path, "r-1", {"score": "satisfied", "comment": "及时"}) == first
    ratings = [e for e in first["timeline"] if e.get("kind") == "rating"]
    assert len(ratings) == 1
    # Another key is another request: the complaint is rated already, so it is refused.
    assert keyed(parent, path, "r-2", {"score": "satisfied"}, status=409)["code"] == (
        "already_rated"
    )


def test_concurrent_retries_create_one_notice(app, admin):
    clients = [ApiClient(app.test_client(), admin.token) for _ in range(8)]
    results, errors = [None] * 8, []
    barrier = threading.Barrier(8)

    def run(i):
        try:
            barrier.wait()
            results[i] = keyed(clients[i], f"{STAFF}/notices", "tap", {"title": "t", "body": "b"})
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert len({result["id"] for result in results}) == 1
    assert Notice.objects.count() == 1


def stored(owner, endpoint, key, *, now, age, status=None, body=None):
    """A record put straight into the store, `age` old at `now`."""
    return IdempotencyRecord(
        owner=owner,
        endpoint=endpoint,
        key=key,
        created_at=now - age,
        status=status,
        body=body,
    ).save()


def test_an_abandoned_claim_and_an_expired_answer_free_the_key(admin, now):
    owner = f"staff:{Staff.objects.get(username='admin').id}"
    stored(owner, "notices", "dead", now=now, age=timedelta(minutes=2))
    keyed(admin, f"{STAFF}/notices", "dead", {"title": "t", "body": "b"})
    old = json.dumps({"id": "gone"})
    stored(owner, "notices", "old", now=now, age=timedelta(hours=25), status=201, body=old)
    assert keyed(admin, f"{STAFF}/notices", "old", {"title": "t", "body": "b"})["id"] != "gone"
    assert Notice.objects.count() == 2
    fresh = stored(owner, "notices", "live", now=now, age=timedelta(hours=1), status=201, body=old)
    assert keyed(admin, f"{STAFF}/notices", "live", {"title": "t", "body": "b"}) == {"id": "gone"}
    assert Notice.objects.count() == 2
    assert fresh.reload().status == 201


def test_swagger_documents_the_header_on_each_creating_post(client):
    posts = {
        "/api/mp/v1": ["/complaints", "/complaints/{no}/supplements", "/complaints/{no}/rating"],
        STAFF: ["/institutions", "/notices", "/staff", "/rectifications"],
    }
    for prefix, paths in posts.items():
        spec = client.get(f"{prefix}/swagger.json")["paths"]
        for path in paths:
            params = spec[path]["post"].get("parameters", [])
            assert {"name": "Idempotency-Key", "in": "header"} in [
                {"name": p["name"], "in": p["in"]} for p in params
            ], path
