"""The services refuse what the actor's role does not allow, whoever calls them: the same
table the decorators read, checked again inside each service (so a console page, a CLI
command or a new endpoint without a decorator cannot skip it)."""

import pytest

from server.errors import Forbidden
from server.services.admin import account_changes, accounts, notices, sign_in
from server.services.admin import routing_table as routing_rules
from server.services.archive import files, importing, records
from server.services.holidays import days as holidays
from server.services.permissions import PERMISSIONS, SYSTEM, system_actor
from server.services.rectifications import ledger
from server.services.reports import ledger_files

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
    "manage_notices": [lambda a: notices.create_notice({"title": "t", "body": "b"}, actor=a)],
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
