"""Timing helpers for bench sections that measure a real server: gunicorn on loopback and
a load generator (bench/directory.py uses them; a section may instead time a test client).

`Server(env)` starts gunicorn (1 worker, 8 threads: what `make run` and the Procfile run)
on a free loopback port and waits until `ready_path` answers. `measure(server, paths)`
sends keep-alive HTTP/1.1 requests from `concurrency` client threads, cycling through
`paths`, and reports requests per second with p50 and p99 latency as the client saw them.
The client is a bare socket that reads Content-Length bodies (http.client parses headers
with the email package and would spend more CPU than the server on the same two cores).
Throughput is reported beside the bare JSON endpoint's (/healthz, the framework's floor),
so figures compare across machines; `measure_interleaved` alternates endpoints in rounds so
that other load on a shared machine does not favour one of them. Resident memory is the
worker's VmRSS.
"""

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from server.app import create_app
from server.services.admin import create_staff
from server.services.permissions import SYSTEM

HOST = "127.0.0.1"


@dataclass
class Result:
    """Requests per second and latency percentiles of one measurement."""

    requests: int
    seconds: float
    latencies: list = field(repr=False)
    errors: int = 0

    @classmethod
    def combine(cls, results):
        """One result from several measurements of the same thing."""
        return cls(
            sum(r.requests for r in results),
            sum(r.seconds for r in results),
            [latency for r in results for latency in r.latencies],
            sum(r.errors for r in results),
        )

    @property
    def rps(self):
        """Requests completed per second."""
        return self.requests / self.seconds

    def percentile(self, p):
        """The p-th percentile latency in milliseconds."""
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] * 1000


def _free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving server.wsgi:app on loopback, as a context manager."""

    def __init__(self, env, *, ready_path="/readyz", timeout=120):
        self.port = _free_port()
        self.env = {**os.environ, **env}
        self.ready_path, self.timeout = ready_path, timeout
        self.process, self.startup_seconds = None, None

    def __enter__(self):
        command = [
            sys.executable, "-m", "gunicorn", "--bind", f"{HOST}:{self.port}",
            "--workers", "1", "--threads", "8", "--timeout", "300", "server.wsgi:app",
        ]  # fmt: skip
        started = time.perf_counter()
        self.process = subprocess.Popen(
            command, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        while time.perf_counter() - started < self.timeout:
            if self.process.poll() is not None:
                raise RuntimeError("the server exited during start-up")
            if self._answers(self.ready_path):
                self.startup_seconds = time.perf_counter() - started
                return self
            time.sleep(0.25)
        self.__exit__(None, None, None)
        raise RuntimeError(f"the server did not answer within {self.timeout} s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _answers(self, path):
        try:
            connection = http.client.HTTPConnection(HOST, self.port, timeout=2)
            connection.request("GET", path)
            return connection.getresponse().status == 200
        except OSError:
            return False

    def get(self, path):
        """(status, body bytes) of one GET."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()

    def worker_rss_mb(self):
        """Resident memory of the gunicorn worker (the process serving requests), in MB."""
        pid = self.process.pid
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            workers = [int(p) for p in children.read().split()]
        return max(_rss_mb(p) for p in workers or [pid])


def _rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure_interleaved(server, named_paths, *, rounds=4, requests=500, concurrency=4):
    """{name: Result} measuring each named path list in turn, `rounds` times over, so that
    noise from other work on the machine falls on every endpoint alike."""
    parts = {name: [] for name in named_paths}
    for number in range(rounds):
        for name, paths in named_paths.items():
            warmup = 100 if number == 0 else 20
            parts[name].append(measure(server, paths, requests=requests, warmup=warmup))
    return {name: Result.combine(results) for name, results in parts.items()}


def measure(server, paths, *, requests=2000, concurrency=4, warmup=100):
    """Send `requests` GETs cycling through `paths` from `concurrency` keep-alive clients."""
    _run_clients(server, paths, warmup, concurrency)
    started = time.perf_counter()
    latencies, errors = _run_clients(server, paths, requests, concurrency)
    return Result(len(latencies), time.perf_counter() - started, latencies, errors)


CONTENT_LENGTH = re.compile(rb"(?i)\r\ncontent-length: *(\d+)")


class _Client:
    """One keep-alive HTTP/1.1 connection that sends GETs and reads whole responses."""

    def __init__(self, port):
        self.sock = socket.create_connection((HOST, port), timeout=30)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.pending = b""

    def get(self, request):
        """Send a prepared request; return the response status."""
        self.sock.sendall(request)
        data = self.pending
        while b"\r\n\r\n" not in data:
            data += self._receive()
        head, _, body = data.partition(b"\r\n\r\n")
        length = int(CONTENT_LENGTH.search(head).group(1))
        while len(body) < length:
            body += self._receive()
        self.pending = body[length:]
        return int(head[9:12])

    def _receive(self):
        chunk = self.sock.recv(262144)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        return chunk

    def close(self):
        """Close the connection."""
        self.sock.close()


def _run_clients(server, paths, total, concurrency):
    latencies, errors, lock = [], [0], threading.Lock()
    requests = [f"GET {p} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode() for p in paths]

    def client(offset):
        connection = _Client(server.port)
        mine = []
        for i in range(offset, total, concurrency):
            started = time.perf_counter()
            status = connection.get(requests[i % len(requests)])
            mine.append(time.perf_counter() - started)
            if status != 200:
                with lock:
                    errors[0] += 1
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0]


def median_ms(call, rounds=5):
    """The median wall time of `rounds` calls of `call`, in milliseconds."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def in_process_app(fake, database):
    """The app on its own embedded database, talking to the fake WeChat `fake`."""
    return create_app(
        {
            "APP_ENV": "test",
            "MONGODB_DB": database,
            "WECHAT_APPID": fake.appid,
            "WECHAT_SECRET": fake.secret,
            "WECHAT_API_BASE": fake.base_url,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "LOG_LEVEL": "WARNING",
        }
    )


BENCH_LOGIN = {"username": "bench", "password": "bench-password"}


def bench_account(role):
    """The bench's own staff account with `role` (seeded: no password rules, no forced
    change); BENCH_LOGIN signs it in."""
    return create_staff(actor=SYSTEM, name="bench", roles=[role], seeded=True, **BENCH_LOGIN)
