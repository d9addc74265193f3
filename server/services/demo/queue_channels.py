"""The demo county's queue news: every queue posts to a group robot of the local fake, and the
triage queue also mails its clerks (the local SMTP server), so news can be seen flowing."""

from models.queue import Queue
from server.services import queue_news
from server.services.permissions import system_actor

TRIAGE_MAIL = "zhsl@demo.jyj.gov.cn"


def seed_queue_channels(new_robot):
    """Give each active queue a robot (`new_robot()` gives a webhook URL) and triage a mailbox."""
    for queue in Queue.objects(active=True):
        emails = [TRIAGE_MAIL] if queue.is_default else []
        body = {"webhook_url": new_robot(), "emails": emails}
        queue_news.set_channels(str(queue.pk), body, staff=system_actor("demo"))
