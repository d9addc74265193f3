"""Pushes the fake WeChat server has not delivered yet: each on a timer, or queued.

A push is a job: a callable that downloads what WeChat would download, encodes the event
and POSTs it, returning the outcome recorded in the log. Timed jobs run in daemon timer
threads; with auto_push off they wait in a queue until `flush()`.
"""

import threading


class Outbox:
    """Jobs not yet run; all thread-safe."""

    def __init__(self):
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._timers, self._pending, self._queued, self._log = set(), 0, [], []

    @property
    def log(self):
        """Delivery attempts: {"trace_id", "status"} or {"trace_id", "error"}, and more."""
        with self._lock:
            return [dict(entry) for entry in self._log]

    def add(self, trace_id, job, *, delay=None):
        """Run job after delay seconds in a timer thread, or queue it if delay is None."""
        with self._lock:
            if delay is None:
                self._queued.append((trace_id, job))
                return
            timer = threading.Timer(delay, self._run_scheduled)
            timer.args, timer.daemon = (timer, trace_id, job), True
            self._timers.add(timer)
            self._pending += 1
            timer.start()

    def flush(self):
        """Run the queued jobs now, in this thread; return how many."""
        with self._lock:
            jobs, self._queued = self._queued, []
        for trace_id, job in jobs:
            self._run(trace_id, job)
        return len(jobs)

    def wait_idle(self, timeout=5):
        """Wait until every timed job has finished; False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def cancel(self, *, forget=False):
        """Cancel timed jobs not yet started; forget=True also drops the queue and log."""
        with self._lock:
            for timer in self._timers:
                timer.cancel()
            self._pending -= len(self._timers)
            self._timers = set()
            if forget:
                self._queued, self._log = [], []
            self._idle.notify_all()

    def _run_scheduled(self, timer, trace_id, job):
        """Timer body: run unless cancel() got here first."""
        with self._lock:
            if timer not in self._timers:
                return
            self._timers.discard(timer)
        try:
            self._run(trace_id, job)
        finally:
            with self._lock:
                self._pending -= 1
                self._idle.notify_all()

    def _run(self, trace_id, job):
        """Run one job and record the outcome."""
        try:
            outcome = job()
        except Exception as error:  # noqa: BLE001 - a broken job is logged, not raised
            outcome = {"error": repr(error)}
        with self._lock:
            self._log.append({"trace_id": trace_id, **outcome})
