"""A local SMTP server (aiosmtpd on loopback) that keeps what it receives, for demo mode
and tests. `refuse_next(n)` answers the next n messages with a 451 (try again later)."""

import socket
import threading
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


def _free_port(host):
    """A port nobody listens on now (aiosmtpd's controller needs one named up front)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class _Handler:
    def __init__(self, box):
        self.box = box

    async def handle_DATA(self, server, session, envelope):
        """Keep the message, or refuse it for now when asked to."""
        with self.box.lock:
            if self.box.refusals:
                self.box.refusals -= 1
                return "451 4.3.0 try again later"
            message = message_from_bytes(envelope.content, policy=policy.default)
            self.box.received.append(
                {"to": list(envelope.rcpt_tos), "subject": message["Subject"], "message": message}
            )
        return "250 OK"


class FakeMailbox:
    """An SMTP server on 127.0.0.1 and a free port; `received` lists what it accepted."""

    def __init__(self, host="127.0.0.1", port=0):
        self.host, self.port = host, port
        self.received, self.refusals, self.lock = [], 0, threading.Lock()
        self._controller = None

    def start(self):
        """Serve; (host, port)."""
        if self._controller is None:
            self.port = self.port or _free_port(self.host)
            self._controller = Controller(_Handler(self), hostname=self.host, port=self.port)
            self._controller.start()
        return self.host, self.port

    def stop(self):
        """Stop serving; harmless twice."""
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()

    def refuse_next(self, count=1):
        """Answer the next `count` messages with 451."""
        with self.lock:
            self.refusals += count

    def texts(self, address=None):
        """Bodies of the messages received (for one address, or all)."""
        return [
            m["message"].get_content()
            for m in self.received
            if address is None or address in m["to"]
        ]
