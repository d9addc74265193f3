"""An app served on loopback by a fixed pool of threads, as gunicorn's gthread worker serves
it (`--threads 8`): a request waits for a free thread, so threads held by slow calls show."""

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from werkzeug.serving import BaseWSGIServer


class PooledWSGIServer(BaseWSGIServer):
    """werkzeug's server with each connection handled on a bounded thread pool."""

    def __init__(self, app, threads):
        super().__init__("127.0.0.1", 0, app)
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="web")

    def process_request(self, request, client_address):
        """Hand the connection to the pool (it waits there when every thread is busy)."""
        self.pool.submit(self._handle, request, client_address)

    def _handle(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        except Exception:  # noqa: BLE001 - as socketserver does: one bad request, not the server
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)


@contextmanager
def pooled(app, threads=8):
    """Serve `app` on a free loopback port with `threads` threads; yields its base URL."""
    server = PooledWSGIServer(app, threads)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.pool.shutdown(wait=False, cancel_futures=True)
        server.server_close()
