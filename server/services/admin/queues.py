"""Queues: the triage queue every store has, and the demo county's departments."""

from models.queue import Queue
from server.services.common import Shape


class QueueRef(Shape):
    """A queue wherever it appears (an account's queues, a complaint's, a routing rule's)."""

    id: str
    key: str
    name: str


TRIAGE = ("triage", "综合受理")

DEMO_QUEUES = [
    TRIAGE,
    ("training", "校外培训监管股"),
    ("basic_education", "基础教育股"),
    ("sports", "体育局"),
    ("culture_tourism", "文旅局"),
    ("science", "科技局"),
]


def ensure_queue(key, name, *, order=0, is_default=False):
    """The queue with `key`, created if missing (its name is left as admins set it)."""
    Queue.objects(key=key).update_one(
        set_on_insert__name=name,
        set_on_insert__order=order,
        set_on_insert__is_default=is_default,
        set_on_insert__active=True,
        upsert=True,
    )
    return Queue.objects.get(key=key)


def ensure_triage_queue():
    """The default queue (综合受理) that unrouted complaints go to."""
    return ensure_queue(*TRIAGE, is_default=True)


def default_queue():
    """The triage queue."""
    return Queue.objects(is_default=True).first() or ensure_triage_queue()


def seed_demo_queues():
    """The demo county's departments, in display order."""
    return [
        ensure_queue(key, name, order=i, is_default=(i == 0))
        for i, (key, name) in enumerate(DEMO_QUEUES)
    ]


def active_queues():
    """Every active queue in display order (for pickers)."""
    return list(Queue.objects(active=True).order_by("order", "key"))
