"""Operator commands: `flask --app server.wsgi create-staff`, `seed-demo`, `add-holiday`,
`anonymise-closed`, `refresh-deadlines`, `import-institutions FILE` ..."""

import click

from server.errors import AppError


def init_app(app):
    """Register the commands on `app`."""

    @app.cli.command("create-staff")
    @click.option("--username", required=True)
    @click.option("--name", required=True)
    @click.option(
        "--role",
        "roles",
        multiple=True,
        required=True,
        type=click.Choice(["admin", "dispatcher", "handler", "viewer"]),
    )
    @click.option("--queue", "queues", multiple=True, help="queue key, repeatable")
    @click.password_option()
    def create_staff_command(username, name, roles, queues, password):
        """Create a staff account (the password is asked for, never echoed or logged)."""
        from server.services.admin.accounts import create_staff

        try:
            staff = create_staff(
                username=username,
                name=name,
                password=password,
                roles=list(roles),
                queues=list(queues),
            )
        except AppError as exc:
            raise click.ClickException(f"{exc.message} {exc.errors or ''}".strip()) from None
        click.echo(f"created {staff.username} ({', '.join(staff.roles)})")

    @app.cli.command("seed-demo")
    def seed_demo_command():
        """Seed the demo county into the configured store (idempotent)."""
        from server.services.demo import county as demo

        demo.seed(app.config)
        click.echo("demo data seeded")

    @app.cli.command("add-holiday")
    @click.argument("day")
    @click.option("--workday", is_flag=True, help="a make-up workday (调休上班) instead")
    @click.option("--name", default=None, help="e.g. 元旦")
    def add_holiday_command(day, workday, name):
        """Add a day off (or make-up workday) that deadlines must respect, e.g. 2027-01-01."""
        from server.services.deadlines.holidays import add_day

        try:
            added = add_day(day, kind="workday" if workday else "holiday", name=name, by="cli")
        except AppError as exc:
            raise click.ClickException(f"{exc.message} {exc.errors or ''}".strip()) from None
        click.echo(f"{added.day} {added.kind} {added.name or ''}".strip())

    @app.cli.command("anonymise-closed")
    @click.option(
        "--days", type=int, default=None, help="retention in days (default: RETENTION_DAYS)"
    )
    def anonymise_closed_command(days):
        """Anonymise complaints finished longer than the retention period ago (PIPL)."""
        from server.clock import utcnow
        from server.services.reports.retention import anonymise_closed

        days = app.config["RETENTION_DAYS"] if days is None else days
        if days < 0:
            raise click.ClickException("--days must be 0 or more")
        done = anonymise_closed(now=utcnow(), retention_days=days)
        click.echo(
            f"{done['anonymised']} complaints anonymised, {done['photos_deleted']} photos deleted"
        )

    @app.cli.command("refresh-deadlines")
    def refresh_deadlines_command():
        """Store every complaint's deadline fields again (once, for data stored before them)."""
        from server.clock import utcnow
        from server.services.deadlines.stored import recompute

        click.echo(f"{recompute({}, now=utcnow())} complaints updated")

    @app.cli.command("import-institutions")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False))
    @click.option("--by", default="cli", show_default=True, help="who the status history names")
    def import_institutions_command(file, by):
        """Import an .xlsx or .csv archive: every row is checked first, then all or none."""
        from server.services.archive.files import read_table
        from server.services.archive.importing import import_rows

        with open(file, "rb") as handle:
            data = handle.read()
        try:
            rows = read_table(file, data)
        except AppError as exc:
            raise click.ClickException(f"{exc.message} {exc.errors or ''}".strip()) from None
        with click.progressbar(length=2 * len(rows), label="检查并写入机构档案") as bar:
            result = import_rows(rows, by=by, progress=bar.update)
        for error in result["errors"][:100]:
            click.echo(
                f"第 {error['row']} 行 {error['column']}（{error['field']}）：{error['message']}",
                err=True,
            )
        if result["errors"]:
            raise click.ClickException(f"{len(result['errors'])} 处错误，未导入任何数据")
        click.echo(f"created {result['created']}, updated {result['updated']}")
