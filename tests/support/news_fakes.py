"""Fixtures: the fake 企业微信 robot and the local SMTP server that queue news reaches.

Both are real servers on loopback, started once per session; the app's SMTP settings
point at the mailbox. Each test gets them emptied, and the robot's clock set to the test's.
"""

import pytest

from server.emulators.news.mailbox import FakeMailbox
from server.emulators.news.wecom_robot import FakeRobot


@pytest.fixture(scope="session")
def _news_servers(app):
    robot, mailbox = FakeRobot(), FakeMailbox()
    robot.start()
    host, port = mailbox.start()
    app.config.update(SMTP_HOST=host, SMTP_PORT=port, WECOM_TIMEOUT=2.0)
    yield robot, mailbox
    robot.stop()
    mailbox.stop()


@pytest.fixture
def fake_robot(_news_servers, now):
    """The fake group robot, emptied, at the test's instant."""
    robot = _news_servers[0]
    robot.reset(now)
    return robot


@pytest.fixture
def fake_mailbox(_news_servers):
    """The local SMTP server, emptied."""
    mailbox = _news_servers[1]
    mailbox.received.clear()
    mailbox.refusals = 0
    return mailbox
