"""gunicorn settings read from this directory: under PROMETHEUS_MULTIPROC_DIR, each worker's
metric files are marked dead when it exits, and the directory starts empty, so /metrics
sums live workers only (docs/operations.md)."""

import os
import pathlib


def on_starting(server):
    """Empty the metrics directory before the first worker starts (stale files lie)."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        path = pathlib.Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        for stale in path.glob("*.db"):
            stale.unlink()


def child_exit(server, worker):
    """Drop a dead worker's live gauges (slots in use) from the sums."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
