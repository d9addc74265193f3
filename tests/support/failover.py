"""The `failover` fixture: the embedded store's failover injector, healthy again afterwards.

`failover.elect(seconds)` starts an election now, `failover.share(0.3)` fails a share of
operations; the driver's one retry waits `retry_wait` seconds for a primary (short here).
"""

import pytest

from server.db import is_embedded
from server.emulators.mongo.strict_failover import FAILOVER


@pytest.fixture
def failover():
    """FAILOVER, stopped after the test (skipped on a real MongoDB, which we cannot fail)."""
    if not is_embedded():
        pytest.skip("failover is injected into the embedded store only")
    FAILOVER.stop()
    FAILOVER.retry_wait = 0.1
    yield FAILOVER
    FAILOVER.stop()
