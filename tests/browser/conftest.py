"""Browser fixtures: the app served on loopback, Debian's Chromium driven by Playwright.

The live server runs the session's `app` (same store as every other test) in a thread. When
Playwright or Chromium is missing, every browser test is skipped with the reason; `make test`
installs Chromium with apt-get where it can.
"""

import logging
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"
VIEWPORT = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def live_server(app):
    """The app on an ephemeral loopback port, served by werkzeug in a thread; its base URL."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


@pytest.fixture(scope="session")
def chromium():
    """Chromium under Playwright for the session, or a skip saying what is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(
            "browser tests skipped: Playwright is not installed "
            "(pip install -r requirements-dev.txt)"
        )
    if not shutil.which(CHROMIUM):
        pytest.skip(
            f"browser tests skipped: no Chromium at {CHROMIUM} "
            "(make test installs it with apt-get when run as root; or set CHROMIUM_PATH)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_session(chromium, live_server):
    """Open a fresh browser session (own cookies), 1366x768 unless a viewport is given;
    returns its first page."""
    contexts = []

    def open_one(viewport=VIEWPORT, **options):
        context = chromium.new_context(
            base_url=live_server,
            viewport=viewport,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        return page

    yield open_one
    for context in contexts:
        context.close()


@pytest.fixture
def signed_in(open_session, make_staff):
    """Create an account and sign it in through the login form; returns the page."""

    def sign_in(
        username="admin", roles=("admin",), queues=(), *, create=True, wait="**/console/", **options
    ):
        from tests.conftest import TEST_PASSWORD

        if create:
            make_staff(username, roles, queues)
        page = open_session(**options)
        page.goto("/console/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", TEST_PASSWORD)
        page.click("button:has-text('登录')")
        page.wait_for_url(wait)
        return page

    return sign_in


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under test-output/; returns its path."""

    def save(page, name):
        OUTPUT.mkdir(exist_ok=True)
        path = OUTPUT / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
