"""``flask --app wsgi …`` commands (INTERFACES.md lists the stable ones)."""

from __future__ import annotations

import os

import click
from flask import Flask, current_app
from flask_babel import gettext

from .auth import create_user, ensure_admin_account, password_problem
from .models import ApiToken, Role, Unit, User, db


def _fail(message: str) -> None:
    raise click.ClickException(message)


@click.command("seed")
def seed_command():
    """Load seed/members.yaml (units and members), seed/places.tsv (counties, towns, villages) and
    the message templates the database lacks; running it again changes nothing."""
    from .notify import load_default_templates
    from .seed import load_places, load_roster, read_places, read_roster

    changes = load_roster(read_roster(current_app.config["SEED_FILE"]))
    places = load_places(read_places(current_app.config["PLACES_FILE"]))
    templates = load_default_templates()
    db.session.commit()
    words = {
        ("added", "unit"): gettext("Added unit"),
        ("added", "member"): gettext("Added member"),
        ("changed", "unit"): gettext("Updated unit"),
        ("changed", "member"): gettext("Updated member"),
    }
    for change in changes:
        suffix = f" ({', '.join(change.fields)})" if change.fields else ""
        click.echo(f"{words[change.action, change.kind]}：{change.name}{suffix}")
    for event in templates:
        click.echo(gettext("Added message template: %(event)s", event=event.label))
    if places:
        click.echo(gettext("Added %(count)d place(s).", count=places))
    click.echo(gettext("Roster loaded: %(count)d change(s).", count=len(changes)))


@click.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
@click.option("--unit", "unit_name", help="Unit name, required for --role unit.")
@click.option("--password", help="Prompted for when not given.")
@click.option("--display-name")
def create_user_command(username, role, unit_name, password, display_name):
    """Make an account."""
    if db.session.execute(db.select(User).filter_by(username=username)).scalar_one_or_none():
        _fail(gettext("The username %(name)s is already taken.", name=username))
    unit = None
    if unit_name:
        unit = db.session.execute(db.select(Unit).filter_by(name=unit_name)).scalar_one_or_none()
        if unit is None:
            _fail(gettext("There is no unit named %(name)s.", name=unit_name))
    if Role(role) == Role.unit and unit is None:
        _fail(gettext("A unit account must be bound to its unit (--unit)."))
    if not password:
        password = click.prompt(gettext("Password"), hide_input=True, confirmation_prompt=True)
    problem = password_problem(password, [username, display_name])
    if problem:
        _fail(problem)
    create_user(username, Role(role), password, unit=unit, display_name=display_name)
    db.session.commit()
    click.echo(gettext("Account %(name)s created.", name=username))


@click.command("create-token")
@click.argument("username")
def create_token_command(username):
    """Print a new API token for the account, alone on the last line."""
    user = db.session.execute(db.select(User).filter_by(username=username)).scalar_one_or_none()
    if user is None:
        _fail(gettext("There is no account named %(name)s.", name=username))
    row, token = ApiToken.issue(user)
    db.session.add(row)
    db.session.commit()
    click.echo(gettext("New API token for %(name)s (shown only once):", name=username))
    click.echo(token)


@click.command("ensure-admin")
def ensure_admin_command():
    """Create the office account ``admin`` on first start."""
    try:
        generated = ensure_admin_account(current_app.config["HOTLINE_ADMIN_PASSWORD"])
    except ValueError as exc:
        _fail(gettext("HOTLINE_ADMIN_PASSWORD cannot be used: %(problem)s", problem=exc))
    if generated:
        click.echo(gettext("Created the office account admin with the password: %(password)s", password=generated))


@click.command("rotate-secret")
def rotate_secret_command():
    """End every session now, and put a new session key in the instance folder when the key is kept
    there (web, worker and cron read it at their next start)."""
    from .config import replace_instance_key

    for user in db.session.scalars(db.select(User)):
        user.end_sessions()
    db.session.commit()
    click.echo(gettext("Every session has ended; everyone must log in again."))
    path = current_app.config["SECRET_KEY_FILE"]
    if path:
        replace_instance_key(path)
        click.echo(gettext("A new session key is in %(path)s; restart the web app, the workers and the "
                           "scheduler to use it.", path=path))
    else:
        click.echo(gettext("The session key is set by SECRET_KEY: to change it too, set a new value there and "
                           "restart the web app, the workers and the scheduler."))


@click.command("import-contacts")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--add-units", is_flag=True, help="Create units the roster does not know (kind: other).")
def import_contacts_command(path, add_units):
    """Import a CSV or XLSX work-order export; all or nothing."""
    from . import importer

    with open(path, "rb") as handle:
        data = handle.read()
    try:
        records = importer.load_records(data, path)
    except importer.BadFile as exc:
        _fail(str(exc))
    with click.progressbar(length=len(records), label=gettext("Checking")) as bar:
        report = importer.import_records(records, add_units=add_units, progress=bar.update)
    for warning in report.warnings:
        click.echo(gettext("Note: %(problem)s", problem=warning))
    result = importer.finish(report)
    if not report.ok:
        for problem in report.errors:
            click.echo(str(problem), err=True)
        _fail(gettext("%(count)d problem(s) found; nothing was imported.", count=len(report.errors)))
    for name in report.added_units:
        click.echo(gettext("Added unit: %(name)s", name=name))
    click.echo(gettext("%(rows)d rows: %(created)d new, %(updated)d updated; %(groups)d new problem group(s), "
                       "%(proposed)d proposed case(s).", rows=report.rows, created=report.created,
                       updated=report.updated, groups=result["groups"], proposed=result.get("proposed", 0)))


@click.command("recalc")
@click.option("--rekey", is_flag=True,
              help="First read every contact's place, things and matters again (after the gazetteer or the "
                   "reading rules changed, or after an upgrade).")
def recalc_command(rekey):
    """Group the contacts, propose cases and set categories and levels now, in this process."""
    from . import importer
    from .jobs import recalculate_here

    if rekey:
        count = importer.rekey()
        db.session.commit()
        click.echo(gettext("Matching keys read again for %(count)d contact(s).", count=count))
    result = recalculate_here()
    click.echo(gettext("%(contacts)d contacts in %(groups)d problem group(s); %(moved)d moved.", **result))
    click.echo(gettext("%(proposed)d case(s) proposed; categories: %(categories_added)d added, "
                       "%(categories_removed)d removed; %(levels_changed)d level(s) changed.", **result))


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@click.option("--with-scheduler/--without-scheduler", default=True,
              help="Also run jobs enqueued for later (enqueue_in, retries).")
def worker_command(burst, with_scheduler):
    """Run an RQ worker with the app's settings."""
    from rq import Worker

    from .queue import get_queue, get_redis

    # A forked work horse must not share the parent's database connections.
    os.register_at_fork(after_in_child=lambda: db.engine.dispose(close=False))
    Worker([get_queue()], connection=get_redis()).work(burst=burst, with_scheduler=with_scheduler)


@click.command("cron")
def cron_command():
    """Run the RQ cron scheduler; run exactly one per installation."""
    from rq.cron import CronScheduler

    from .jobs import register_schedule
    from .queue import get_redis

    scheduler = CronScheduler(connection=get_redis())
    register_schedule(scheduler, current_app.config["RQ_QUEUE"])
    scheduler.start()


@click.command("run-all")
@click.option("--port", type=int, default=lambda: int(os.environ.get("PORT", 5000)))
@click.option("--host", default="127.0.0.1")
def run_all_command(port, host):
    """Run the web app, one worker and the cron scheduler together until Ctrl-C."""
    from .launcher import run_all

    raise SystemExit(run_all(current_app.config, host, port))


def register(app: Flask) -> None:
    for command in (seed_command, create_user_command, create_token_command, ensure_admin_command,
                    rotate_secret_command, import_contacts_command, recalc_command, worker_command, cron_command,
                    run_all_command):
        app.cli.add_command(command)
