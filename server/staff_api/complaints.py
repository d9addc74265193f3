"""Complaints for staff: the work list, the full detail, actions, photos and the contact.

A handler asking for a complaint outside their queues gets 404 (as if it did not exist),
for every endpoint here; a viewer sees everything and acts on nothing (403).
"""

from flask import Response, current_app, request
from flask_restx import Namespace, Resource, fields

from models.choices import COMPLAINT_OUTCOMES
from server.api_support import json_body
from server.auth import current_staff, staff_required
from server.clock import utcnow
from server.services.common.pagination import page_args
from server.services.deadlines.holidays import load_calendar
from server.services.deadlines.sla import DeadlineRules
from server.services.triage.list_args import list_args
from server.services.triage.reading import (
    complaint_detail,
    list_complaints,
    photo_bytes,
    reveal_contact,
)
from server.services.triage.staff_views import complaint_staff_detail
from server.services.triage.workflow import TRANSITIONS, perform
from server.staff_api import schemas

ns = Namespace("complaints", description="投诉受理与办理")

action_request = ns.model(
    "ComplaintAction",
    {
        "action": fields.String(required=True, enum=list(TRANSITIONS)),
        "version": fields.Integer(required=True, description="所查看投诉的版本号"),
        "reason": fields.String(description="reject / transfer / reopen / extend"),
        "assignee": fields.String(description="assign / accept_assign: 承办人 id"),
        "queue": fields.String(description="transfer: 队列 key 或 id"),
        "message": fields.String(description="request_info / reply / resolve"),
        "text": fields.String(description="note"),
        "outcome": fields.String(enum=list(COMPLAINT_OUTCOMES)),
        "measures": fields.String(description="resolve: 处理措施"),
        "into": fields.String(description="merge: 目标投诉编号"),
    },
)


def _clock():
    """What every read needs: the calendar with admins' days, the rules, and now."""
    return {
        "calendar": load_calendar(),
        "rules": DeadlineRules.from_config(current_app.config),
        "now": utcnow(),
    }


@ns.route("")
class ComplaintList(Resource):
    method_decorators = [staff_required()]

    @ns.doc(
        params={
            "queue": "队列 key 或 id",
            "status": "状态（可逗号分隔）",
            "overdue": "true/false",
            "institution_id": "机构 id",
            "assignee": "承办人用户名或 id（me：本人）",
            "category": "投诉类别",
            "district": "乡镇/街道",
            "from": "提交日期起（YYYY-MM-DD，上海时间）",
            "to": "提交日期止（含当日）",
            "due_soon": "true/false：临期",
            "news": "true/false：家长有新消息",
            "sort": "due/news/no/status/category/created，前加 - 倒序",
            "q": "编号或文字",
            "page": "页码",
            "per_page": "每页条数",
        }
    )
    @ns.response(200, "one page", schemas.ComplaintPage)
    @schemas.errors("validation_error", *schemas.SIGNED_IN)
    def get(self):
        """Complaints the caller may see: overdue, then urgent, then by due date."""
        page, per_page = page_args(request.args)
        staff = current_staff()
        wanted = list_args(request.args, me=staff)
        return list_complaints(staff, page=page, per_page=per_page, **wanted, **_clock())


@ns.route("/<string:no>")
class ComplaintDetail(Resource):
    method_decorators = [staff_required()]

    @ns.response(200, "the complaint", schemas.ComplaintDetail)
    @schemas.errors("not_found", *schemas.SIGNED_IN)
    def get(self, no):
        """One complaint with notes, audit trail, photos, similar complaints and `version`."""
        return complaint_detail(no, current_staff(), **_clock())


@ns.route("/<string:no>/actions")
class ComplaintActions(Resource):
    method_decorators = [staff_required()]

    @ns.expect(action_request)
    @ns.response(200, "the new detail", schemas.ComplaintDetail)
    @schemas.errors(*schemas.ACTION_ERRORS)
    def post(self, no):
        """Take an action on the complaint seen at `version`; answers the new detail."""
        body = json_body()
        clock = _clock()
        complaint = perform(no, body.get("action"), body, staff=current_staff(), **clock)
        return complaint_staff_detail(complaint, **clock)


@ns.route("/<string:no>/photos/<string:photo_id>")
class ComplaintPhoto(Resource):
    method_decorators = [staff_required()]

    @ns.doc(params={"size": "full（默认）或 thumb"})
    @ns.produces(["image/jpeg"])
    @ns.response(200, "JPEG", schemas.File)
    @schemas.errors("validation_error", "not_found", *schemas.SIGNED_IN)
    def get(self, no, photo_id):
        """A photo of the complaint (pending and rejected ones too) as JPEG."""
        data = photo_bytes(no, photo_id, request.args.get("size", "full"), current_staff())
        response = Response(data, mimetype="image/jpeg")
        response.headers["Cache-Control"] = "private, max-age=3600"
        return response


@ns.route("/<string:no>/contact")
class ComplaintContact(Resource):
    method_decorators = [staff_required(can="reveal_contact")]

    @ns.response(200, "the phone", schemas.Contact)
    @schemas.errors("forbidden", "not_found", "no_contact", *schemas.SIGNED_IN)
    def post(self, no):
        """The unmasked contact phone, recorded in the audit trail (none for anonymous ones)."""
        return reveal_contact(no, current_staff(), now=utcnow())
