"""The HTTP plumbing of the fake WeChat server: a quiet threaded server on loopback.

It reads each request, hands (method, path with query, decoded JSON body) to a dispatch
function and writes back the (status, content type, bytes) it returns. It writes nothing
to stderr, neither per request nor when a client hangs up early.
"""

import contextlib
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from server.emulators.wechat.fake_faults import DROP


class QuietServer(ThreadingHTTPServer):
    """A threaded HTTP server that answers every request with `dispatch`."""

    daemon_threads = True
    request_queue_size = 128  # the default 5 makes bursts of parallel calls wait for SYN retries

    def __init__(self, address, dispatch):
        self.dispatch = dispatch
        self._connections, self._connections_lock = set(), threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request, client_address):
        """Track the kept-alive connection so that stopping the server can end it."""
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        """Forget a connection the client or the server ended."""
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def server_close(self):
        """Stop listening and end kept-alive connections: a stopped fake answers nobody."""
        super().server_close()
        with self._connections_lock:
            connections, self._connections = list(self._connections), set()
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the client
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request, client_address):
        """Stay silent: a client that gave up (timeout) is not an error of the fake."""


class _Handler(BaseHTTPRequestHandler):
    """Reads a request, lets the server's dispatch answer it, writes the answer."""

    # Keep connections alive as api.weixin.qq.com does: HTTP/1.0 made every call pay a new
    # TCP connection and server thread (about 3 ms of a 1 ms call on loopback). Headers and
    # body go out in two writes, so Nagle's algorithm must be off or each answer waits for
    # the client's delayed ACK (40 ms).
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self):
        """Answer a GET."""
        self._answer("GET")

    def do_POST(self):
        """Answer a POST."""
        self._answer("POST")

    def _answer(self, method):
        """Dispatch; a bug in the fake becomes an HTTP 500 rather than a dropped connection."""
        try:
            length = int(self.headers.get("Content-Length") or 0)
            body = _parse_json(self.rfile.read(length) if length > 0 else b"")
            answer = self.server.dispatch(method, self.path, body)
        except Exception as error:  # noqa: BLE001 - the fake must answer, whatever happened
            answer = 500, "text/plain", repr(error).encode()
        if answer is DROP:  # a dropped connection: no status line, no body
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        status, content_type, payload = answer
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            pass  # the client timed out and closed the socket, as clients do with WeChat

    def log_message(self, format, *args):
        """Stay silent: no line on stderr per request."""


def _parse_json(raw):
    """Return the decoded JSON body, or None when there is none or it is not JSON."""
    try:
        return json.loads(raw.decode("utf-8")) if raw else None
    except ValueError:
        return None
