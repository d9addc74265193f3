"""Console test helpers: a browser-like Flask test client that signs in and carries CSRF tokens.

Loaded as a pytest plugin from tests/conftest.py, so its fixtures are everywhere.
"""

import html
import io
import re

import pytest

from tests.conftest import TEST_PASSWORD
from tests.support.complaint_support import body_for, submit
from tests.support.image_bytes import jpeg

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
VERSION_RE = re.compile(r'name="version" value="(\d+)"')


class ConsoleClient:
    """Flask's test client used like a browser: it keeps cookies and the page's CSRF token."""

    def __init__(self, client):
        self.client = client
        self.csrf = None
        self.last_html = ""

    def _remember(self, response):
        if response.mimetype == "text/html":
            self.last_html = response.get_data(as_text=True)
            match = CSRF_RE.search(self.last_html)
            if match:
                self.csrf = html.unescape(match.group(1))
        return response

    def get(self, path, *, status=200, **kwargs):
        """GET a page, assert its status, remember its CSRF token; returns the response."""
        response = self.client.get(path, **kwargs)
        assert response.status_code == status, (
            f"GET {path} -> {response.status_code}, expected {status}: "
            f"{response.get_data(as_text=True)[:600]}"
        )
        return self._remember(response)

    def page(self, path, **kwargs):
        """GET a page and return its HTML text."""
        return self.get(path, **kwargs).get_data(as_text=True)

    def post(self, path, data=None, *, status=303, csrf=True, **kwargs):
        """POST a form (with the CSRF token unless `csrf=False`); assert the status."""
        form = dict(data or {})
        if csrf and "csrf_token" not in form:
            form["csrf_token"] = self.csrf
        response = self.client.post(path, data=form, **kwargs)
        assert response.status_code == status, (
            f"POST {path} -> {response.status_code}, expected {status}: "
            f"{response.get_data(as_text=True)[:600]}"
        )
        return self._remember(response)

    def login(self, username, password=TEST_PASSWORD, *, status=303, **fields):
        """Sign in through the login form (`fields`: otp, recovery_code), then open the page
        it leads to (as a browser does, following a home's redirect)."""
        self.get("/console/login")
        form = {"username": username, "password": password, **fields}
        response = self.post("/console/login", form, status=status)
        if status == 303:
            self.get(response.headers["Location"], follow_redirects=True)
        return response


def text_of(response):
    """A response's HTML as text (for `in` checks)."""
    return response.get_data(as_text=True)


@pytest.fixture
def console(app):
    """An anonymous console browser."""
    return ConsoleClient(app.test_client())


@pytest.fixture
def console_login(app, make_staff):
    """Create an account and sign it in through the console; returns a ConsoleClient."""

    def login(username="admin", roles=("admin",), queues=()):
        make_staff(username, roles, queues)
        browser = ConsoleClient(app.test_client())
        browser.login(username)
        return browser

    return login


@pytest.fixture
def file_complaint(login_parent):
    """A parent files a complaint through the mini-program API (login, uploads, POST
    /complaints); returns its tracking number. `photos` real JPEGs are attached."""

    def file(institution=None, *, photos=0, code="parent-code-a", **fields):
        parent = login_parent(code)
        photo_ids = []
        for i in range(photos):
            body = parent.post(
                "/api/mp/v1/uploads",
                data={"file": (io.BytesIO(jpeg((800, 600), (40 * i % 256, 120, 200))), "p.jpg")},
                content_type="multipart/form-data",
                status=201,
            )
            photo_ids.append(body["id"])
        if photo_ids:
            fields["photo_ids"] = photo_ids
        return submit(parent, body_for(institution, **fields))["no"]

    return file
