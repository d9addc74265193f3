"""Serve the backend in demo mode on a free loopback port, for the mini-program's Node tests.

Run by jest's globalSetup as `../.venv/bin/python test/support/serve_backend.py`. It binds
127.0.0.1 port 0 first, so the app (its photo links, the fake WeChat's push URL) is built
knowing the real port; prints one line `PORT <n>` when it serves; and exits when its
stdin closes, so a test run that dies never leaves it behind.
"""

import os
import socket
import sys
import threading

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, ROOT)

from werkzeug.serving import make_server  # noqa: E402

from server.app import create_app  # noqa: E402


def demo_config(port):
    """Demo mode on mongomock with the demo county, whatever this shell's environment says."""
    return {
        "APP_ENV": "demo",
        "MONGODB_URI": None,
        "HOST": "127.0.0.1",
        "PORT": port,
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "WECHAT_API_BASE": None,
        "DEMO_PASSWORD": "demo-password",
        "DEMO_INSTITUTIONS": int(os.environ.get("MP_TEST_INSTITUTIONS", "300")),
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # demo accounts, signed in by tests
        "LOG_LEVEL": os.environ.get("MP_TEST_LOG_LEVEL", "WARNING"),
    }


def exit_when_stdin_closes():
    """The parent (jest) holds our stdin: when it goes away, so do we."""
    sys.stdin.read()
    os._exit(0)


def main():
    """Bind, build the app, say the port, serve until stopped."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    app = create_app(demo_config(port))
    server = make_server("127.0.0.1", port, app, threaded=True, fd=sock.fileno())
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    print(f"PORT {port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
