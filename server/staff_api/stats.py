"""Statistics for reports upward (半月通报, monthly figures): GET /stats?from&to.

Admins, dispatchers and viewers get the whole county; a handler gets the complaints of
their own queues (`"scope": "own_queues"`), the same complaints they see in the list.
"""

from flask import request
from flask_restx import Namespace, Resource

from server.api_schemas import query_params
from server.auth import current_staff, staff_required
from server.clock import utcnow
from server.deadline_context import current_deadlines
from server.services.common import PeriodArgs, period_args, report_period, today_in_shanghai
from server.services.reports import complaint_stats
from server.staff_api import schemas

ns = Namespace("stats", description="统计：分类、状态、队列、乡镇、机构、按期率、用时、满意度")

PERIOD_PARAMS = query_params(PeriodArgs)


@ns.route("")
class Stats(Resource):
    method_decorators = [staff_required()]

    @ns.doc(params=PERIOD_PARAMS)
    @ns.response(200, "the statistics", schemas.Stats)
    @schemas.errors("validation_error", *schemas.SIGNED_IN)
    def get(self):
        """Counts, on-time rates (0..1 or null), working days and satisfaction of a period."""
        now = utcnow()
        period = report_period(**period_args(request.args), today=today_in_shanghai(now))
        return complaint_stats(
            period, actor=current_staff(), calendar=current_deadlines().calendar, now=now
        )
