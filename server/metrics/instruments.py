"""The app's Prometheus instruments, defined once; any layer may count on them.

Under gunicorn with several workers, set `PROMETHEUS_MULTIPROC_DIR` (an empty directory per
start): prometheus-client then keeps each process's values in files there and `/metrics`
adds them up (`server.metrics.exposition`). Gauges say how: slots in use are summed over
live processes.
"""

from prometheus_client import Counter, Gauge, Histogram

PREFIX = "shuangjian_"
# Request latencies from a fast probe to a slow export (seconds).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)

REQUESTS = Counter(
    PREFIX + "http_requests",
    "HTTP requests answered, by endpoint (route template), method and status",
    ["endpoint", "method", "status"],
)
LATENCY = Histogram(
    PREFIX + "http_request_duration_seconds",
    "Time to answer an HTTP request, by endpoint and method",
    ["endpoint", "method"],
    buckets=LATENCY_BUCKETS,
)
WECHAT_CALLS = Counter(
    PREFIX + "wechat_calls",
    "Calls to WeChat by API and outcome (ok, wechat_error, transient, unreachable, no_slot)",
    ["api", "outcome"],
)
WECHAT_SLOTS_IN_USE = Gauge(
    PREFIX + "wechat_slots_in_use",
    "WeChat calls in flight (bounded per process by WECHAT_SLOTS)",
    multiprocess_mode="livesum",
)
STORE_RETRIES = Counter(
    PREFIX + "store_retries",
    "Store operations tried again after a failover error, by operation and outcome",
    ["operation", "outcome"],
)
STORE_UNAVAILABLE = Counter(
    PREFIX + "store_unavailable",
    "Requests answered 503 busy because the store stayed unavailable",
)
PHOTO_DECODE_SLOTS_IN_USE = Gauge(
    PREFIX + "photo_decode_slots_in_use",
    "Photos being decoded now (bounded per process by PHOTO_DECODE_SLOTS)",
    multiprocess_mode="livesum",
)
SIGN_IN_FAILURES = Counter(
    PREFIX + "sign_in_failures",
    "Failed sign-ins by who (parent, staff, console) and reason",
    ["who", "reason"],
)
INTAKE_CAPS_REACHED = Counter(
    PREFIX + "intake_caps_reached",
    "Complaints, uploads or sign-ins refused or held back by an intake cap, by cap",
    ["cap"],
)
