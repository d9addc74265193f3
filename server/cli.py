"""Operator commands: `flask --app server.wsgi create-staff`, `seed-demo`, `add-holiday`,
`anonymise-closed`, `refresh-deadlines`, `import-institutions FILE`, `check-wechat`,
`create-indexes`, `migrate-store`, `verify-audit`, `rotate-data-key` ..."""

import click
from flask import current_app
from flask.cli import with_appcontext
from mongoengine import get_db as mongoengine_db

from models import sealed
from models.choices import STAFF_ROLES
from server.clock import utcnow
from server.db import indexes, migrations, sealing
from server.deadline_context import deadlines_of
from server.errors import AppError
from server.services import audit, demo
from server.services.admin import console_settings, create_staff, run_checks
from server.services.archive import import_rows, read_table
from server.services.complaints import (
    anonymise_closed,
    photos_shown,
    recompute_missing,
    upgrade_stored,
)
from server.services.holidays import add_day
from server.services.permissions import SYSTEM, system_actor


def _refusal(exc):
    """A service's refusal as the command's error message."""
    return click.ClickException(f"{exc.message} {exc.errors or ''}".strip())


@click.command("create-staff")
@with_appcontext
@click.option("--username", required=True)
@click.option("--name", required=True)
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    type=click.Choice(list(STAFF_ROLES)),
)
@click.option("--queue", "queues", multiple=True, help="queue key, repeatable")
@click.password_option()
def create_staff_command(username, name, roles, queues, password):
    """Create a staff account (the password is asked for, never echoed or logged)."""

    try:
        staff = create_staff(
            actor=SYSTEM,
            username=username,
            name=name,
            password=password,
            roles=list(roles),
            queues=list(queues),
        )
    except AppError as exc:
        raise _refusal(exc) from None
    click.echo(f"created {staff.username} ({', '.join(staff.roles)})")


@click.command("create-indexes")
@with_appcontext
def create_indexes_command():
    """Create the MongoDB indexes the app needs (idempotent; the Procfile's release step)."""

    for label in indexes.builds_in_progress(mongoengine_db()):
        click.echo(f"building  {label} (started elsewhere; waiting for it)")
    report = indexes.create_all()
    for label, result in report:
        status, _, why = result.partition(": ")
        click.echo(f"{status:9} {label}" + (f"  {why}" if why else ""))
    conflicts = [label for label, result in report if result.startswith("conflict")]
    if conflicts:
        raise click.ClickException(
            f"{len(conflicts)} index conflicts: drop the old index named above and run again"
        )
    click.echo(f"{len(report)} indexes in place")


@click.command("migrate-store")
@with_appcontext
def migrate_store_command():
    """Bring stored data to the shape this release reads (idempotent; the release step)."""

    for name, changed in migrations.run_all(photos_shown=photos_shown) + upgrade_stored():
        click.echo(f"{name}: {changed} documents changed")


@click.command("rotate-data-key")
@with_appcontext
def rotate_data_key_command():
    """Re-seal personal data under DATA_KEY (set the old key in DATA_KEYS_OLD first)."""

    changed = sealing.reseal_all()
    left = sealing.still_under_old_keys()
    click.echo(f"{changed} values re-sealed under key {sealed.current_key_id()}")
    if left:
        raise click.ClickException(
            f"{left} values are under a key not given: add it to DATA_KEYS_OLD and run again"
        )
    click.echo("every sealed value is under the current key; DATA_KEYS_OLD may be dropped")


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Seed the demo county into the configured store (idempotent)."""

    demo.seed(current_app.config)
    click.echo("demo data seeded")


@click.command("add-holiday")
@with_appcontext
@click.argument("day")
@click.option("--workday", is_flag=True, help="a make-up workday (调休上班) instead")
@click.option("--name", default=None, help="e.g. 元旦")
def add_holiday_command(day, workday, name):
    """Add a day off (or make-up workday) that deadlines must respect, e.g. 2027-01-01."""

    try:
        kind = "workday" if workday else "holiday"
        deadlines = deadlines_of(current_app)
        added = add_day(day, kind=kind, name=name, actor=system_actor("cli"), deadlines=deadlines)
    except AppError as exc:
        raise _refusal(exc) from None
    click.echo(f"{added.day} {added.kind} {added.name or ''}".strip())


@click.command("anonymise-closed")
@with_appcontext
@click.option("--days", type=int, default=None, help="retention in days (default: RETENTION_DAYS)")
def anonymise_closed_command(days):
    """Anonymise complaints finished longer than the retention period ago (PIPL)."""

    days = current_app.config["RETENTION_DAYS"] if days is None else days
    if days < 0:
        raise click.ClickException("--days must be 0 or more")
    done = anonymise_closed(now=utcnow(), retention_days=days)
    click.echo(
        f"{done['anonymised']} complaints anonymised, {done['photos_deleted']} photos deleted"
    )


@click.command("refresh-deadlines")
@with_appcontext
@click.option("--all", "every", is_flag=True, help="every complaint, not only those without")
def refresh_deadlines_command(every):
    """Store the deadline fields of complaints stored before them (the release step runs it)."""

    calendar = deadlines_of(current_app).calendar
    changed = recompute_missing(every=every, calendar=calendar, now=utcnow())
    click.echo(f"{changed} complaints updated")


@click.command("import-institutions")
@with_appcontext
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--by", default="cli", show_default=True, help="who the status history names")
def import_institutions_command(file, by):
    """Import an .xlsx or .csv archive: every row is checked first, then all or none."""

    with open(file, "rb") as handle:
        data = handle.read()
    try:
        rows = read_table(file, data)
    except AppError as exc:
        raise _refusal(exc) from None
    with click.progressbar(length=2 * len(rows), label="检查并写入机构档案") as bar:
        result = import_rows(rows, actor=system_actor(by), progress=bar.update)
    for error in result["errors"][:100]:
        click.echo(
            f"第 {error['row']} 行 {error['column']}（{error['field']}）：{error['message']}",
            err=True,
        )
    if result["errors"]:
        raise click.ClickException(f"{len(result['errors'])} 处错误，未导入任何数据")
    click.echo(f"created {result['created']}, updated {result['updated']}")


@click.command("check-wechat")
@with_appcontext
@click.option("--show-secrets", is_flag=True, help="print the push token and AES key whole")
def check_wechat_command(show_secrets):
    """Check the WeChat account before launch and print what to set in its admin console."""

    checks = run_checks(current_app.extensions["wechat"], current_app.config)
    for check in checks:
        click.echo(f"[{'OK' if check.ok else 'FAIL'}] {check.name}: {check.detail}")
    click.echo("\nIn the mini-program's admin console (mp.weixin.qq.com) set:")
    for where, value in console_settings(current_app.config, show_secrets=show_secrets):
        click.echo(f"  {where}: {value}")
    failed = [check.name for check in checks if not check.ok]
    if failed:
        raise click.ClickException(f"{len(failed)} check(s) failed: {', '.join(failed)}")
    click.echo("\nall WeChat checks passed")


@click.command("verify-audit")
@with_appcontext
def verify_audit_command():
    """Walk the security audit's hash chain; fail naming the first entry altered, removed
    or inserted."""

    verdict = audit.verify(actor=SYSTEM)
    if not verdict.ok:
        raise click.ClickException(
            f"audit chain broken at entry {verdict.seq} ({verdict.problem}) after "
            f"{verdict.checked} good entries: {verdict.message}"
        )
    click.echo(f"audit chain intact: {verdict.checked} entries")


COMMANDS = (
    create_staff_command,
    create_indexes_command,
    migrate_store_command,
    rotate_data_key_command,
    seed_demo_command,
    add_holiday_command,
    anonymise_closed_command,
    refresh_deadlines_command,
    import_institutions_command,
    check_wechat_command,
    verify_audit_command,
)


def init_app(app):
    """Register the commands on `app`."""
    for command in COMMANDS:
        app.cli.add_command(command)
