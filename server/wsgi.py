"""The WSGI entry point: `gunicorn server.wsgi:app` (Procfile web)."""

from server.app import create_app

app = create_app()
