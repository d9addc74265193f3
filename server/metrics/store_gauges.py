"""Gauges read from the store when `/metrics` is scraped: every process sees the same
MongoDB, so these are computed by the process that answers, never summed over processes."""

import logging

from prometheus_client import CollectorRegistry
from prometheus_client.core import GaugeMetricFamily

from server.clock import utcnow
from server.metrics.instruments import PREFIX
from server.services.complaints import OUTBOX_WAITING, complaints_by_queue, outbox_backlog

log = logging.getLogger(__name__)


class StoreGauges:
    """A collector of open and overdue complaints and the outbox backlog."""

    @classmethod
    def registry(cls):
        """A registry holding one fresh collector (read at scrape time)."""
        registry = CollectorRegistry(auto_describe=False)
        registry.register(cls())
        return registry

    def describe(self):
        """Nothing up front: the values come from the store at collect time."""
        return []

    def collect(self):
        """The gauges, or none (logged) when the store cannot be read now."""
        now = utcnow()
        try:
            queues = complaints_by_queue(now=now)
            backlog = outbox_backlog(now=now)
        except Exception:  # noqa: BLE001 - a scrape during a failover must still answer
            log.warning("store gauges unavailable for this scrape", exc_info=True)
            return
        open_ = GaugeMetricFamily(
            PREFIX + "complaints_open", "Open complaints by queue", labels=["queue"]
        )
        overdue = GaugeMetricFamily(
            PREFIX + "complaints_overdue", "Open complaints past their deadline", labels=["queue"]
        )
        for key, row in sorted(queues.items()):
            open_.add_metric([key], row["open"])
            overdue.add_metric([key], row["overdue"])
        depth = GaugeMetricFamily(
            PREFIX + "outbox_messages", "Outbox messages not yet settled", labels=["state"]
        )
        for state in OUTBOX_WAITING:
            depth.add_metric([state], backlog[state])
        age = GaugeMetricFamily(
            PREFIX + "outbox_oldest_due_age_seconds",
            "How long the oldest due outbox message has waited to be sent",
            value=backlog["oldest_due_seconds"],
        )
        yield from (open_, overdue, depth, age)
