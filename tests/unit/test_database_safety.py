"""The suite never runs on, empties or drops a database somebody keeps data in, and a real
MongoDB connection is pinned to majority writes and bounded waits."""

import mongoengine
import mongomock
import pytest

from server.config import load
from server.db import server_options
from tests.conftest import checked_test_database, mongodb_uri_for_tests
from tests.unit.test_config import PRODUCTION


@pytest.mark.parametrize(
    "uri",
    [
        "mongodb://localhost:27017/shuangjian",
        "mongodb://a:1,b:2/prod?replicaSet=rs0",
        "mongodb+srv://user:pw@cluster.example.invalid/live?retryWrites=true",
    ],
)
def test_a_uri_naming_a_database_is_refused(uri):
    with pytest.raises(pytest.UsageError, match="names a database"):
        mongodb_uri_for_tests({"MONGODB_URI": uri})


@pytest.mark.parametrize(
    "uri",
    [None, "", "mongodb://localhost:27017", "mongodb://a:1,b:2/?replicaSet=rs0"],
)
def test_a_uri_without_a_database_is_used_as_given(uri):
    assert mongodb_uri_for_tests({"MONGODB_URI": uri} if uri is not None else {}) == (uri or None)


def test_only_test_databases_are_emptied_or_dropped():
    client = mongomock.MongoClient()
    assert checked_test_database(client["test_shuangjian_gw0"]).name == "test_shuangjian_gw0"
    for name in ("shuangjian", "prod_test_", "Test_x"):
        with pytest.raises(RuntimeError, match="refusing"):
            checked_test_database(client[name])


def test_production_connections_are_pinned():
    config = load(PRODUCTION)
    mongoengine.connect(
        db="settings_check",
        alias="settings-check",
        host="mongodb://db.example.invalid:27017/",
        connect=False,
        **server_options(config),
    )
    try:
        client = mongoengine.get_connection("settings-check")
        assert client.write_concern.document == {"w": "majority"}
        assert client.options.timeout == 15.0  # each operation's budget, sent as maxTimeMS
        assert client.options.pool_options.connect_timeout == 5.0
        assert client.options.pool_options.socket_timeout == 30.0
        assert client.options.server_selection_timeout == 5.0
    finally:
        mongoengine.disconnect("settings-check")
