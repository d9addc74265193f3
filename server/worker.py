"""The background worker loop (the process is `server.worker_process`, Procfile `worker`).

Each round sends the due subscribe messages from the complaints' outboxes and runs the
sweeps (deadline reminders, overdue flags, archiving after the rating window, outcomes of
merged complaints, photos still waiting for WeChat's verdict an hour after upload, uploads
no complaint shows 24 hours after upload);
every RETENTION_INTERVAL seconds a round also anonymises complaints finished longer than
RETENTION_DAYS ago (PIPL). Everything it does is claimed or guarded in MongoDB, so any
number of workers may run, and stopping one at any moment loses nothing: a message it
held is taken over when its lease expires. Demo mode runs the same loop in a daemon
thread of the web process, because the embedded store (mongomock) lives in that process.
"""

import logging
import threading
import time

from pymongo.errors import ConnectionFailure

from server.clock import utcnow
from server.deadline_context import deadlines_of
from server.services.complaints import DeliverySettings, anonymise_closed, deliver_due, sweep
from server.services.photos import sweep_pending_photos, sweep_unattached
from server.services.queue_news import NewsSettings, deliver_news

log = logging.getLogger(__name__)


def run_once(app, *, now=None, retention=False):
    """One round: deliver due messages, sweep, and (if asked) anonymise; what was done."""
    with app.app_context():
        # `now` given (tests) holds still; otherwise each message is timed as it is sent.
        sent = deliver_due(
            app.extensions["wechat"], settings=DeliverySettings.from_config(app.config), now=now
        )
        swept = sweep(
            now=now or utcnow(),
            **deadlines_of(app).options(),
        )
        # A photo with no WeChat verdict an hour after upload goes to manual review.
        photos = sweep_pending_photos(now=now or utcnow())
        # Uploads no complaint shows 24 hours on are deleted (a bounded batch per round).
        unused = sweep_unattached(now=now or utcnow())
        news = deliver_news(settings=NewsSettings.from_config(app.config), now=now)
        result = {
            "outbox": sent,
            "sweep": swept,
            "photos_unchecked": photos,
            "uploads_deleted": unused,
            "news": news,
        }
        if retention:
            result["retention"] = anonymise_closed(
                now=now or utcnow(), retention_days=app.config["RETENTION_DAYS"]
            )
    return result


def run_forever(app, stop):
    """Run rounds every WORKER_INTERVAL seconds until `stop` (a threading.Event) is set."""
    interval = app.config["WORKER_INTERVAL"]
    log.info("worker started, every %.1f s", interval)
    retention_due = time.monotonic()  # the first round anonymises, then every interval
    while not stop.is_set():
        retention = time.monotonic() >= retention_due
        if retention:
            retention_due = time.monotonic() + app.config["RETENTION_INTERVAL"]
        try:
            run_once(app, retention=retention)
        except ConnectionFailure as error:  # an election: expected for seconds, not a bug
            log.warning("worker round stopped: store unavailable (%s)", type(error).__name__)
        except Exception:  # one bad round must not end the worker; the next one retries
            log.exception("worker round failed")
        stop.wait(interval)
    log.info("worker stopped")


class WorkerThread(threading.Thread):
    """The worker loop in a daemon thread of the web process (demo mode)."""

    def __init__(self, app):
        super().__init__(name="worker", daemon=True)
        self.app = app
        self.stop_event = threading.Event()

    def run(self):
        """Run rounds until stopped."""
        run_forever(self.app, self.stop_event)

    def stop(self, timeout=30):
        """Ask the loop to stop after its current round, and wait for it."""
        self.stop_event.set()
        self.join(timeout)


def start_in_thread(app):
    """Start the worker loop in a daemon thread; returns the running WorkerThread."""
    thread = WorkerThread(app)
    thread.start()
    return thread
