"""Intake caps reached lately: how staff learn that a flood was held back at the door."""

from flask_restx import Namespace, Resource

from server.auth import current_staff, staff_required
from server.clock import utcnow
from server.services.caps import recent_caps
from server.staff_api import schemas

ns = Namespace("intake", description="受理限流")


@ns.route("/caps")
class IntakeCaps(Resource):
    method_decorators = [staff_required()]

    @ns.response(200, "the caps reached in the last 24 hours", schemas.IntakeCaps)
    @schemas.errors("forbidden", *schemas.SIGNED_IN)
    def get(self):
        """The intake caps reached in the last 24 hours, newest first."""
        return recent_caps(current_staff(), now=utcnow())
