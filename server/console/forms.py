"""Reading console forms into the plain data the services take, and showing their errors."""

from flask import request

from server.console import pages


def text(name):
    """A form field as stripped text ('' when absent)."""
    return (request.form.get(name) or "").strip()


def optional(name):
    """A form field as stripped text, or None when empty."""
    return text(name) or None


def lines(name):
    """A textarea as a list of its non-empty lines."""
    return [line.strip() for line in text(name).splitlines() if line.strip()]


def checked(name):
    """Every checked value of a checkbox group."""
    return [value for value in request.form.getlist(name) if value]


def failed(template, exc, **context):
    """Re-render a form page with the service's error: status, message and field reasons."""
    return pages.page(
        template,
        status=exc.status,
        error=pages.error_text(exc),
        errors=exc.errors if isinstance(exc.errors, dict) else {},
        form=request.form,
        **context,
    )
