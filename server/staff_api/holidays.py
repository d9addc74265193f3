"""Days off and make-up workdays that admins add to China's calendar (for deadlines)."""

from flask_restx import Namespace, Resource

from server.api_schemas import body_schema
from server.api_support import json_body
from server.auth import current_staff, staff_required
from server.deadline_context import current_deadlines
from server.services.holidays import DayInput, add_day, day_item, list_days, remove_day
from server.staff_api import schemas

ns = Namespace("holidays", description="节假日与调休（管理员）")

day_request = body_schema(ns, DayInput, name="Holiday")


@ns.route("")
class HolidayList(Resource):
    method_decorators = [staff_required()]

    @ns.response(200, "the added days", [schemas.CalendarDay])
    @schemas.errors(*schemas.SIGNED_IN)
    def get(self):
        """Every day admins added, by date."""
        return list_days(actor=current_staff())

    @ns.expect(day_request)
    @staff_required(can="manage_holidays")
    @ns.response(201, "added", schemas.CalendarDay)
    @schemas.errors(*schemas.ADMIN_WRITE)
    def post(self):
        """Add (or change) a day off or make-up workday; deadlines follow at once."""
        body = json_body()
        day = add_day(
            body.get("date"),
            kind=body.get("kind", "holiday"),
            name=body.get("name"),
            actor=current_staff(),
            deadlines=current_deadlines(),
        )
        return day_item(day), 201


@ns.route("/<string:day>")
class HolidayItem(Resource):
    method_decorators = [staff_required(can="manage_holidays")]

    @ns.response(204, "removed")
    @schemas.errors("forbidden", "not_found", "validation_error", *schemas.SIGNED_IN)
    def delete(self, day):
        """Forget an added day."""
        remove_day(day, actor=current_staff(), deadlines=current_deadlines())
        return "", 204
