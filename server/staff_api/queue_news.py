"""Where each queue's news goes: its 企业微信 group robot and e-mail addresses (admins)."""

from flask_restx import Namespace, Resource

from server.api_schemas import body_schema
from server.api_support import json_body
from server.auth import current_staff, staff_required
from server.services import queue_news
from server.staff_api import schemas

ns = Namespace("queue-channels", path="/queues", description="队列消息推送：群机器人、邮件")

channels_request = body_schema(ns, queue_news.ChannelsInput, name="QueueChannelsInput")


@ns.route("/<string:queue_id>/channels")
class QueueChannels(Resource):
    method_decorators = [staff_required(can="manage_queue_news")]

    @ns.response(200, "the channels", schemas.QueueChannels)
    @schemas.errors("forbidden", "not_found", *schemas.SIGNED_IN)
    def get(self, queue_id):
        """The queue's robot (key masked) and e-mail addresses (admin)."""
        return queue_news.channels_of(queue_id, staff=current_staff())

    @ns.expect(channels_request)
    @ns.response(200, "the channels", schemas.QueueChannels)
    @schemas.errors("not_found", *schemas.ADMIN_WRITE)
    def put(self, queue_id):
        """Set the queue's robot webhook URL and e-mail addresses; empty turns one off."""
        return queue_news.set_channels(queue_id, json_body(), staff=current_staff())
