"""The hostile-input corpus: every JSON endpoint's fields fuzzed with hypothesis, plus text
holding every control character. A refusal is a 4xx in our error shape and changes nothing
stored; whatever was accepted is stored clean, and every staff page and export of it works.
"""

import io
from types import SimpleNamespace

import pytest
from hypothesis import given
from openpyxl import load_workbook

from models.complaint import Complaint
from models.institution import Institution
from models.notice import Notice
from models.queue import Queue
from models.rectification import Rectification
from tests.support.complaint_support import body_for, make_institution
from tests.support.hostile_support import (
    CONTROLS,
    MP,
    SETTINGS,
    SHAPES,
    STAFF,
    assert_error_shape,
    encoded,
    overrides,
    snapshot,
    unclean_strings,
)
from tests.support.instants import local_date

# (base, method, path) -> (who sends it, a valid body to start from)
ENDPOINTS = {
    (MP, "post", "/complaints"): ("parent", lambda w: body_for(w.institution)),
    (MP, "post", "/complaints/{no}/supplements"): (
        "parent",
        lambda w: {"text": "补充：周六也上课"},
    ),
    (MP, "post", "/complaints/{no}/rating"): ("parent", lambda w: {"score": "satisfied"}),
    (MP, "post", "/subscriptions"): ("parent", lambda w: {"template_ids": []}),
    (STAFF, "post", "/complaints/{no}/actions"): ("admin", lambda w: w.action()),
    (STAFF, "post", "/holidays"): ("admin", lambda w: {"date": "2027-01-01", "kind": "holiday"}),
    (STAFF, "post", "/institutions"): ("admin", lambda w: {"name": "甲培训", "kind": "subject"}),
    (STAFF, "patch", "/institutions/{institution_id}"): ("admin", lambda w: {}),
    (STAFF, "post", "/institutions/{institution_id}/status"): (
        "admin",
        lambda w: {"status": "blacklist", "reason": "无证办学"},
    ),
    (STAFF, "post", "/notices"): ("admin", lambda w: {"title": "公告", "body": "正文"}),
    (STAFF, "patch", "/notices/{notice_id}"): ("admin", lambda w: {}),
    (STAFF, "post", "/rectifications"): ("admin", lambda w: w.rectification()),
    (STAFF, "put", "/routing-rules"): ("admin", lambda w: {"items": []}),
    (STAFF, "post", "/staff"): (
        "admin",
        lambda w: {
            "username": "clerk2",
            "name": "文员",
            "password": "a-long-password",
            "roles": ["viewer"],
        },
    ),
    (STAFF, "patch", "/staff/{staff_id}"): ("admin", lambda w: {}),
    (STAFF, "put", "/queues/{queue_id}/channels"): ("admin", lambda w: {"emails": []}),
    (STAFF, "put", "/hotline/columns"): ("admin", lambda w: {"ref": ["单号"]}),
    (STAFF, "put", "/warnings/rules"): ("admin", lambda w: {"items": []}),
    (STAFF, "post", "/warnings/{warning_id}/acknowledge"): ("admin", lambda w: {"note": "已知悉"}),
    (STAFF, "post", "/warnings/{warning_id}/close"): ("admin", lambda w: {"note": "已核查"}),
}
# Sign-in bodies are the `hardening` lane's (timing, lockout); they are fuzzed by test_bad_input.
NOT_FUZZED_HERE = {(MP, "post", "/auth/login"), (STAFF, "post", "/auth/login")}


@pytest.fixture
def world(app, login_parent, admin, make_staff, file_complaint, now):
    """One of everything, with the ids the paths name and a token for each audience."""
    institution = make_institution("启明培训中心")
    no = file_complaint(institution)
    clerk = make_staff("clerk", ["viewer"])
    notice = admin.post(f"{STAFF}/notices", json={"title": "公告", "body": "正文"}, status=201)
    w = SimpleNamespace(institution=institution, app=app)
    w.ids = {
        "no": no,
        "institution_id": str(institution.pk),
        "notice_id": notice["id"],
        "staff_id": str(clerk.pk),
        "queue_id": str(clerk.queues[0].pk) if clerk.queues else str(Queue.objects.first().pk),
        "warning_id": "0" * 24,
    }
    w.tokens = {"parent": login_parent().token, "admin": admin.token}
    w.action = lambda: {"action": "note", "text": "内部备注", "version": _version(no)}
    w.rectification = lambda: {
        "institution_id": str(institution.pk),
        "problems": ["超纲教学"],
        "requirements": "立即停止",
        "due_date": local_date(now, 30),
        "summary": "责令整改",
    }
    return w


def _version(no):
    return Complaint.objects.get(no=no).version


def send(world, endpoint, body):
    """The request as a client would send it (raw JSON: NaN literals, escaped surrogates)."""
    base, method, path = endpoint
    who, _ = ENDPOINTS[endpoint]
    return world.app.test_client().open(
        base + path.format(**world.ids),
        method=method.upper(),
        data=encoded(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {world.tokens[who]}"},
    )


def body_fields(client, endpoint):
    """The field names the operation's Swagger body schema declares."""
    base, method, path = endpoint
    spec = client.get(f"{base}/swagger.json")
    (param,) = [p for p in spec["paths"][path][method]["parameters"] if p["in"] == "body"]
    return set(spec["definitions"][param["schema"]["$ref"].rsplit("/", 1)[1]]["properties"])


def check_refusal_or_success(world, endpoint, body):
    """Never a 5xx; a refusal in our shape that changed nothing stored."""
    before = snapshot()
    response = send(world, endpoint, body)
    assert response.status_code < 500, (endpoint, body, response.data[:300])
    if response.status_code >= 400:
        assert_error_shape(response)
        assert snapshot() == before, (endpoint, body, response.status_code)


def test_the_table_covers_every_json_endpoint(client):
    found = set()
    for base in (MP, STAFF):
        spec = client.get(f"{base}/swagger.json")
        for path, item in spec["paths"].items():
            for method, op in item.items():
                if method != "parameters" and any(
                    p.get("in") == "body" for p in op.get("parameters", [])
                ):
                    found.add((base, method, path))
    assert found == set(ENDPOINTS) | NOT_FUZZED_HERE


@pytest.mark.parametrize("endpoint", list(ENDPOINTS), ids=lambda e: f"{e[1]} {e[0][5:7]}{e[2]}")
def test_hostile_fields_never_break_the_service(client, world, endpoint, console_login):
    fields = body_fields(client, endpoint)
    _, make_body = ENDPOINTS[endpoint]

    @SETTINGS
    @given(changes=overrides(fields))
    def fuzz(changes):
        check_refusal_or_success(world, endpoint, {**make_body(world), **changes})

    fuzz()
    for field in sorted(fields):  # hand-made: every control character, every odd shape
        for value in [f"前{CONTROLS}后", *SHAPES]:
            check_refusal_or_success(world, endpoint, {**make_body(world), field: value})
    assert unclean_strings() == []
    every_page_still_works(world, console_login("boss", ["admin"]))


def _api_get(world, who, path):
    response = world.app.test_client().get(
        path, headers={"Authorization": f"Bearer {world.tokens[who]}"}
    )
    assert response.status_code == 200, (path, response.data[:300])
    return response


def every_page_still_works(world, browser):
    """Each staff page and export of what is stored answers, and the files open."""
    for complaint in Complaint.objects.only("no"):
        browser.page(f"/console/complaints/{complaint.no}")
        _api_get(world, "admin", f"{STAFF}/complaints/{complaint.no}")
    _api_get(world, "parent", f"{MP}/complaints/{world.ids['no']}")
    for path in ("/ledger/export?format=csv", "/stats", "/complaints", "/institutions"):
        _api_get(world, "admin", STAFF + path)
    for institution in Institution.objects.only("id"):
        browser.page(f"/console/institutions/{institution.pk}")
    for notice in Notice.objects.only("id"):
        browser.page(f"/console/notices/{notice.pk}")
    for entry in Rectification.objects.only("id"):
        browser.page(f"/console/rectifications/{entry.pk}")
    for path in ("/console/", "/console/complaints", "/console/institutions", "/console/stats"):
        browser.page(path)
    for path in ("/console/notices", "/console/rectifications", "/console/accounts"):
        browser.page(path)
    for path in ("/console/stats/ledger", "/console/institutions/export"):
        load_workbook(io.BytesIO(browser.get(path).data), read_only=True)
