"""The MongoDB connection: a real server when MONGODB_URI is set, else in-process mongomock.

mongomock expires TTL-indexed documents on every read by `mongomock.utcnow()`, its
documented hook for "now"; the embedded store points it at the app's clock (`utcnow()`),
the clock that wrote the expiry times, so a clock set by a test or the demo expires them.
"""

import logging

import gridfs
import mongoengine
from mongoengine.connection import DEFAULT_CONNECTION_NAME

from server.clock import utcnow

log = logging.getLogger(__name__)

_connected_to = None  # (uri, db) of the live default connection, shared by app instances


def init_app(app):
    """Connect mongoengine for this process (app instances with the same store share it)."""
    global _connected_to
    uri, name = app.config["MONGODB_URI"], app.config["MONGODB_DB"]
    if _connected_to == (uri, name):
        return
    if _connected_to is not None:
        mongoengine.disconnect(DEFAULT_CONNECTION_NAME)
    options = {"tz_aware": True, "uuidRepresentation": "standard"}
    if uri:
        mongoengine.connect(db=name, host=uri, **server_options(app.config))
    else:
        import mongomock
        import mongomock.gridfs

        from server.emulators.mongo import speedups as mongomock_speedups
        from server.emulators.mongo import strict

        mongomock.gridfs.enable_gridfs_integration()
        mongomock_speedups.install()
        strict.install()
        mongomock.utcnow = _embedded_now
        mongoengine.connect(
            db=name, host="mongodb://localhost", mongo_client_class=mongomock.MongoClient, **options
        )
    _connected_to = (uri, name)


def server_options(config):
    """What a real MongoDB connection is pinned to: acknowledged by a majority of the replica
    set (a write the primary alone took may be rolled back after an election), and bounded
    in time: connecting, each socket read, and each operation's whole budget (maxTimeMS)."""
    return {
        "tz_aware": True,
        "uuidRepresentation": "standard",
        "w": "majority",
        "timeoutMS": config.get("MONGODB_TIMEOUT_MS", 15000),
        "connectTimeoutMS": config.get("MONGODB_CONNECT_TIMEOUT_MS", 5000),
        "socketTimeoutMS": config.get("MONGODB_SOCKET_TIMEOUT_MS", 30000),
        "serverSelectionTimeoutMS": config.get("MONGODB_CONNECT_TIMEOUT_MS", 5000),
    }


def _embedded_now():
    """The app clock's now as mongomock keeps times: naive UTC to the millisecond."""
    now = utcnow().replace(tzinfo=None)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def is_embedded():
    """Whether the store is the in-process mongomock (data is not kept)."""
    return _connected_to is not None and _connected_to[0] is None


def ping():
    """Whether MongoDB answers right now."""
    try:
        mongoengine.get_db().command("ping")
        return True
    except Exception:  # any driver error means "not ready"; /readyz says 503
        log.warning("MongoDB ping failed", exc_info=True)
        return False


def grid_fs():
    """GridFS on the default database (photos, generated images)."""
    return gridfs.GridFS(mongoengine.get_db())


def inject_failover(config):
    """The embedded store's failover settings (STORE_FAILOVER_*): periodic elections or a
    share of failing operations; ignored on a real MongoDB, which fails over by itself."""
    every, share = config.get("STORE_FAILOVER_EVERY"), config.get("STORE_FAILOVER_SHARE")
    if not (every or share):
        return
    if not is_embedded():
        log.warning("STORE_FAILOVER_* ignored: MONGODB_URI is a real MongoDB")
        return
    from server.emulators.mongo.strict_failover import FAILOVER

    if every:
        FAILOVER.every(every, config.get("STORE_FAILOVER_SECONDS") or 5.0)
    if share:
        FAILOVER.share(share)
    log.warning("embedded store fails over: every %s s, share %s", every, share)
