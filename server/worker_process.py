"""The worker process: `python -m server.worker_process` (Procfile `worker`).

Builds the app without the demo's in-process worker thread and runs the worker loop
until SIGTERM or SIGINT; the current round finishes first.
"""

import signal
import threading

from server.app import create_app
from server.worker import run_forever


def main():
    """Run the worker until SIGTERM or SIGINT."""
    app = create_app({"RUN_WORKER": False})
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    run_forever(app, stop)


if __name__ == "__main__":
    main()
