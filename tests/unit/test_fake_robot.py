"""The fake 企业微信 robot is as strict as the documented one, and the sender fits within it."""

import pytest
import requests

from server.services.queue_news.senders import SendError, fit_bytes, send_wecom


def post(url, body):
    """The robot's JSON answer to a raw post."""
    return requests.post(url, json=body, timeout=2).json()


def test_the_robot_refuses_what_the_real_one_refuses(fake_robot):
    url = fake_robot.new_robot()
    stranger = url.rsplit("=", 1)[0] + "=not-a-key"
    assert post(stranger, {"msgtype": "text", "text": {"content": "hi"}})["errcode"] == 93000
    assert post(url, {"msgtype": "card", "card": {"content": "hi"}})["errcode"] == 40008
    assert post(url, {"msgtype": "text", "text": {"content": ""}})["errcode"] == 44004
    long_text = {"msgtype": "text", "text": {"content": "字" * 683}}  # 2049 bytes
    assert post(url, long_text)["errcode"] == 40058
    assert post(url, {"msgtype": "markdown", "markdown": {"content": "字" * 1366}})["errcode"] == (
        40058
    )
    assert post(url, {"msgtype": "markdown", "markdown": {"content": "字" * 1365}})["errcode"] == 0
    assert fake_robot.messages(url) == ["字" * 1365]


def test_twenty_messages_a_minute_then_45009(fake_robot):
    url = fake_robot.new_robot()
    for _ in range(20):
        send_wecom(url, "ok", timeout=2)
    with pytest.raises(SendError) as refused:
        send_wecom(url, "one too many", timeout=2)
    assert (refused.value.code, refused.value.transient) == (45009, True)


def test_long_news_is_cut_on_a_character_within_4096_bytes(fake_robot):
    url = fake_robot.new_robot()
    text = fit_bytes("预警" * 3000)
    assert len(text.encode("utf-8")) <= 4096
    send_wecom(url, "预警" * 3000, timeout=2)
    assert fake_robot.messages(url) == [text]
