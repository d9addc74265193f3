"""The demo county: queues, staff, institutions, rules and complaints.

This `__init__` is the domain's face: the names other packages may call (`__all__`).
"""

from server.services.demo.county import seed
from server.services.demo.queue_channels import seed_queue_channels

__all__ = [
    "seed",
    "seed_queue_channels",
]
