"""What staff see of a queue's news channels, declared once (staff API `QueueChannels`)."""

from server.services.admin import QueueRef
from server.services.common import Shape, described


class QueueChannelsView(Shape):
    """A queue's channels (Swagger model `QueueChannels`): the robot's URL with its key
    masked, the e-mail addresses."""

    queue: QueueRef
    webhook_url: described(str | None, "key 已打码")
    emails: list[str]
