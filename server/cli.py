"""Operator commands: `flask --app server.wsgi create-staff`, `seed-demo`, `add-holiday`,
`anonymise-closed` ..."""

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
        from server.services.staff import create_staff

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
        from server.services import demo

        demo.seed(app.config)
        click.echo("demo data seeded")

    @app.cli.command("add-holiday")
    @click.argument("day")
    @click.option("--workday", is_flag=True, help="a make-up workday (调休上班) instead")
    @click.option("--name", default=None, help="e.g. 元旦")
    def add_holiday_command(day, workday, name):
        """Add a day off (or make-up workday) that deadlines must respect, e.g. 2027-01-01."""
        from server.services.holidays import add_day

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
        from server.services.clock import utcnow
        from server.services.retention import anonymise_closed

        days = app.config["RETENTION_DAYS"] if days is None else days
        if days < 0:
            raise click.ClickException("--days must be 0 or more")
        done = anonymise_closed(now=utcnow(), retention_days=days)
        click.echo(
            f"{done['anonymised']} complaints anonymised, {done['photos_deleted']} photos deleted"
        )
