"""Local stand-ins for the outside services queue news reaches: a 企业微信 group robot and an
SMTP server, both real network servers on loopback, for demo mode and the tests."""

import logging

log = logging.getLogger(__name__)


def init_app(app):
    """Demo mode: start the fake robot and, unless SMTP_HOST is set, the local mailbox."""
    if not app.config["DEMO"]:
        return
    from server.emulators.news.mailbox import FakeMailbox
    from server.emulators.news.wecom_robot import FakeRobot

    robot = FakeRobot()
    robot.start()
    app.extensions["fake_robot"] = robot
    if not app.config.get("SMTP_HOST"):
        mailbox = FakeMailbox()
        app.config["SMTP_HOST"], app.config["SMTP_PORT"] = mailbox.start()
        app.extensions["fake_mailbox"] = mailbox
    log.warning(
        "demo mode: fake 企业微信 robot at %s, SMTP at %s", robot.base_url, app.config["SMTP_HOST"]
    )
