"""The app factory: `create_app(config)` is a list of register steps and nothing else."""

import logging

from flask import Flask
from pymongo.errors import ConnectionFailure
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from mini_program_api import create_blueprint as mp_blueprint
from server import (
    app_clock,
    audit_context,
    audit_http,
    cli,
    console,
    datakeys,
    db,
    deadline_context,
    health,
    malloc,
    requestlog,
    security_headers,
    wechat,
    worker,
)
from server import config as settings
from server.api_support import (
    DUPLICATE_ERRORS,
    ObjectIdConverter,
    duplicate_error_body,
    http_error_body,
    store_unavailable_body,
    unexpected_error_body,
)
from server.console.errors import html_for_console
from server.db import indexes, inject_failover
from server.deadline_context import deadlines_of
from server.emulators import news as news_emulators
from server.errors import AppError
from server.metrics import http as metrics_http
from server.services import demo, directory
from server.services.admin import configure_devices, ensure_triage_queue
from server.services.common import use_hash_method
from server.services.complaints import flag_complaints_with, photos_shown, visible_numbers
from server.services.demo import seed_queue_channels
from server.services.photos import on_unchecked, set_decode_slots, shown_by
from server.services.warnings import see_numbers_with
from server.staff_api import create_blueprint as staff_blueprint

log = logging.getLogger(__name__)


def create_app(config=None):
    """Build the app from the environment, with `config` overriding it (tests)."""
    app = Flask(__name__)
    app.config.update(settings.load(config))
    configure_logger(app)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    prepare_data(app)
    build_directory_index(app)
    inject_faults(app)
    start_demo_worker(app)
    return app


def configure_logger(app):
    """Plain one-line logs on stdout, one per request, request metrics and `/metrics`, and the
    headers every response carries."""

    requestlog.configure_logger(app)
    requestlog.init_app(app)
    metrics_http.init_app(app)
    security_headers.init_app(app)


def register_extensions(app):
    """The clock, MongoDB, password hashing, photo decode slots and the WeChat client."""

    app.config["RESTX_JSON"] = {"ensure_ascii": False}
    app.config["ERROR_404_HELP"] = False
    app.config["RESTX_MASK_SWAGGER"] = False
    app.config["MAX_CONTENT_LENGTH"] = 12 * 1024 * 1024  # one photo (10 MB) plus form overhead
    app.json.ensure_ascii = False
    use_hash_method(app.config["PASSWORD_HASH_METHOD"])
    configure_devices(app.config["SECRET_KEY"])
    set_decode_slots(app.config["PHOTO_DECODE_SLOTS"], app.config["PHOTO_SLOT_WAIT_SECONDS"])
    malloc.return_large_blocks()
    if app.config["PROXY_HOPS"]:
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    app_clock.init_app(app)
    datakeys.init_app(app)
    db.init_app(app)
    deadline_context.init_app(app)  # SLA rules + working-day calendar, built once
    on_unchecked(flag_complaints_with)  # a photo gone unchecked flags its complaints
    shown_by(photos_shown)  # an upload a complaint shows is never swept
    see_numbers_with(visible_numbers)  # a warning's evidence: the reader's complaints only
    wechat.init_app(app)
    audit_context.init_app(app)
    audit_http.init_app(app)
    news_emulators.init_app(app)  # demo: the robot and mailbox queue news goes to


def register_blueprints(app):
    """Health probes, the two APIs and the staff console."""

    app.url_map.converters["objectid"] = ObjectIdConverter
    app.register_blueprint(health.blueprint)
    app.register_blueprint(mp_blueprint())
    app.register_blueprint(staff_blueprint())
    console.init_app(app)


def register_errorhandlers(app):
    """The one error shape outside the APIs' own handlers; /console paths get an HTML page."""

    app.register_error_handler(
        AppError, html_for_console(lambda exc: (exc.to_dict(), exc.status, exc.headers))
    )
    for duplicate in DUPLICATE_ERRORS:
        app.register_error_handler(duplicate, html_for_console(duplicate_error_body))
    app.register_error_handler(ConnectionFailure, html_for_console(store_unavailable_body))
    app.register_error_handler(HTTPException, html_for_console(http_error_body))
    app.register_error_handler(Exception, html_for_console(unexpected_error_body))


def register_commands(app):
    """`flask create-staff`, `flask seed-demo` and the other operator commands."""

    cli.init_app(app)


def prepare_data(app):
    """Indexes (created here in demo and test, by the release step in production), the
    triage queue; demo mode seeds a demo county and says so loudly."""

    if app.config["APP_ENV"] != "production":
        indexes.create_all()
    indexes.check_at_start(app)
    ensure_triage_queue()
    if app.config["DEMO"]:
        demo.seed(app.config, wechat=app.extensions["wechat"], deadlines=deadlines_of(app))
        if "fake_robot" in app.extensions:
            seed_queue_channels(app.extensions["fake_robot"].new_robot)


def build_directory_index(app):
    """Build this process's directory index now, before it serves anything (/readyz says 503
    until it exists), so no request pays for it; later changes are applied incrementally."""

    directory.current_index()
    # One search and one verdict load what the first real one would (the name normaliser's
    # conversion tables, pinyin), so the first parent's search is as fast as the tenth.
    directory.search(q="培训学校")
    directory.check_name("培训学校")


def inject_faults(app):
    """Demo settings: the embedded store fails over and the fake WeChat flaps, once the demo
    county is seeded (docs/operations.md)."""

    inject_failover(app.config)
    share = app.config["DEMO_WECHAT_FAULT_SHARE"]
    if share and "fake_wechat" in app.extensions:
        app.extensions["fake_wechat"].set_faults(share, slow_seconds=2.0)
        log.warning("demo: %.0f%% of WeChat calls fail or are slow", share * 100)


def start_demo_worker(app):
    """Demo mode: the worker loop in a daemon thread, since the embedded store is in-process."""
    if app.config["DEMO"] and app.config.get("RUN_WORKER", True):
        app.extensions["worker"] = worker.start_in_thread(app)
