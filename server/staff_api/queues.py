"""Queues with their open and overdue counts (handlers see their own queues only)."""

from flask import current_app
from flask_restx import Namespace, Resource

from server.auth import current_staff, staff_required
from server.clock import utcnow
from server.services.deadlines.holidays import load_calendar
from server.services.deadlines.sla import DeadlineRules
from server.services.triage.reading import queue_overview

ns = Namespace("queues", description="工作队列")


@ns.route("")
class QueueList(Resource):
    method_decorators = [staff_required()]

    def get(self):
        """[{"id", "key", "name", "open", "overdue"}] for the queues the caller sees."""
        return queue_overview(
            current_staff(),
            calendar=load_calendar(),
            now=utcnow(),
            rules=DeadlineRules.from_config(current_app.config),
        )
