"""Every console POST route refuses a form without this session's CSRF token.

The routes come from the app's URL map, so a new form handler is covered without editing this.
"""

import re

import pytest

from tests.support.console_client import text_of

FILLER = {"what": "disable", "no": "TS000000000000"}


def console_post_paths(app):
    """A concrete path for every POST rule under /console."""
    paths = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/console") and "POST" in rule.methods:
            path = re.sub(
                r"<(?:[^:>]+:)?([^>]+)>", lambda m: FILLER.get(m.group(1), "0" * 24), rule.rule
            )
            paths.append(path)
    return sorted(paths)


def test_the_console_has_post_routes_to_check(app):
    assert len(console_post_paths(app)) >= 10


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_every_console_post_needs_the_session_token(app, console_login, token):
    browser = console_login("boss", ["admin"])
    for path in console_post_paths(app):
        form = {} if token is None else {"csrf_token": token}
        response = browser.post(path, form, csrf=False, status=400)
        assert "页面已过期" in text_of(response), path
    browser.get("/console/")  # still signed in: the refused logout did nothing


def test_a_token_from_another_session_is_refused(app, console_login):
    first = console_login("boss", ["admin"])
    second = console_login("clerk", ["dispatcher"])
    for path in console_post_paths(app):
        second.post(path, {"csrf_token": first.csrf}, csrf=False, status=400)
