"""The services refuse what the actor's role does not allow, whoever calls them: the same
table the decorators read, checked again inside each service (so a console page, a CLI
command or a new endpoint without a decorator cannot skip it)."""

import pytest

from models.warning import RiskWarning
from server.errors import AppError, Forbidden
from server.services import audit, complaints, hotline, privacy, queue_news, warnings
from server.services.admin import (
    account_changes,
    accounts,
    change_password,
    confirm_mfa,
    notices,
    sign_in,
    start_mfa,
)
from server.services.admin import routing_table as routing_rules
from server.services.archive import files, importing, records
from server.services.holidays import days as holidays
from server.services.permissions import PERMISSIONS, SYSTEM, system_actor
from server.services.photos import upload_staff_photo
from server.services.rectifications import ledger
from server.services.reports import ledger_files
from tests.support.factories import complaint_in

FILLER = "0123456789abcdef01234567"
# permission -> calls that need it (each given the actor)
WRITES = {
    "manage_archive": [
        lambda a: records.create_institution({"name": "某机构"}, actor=a),
        lambda a: importing.import_rows([], actor=a),
    ],
    "manage_staff": [
        lambda a: accounts.create_staff(
            actor=a, username="x", name="x", password="x" * 12, roles=["viewer"]
        ),
        lambda a: account_changes.staff_page(1, 20, actor=a),
        lambda a: account_changes.get_staff(FILLER, actor=a),
        lambda a: sign_in.unlock(a, actor=a),
    ],
    "manage_notices": [
        lambda a: notices.create_notice({"title": "t", "body": "b"}, actor=a),
        lambda a: privacy.list_notices(staff=a),
        lambda a: privacy.publish_notice({}, staff=a),
        lambda a: privacy.edit_notice("v1", {}, staff=a),
    ],
    "manage_queue_news": [
        lambda a: queue_news.channels_of(FILLER, staff=a),
        lambda a: queue_news.set_channels(FILLER, {}, staff=a),
    ],
    "manage_hotline": [lambda a: hotline.set_columns({}, staff=a)],
    "manage_warning_rules": [lambda a: warnings.replace_rules([], staff=a)],
    "read_audit": [lambda a: audit.verify(actor=a), lambda a: audit.require_auditor(a)],
    "enter_complaints": [
        lambda a: upload_staff_photo(a, b"not even a photo"),
        lambda a: list(complaints.hotline_results(None, None, queue_names={}, staff=a)),
        lambda a: complaints.enter_complaint(a, {}, calendar=None, rules=None, now=None),
    ],
    "manage_routing": [
        lambda a: routing_rules.routing_rules(actor=a),
        lambda a: routing_rules.replace_routing_rules([], actor=a),
    ],
    "manage_holidays": [lambda a: holidays.add_day("2027-01-01", actor=a)],
    "export_ledger": [lambda a: ledger_files.export_ledger(actor=a, calendar=None, now=None)],
    "write_rectifications": [lambda a: ledger.open_rectification({}, actor=a)],
}
READS = [
    lambda a: records.staff_search(actor=a),
    lambda a: files.export_archive("csv", actor=a),
    lambda a: notices.staff_notices(actor=a),
    lambda a: holidays.list_days(actor=a),
    lambda a: ledger.rectifications(actor=a),
    lambda a: complaints.visible_numbers(a, ["TS202611280001"]),
]
OWN = [  # what every active account may do for itself, and a disabled one may not
    lambda a: change_password(a, old_password="x", password="y"),
    lambda a: start_mfa(a),
    lambda a: confirm_mfa(a, "000000"),
]


def _cases():
    for permission, calls in WRITES.items():
        for index, call in enumerate(calls):
            yield pytest.param(permission, call, id=f"{permission}-{index}")


@pytest.mark.usefixtures("app")
@pytest.mark.parametrize(("permission", "call"), list(_cases()))
def test_a_role_without_the_permission_is_refused_inside_the_service(make_staff, permission, call):
    outsiders = [r for r in ("viewer", "handler", "dispatcher") if r not in PERMISSIONS[permission]]
    for role in outsiders:
        with pytest.raises(Forbidden):
            call(make_staff(f"someone_{role}", [role], ["training"]))


@pytest.mark.usefixtures("app")
@pytest.mark.parametrize("call", READS)
def test_reads_need_an_active_staff_member(make_staff, call):
    with pytest.raises(Forbidden):
        call(None)
    retired = make_staff("retired", ["admin"])
    retired.active = False
    with pytest.raises(Forbidden):
        call(retired)
    call(SYSTEM)


def test_the_system_actor_holds_every_permission():
    assert all(system_actor("cli").has_role(*roles) for roles in PERMISSIONS.values())


@pytest.mark.usefixtures("app")
@pytest.mark.parametrize("call", READS)
def test_accounts_without_the_county_work_read_none_of_it(make_staff, call):
    for role in ("security_admin", "auditor"):  # 三员分立: even when given a queue
        with pytest.raises(Forbidden):
            call(make_staff(f"someone_{role}", [role], ["training"]))


@pytest.mark.usefixtures("app")
def test_handlers_of_one_queue_are_refused_another_queues_handlers(make_staff, demo_queues):
    handler = make_staff("handler_training", ["handler"], ["training"])
    assert complaints.assignable_handlers(demo_queues["training"], staff=handler) is not None
    with pytest.raises(AppError, match="forbidden") as refused:
        complaints.assignable_handlers(demo_queues["sports"], staff=handler)
    assert refused.value.code == "forbidden"


def test_a_warning_shows_only_the_evidence_its_reader_may_see(make_staff, demo_queues, now):
    mine = complaint_in("submitted", queue=demo_queues["training"])
    theirs = complaint_in("submitted", queue=demo_queues["sports"])
    RiskWarning(
        subject="name:某机构|某地",
        institution_name="某机构",
        rule="repeat_fees",
        queue=demo_queues["training"],
        evidence=[mine.no, theirs.no],
        opened_at=now,
    ).save()
    handler = make_staff("handler_training", ["handler"], ["training"])
    dispatcher = make_staff("dispatcher", ["dispatcher"])
    [seen_by_handler] = warnings.list_warnings(handler)["items"]
    [seen_by_dispatcher] = warnings.list_warnings(dispatcher)["items"]
    assert seen_by_handler["evidence"] == [mine.no]
    assert seen_by_dispatcher["evidence"] == [mine.no, theirs.no]


@pytest.mark.usefixtures("app")
@pytest.mark.parametrize("call", OWN)
def test_a_disabled_account_cannot_change_its_own_credentials(make_staff, call):
    retired = make_staff("retired", ["viewer"])
    retired.active = False
    with pytest.raises(Forbidden):
        call(retired)
