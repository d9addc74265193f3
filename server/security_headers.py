"""Headers every response carries, whatever blueprint (or none) answered it.

`nosniff` so a browser never runs a JSON answer or a photo as something else; no framing
anywhere (clickjacking), the Swagger UI pages included. The console sets a stricter CSP of
its own first; `setdefault` keeps it.
"""

ALWAYS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
}


def init_app(app):
    """Add ALWAYS to every response that does not already set them."""

    @app.after_request
    def _secure(response):
        for name, value in ALWAYS.items():
            response.headers.setdefault(name, value)
        return response
