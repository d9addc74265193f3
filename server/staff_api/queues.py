"""Queues with their open and overdue counts (handlers see their own queues only)."""

from flask_restx import Namespace, Resource

from server.auth import current_staff, staff_required
from server.clock import utcnow
from server.deadline_context import current_deadlines
from server.services.complaints import queue_overview
from server.staff_api import schemas

ns = Namespace("queues", description="工作队列")


@ns.route("")
class QueueList(Resource):
    method_decorators = [staff_required()]

    @ns.response(200, "the queues", [schemas.QueueCount])
    @schemas.errors(*schemas.SIGNED_IN)
    def get(self):
        """[{"id", "key", "name", "open", "overdue"}] for the queues the caller sees."""
        return queue_overview(
            current_staff(),
            **current_deadlines().options(),
            now=utcnow(),
        )
