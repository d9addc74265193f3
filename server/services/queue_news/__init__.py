"""Queue news: new complaints, parents' follow-ups, deadlines and warnings sent to the
queue's 企业微信 group robot and e-mail through the staff outbox (the face of the domain)."""

from server.services.queue_news.channels import ChannelsInput, channels_of, set_channels
from server.services.queue_news.delivery import NewsSettings, deliver_news
from server.services.queue_news.news import EVENTS, compose, record_news
from server.services.queue_news.shapes import QueueChannelsView

__all__ = [
    "channels_of",
    "ChannelsInput",
    "compose",
    "deliver_news",
    "EVENTS",
    "NewsSettings",
    "QueueChannelsView",
    "record_news",
    "set_channels",
]
