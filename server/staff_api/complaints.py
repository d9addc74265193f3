"""Complaints for staff: the work list, the full detail, actions, photos and the contact.

A handler asking for a complaint outside their queues gets 404 (as if it did not exist),
for every endpoint here; a viewer sees everything and acts on nothing (403).
"""

from flask import Response, request
from flask_restx import Namespace, Resource

from server.api_schemas import body_schema, query_params
from server.api_support import IDEMPOTENCY_HEADER, idempotency_key, json_body
from server.auth import current_staff, staff_required
from server.clock import utcnow
from server.deadline_context import current_deadlines
from server.services.common import SizeArgs, page_args, photo_size, remember, staff_owner
from server.services.complaints import (
    ActionInput,
    ComplaintListArgs,
    StaffComplaintInput,
    act_and_show,
    complaint_detail,
    enter_complaint,
    list_args,
    list_complaints,
    merge_cluster,
    photo_bytes,
    reveal_contact,
)
from server.staff_api import schemas

ns = Namespace("complaints", description="投诉受理与办理")

action_request = body_schema(ns, ActionInput, name="ComplaintAction")
entry_request = body_schema(ns, StaffComplaintInput, name="StaffComplaintEntry")


def _clock():
    """What every read needs: the calendar with admins' days, the rules, and now."""
    return {
        **current_deadlines().options(),
        "now": utcnow(),
    }


@ns.route("")
class ComplaintList(Resource):
    method_decorators = [staff_required()]

    @ns.doc(params=query_params(ComplaintListArgs))
    @ns.response(200, "one page", schemas.ComplaintPage)
    @schemas.errors("validation_error", *schemas.SIGNED_IN)
    def get(self):
        """Complaints the caller may see: overdue, then urgent, then by due date."""
        page, per_page = page_args(request.args)
        staff = current_staff()
        wanted = list_args(request.args, me=staff)
        return list_complaints(staff, page=page, per_page=per_page, **wanted, **_clock())

    @ns.expect(entry_request)
    @ns.doc(params=IDEMPOTENCY_HEADER)
    @ns.response(201, "recorded", schemas.StaffComplaintFiled)
    @ns.response(200, "the reference was recorded before", schemas.StaffComplaintFiled)
    @schemas.errors("not_found", "request_in_progress", *schemas.ADMIN_WRITE)
    def post(self):
        """Record a complaint received by phone, 12345, letter, visit or the national platform."""
        staff = current_staff()
        clock = _clock()

        def create(unit):
            return enter_complaint(staff, json_body(), unit=unit, **clock)

        return remember(staff_owner(staff), "complaints", idempotency_key(), create)


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
        staff = current_staff()
        return act_and_show(no, body.get("action"), body, staff=staff, **clock)


@ns.route("/<string:no>/cluster/merge")
class ComplaintClusterMerge(Resource):
    method_decorators = [staff_required()]

    @ns.response(200, "merged", schemas.ClusterMerged)
    @schemas.errors("not_found", "forbidden", "invalid_transition", *schemas.SIGNED_IN)
    def post(self, no):
        """Merge every other open complaint of the cluster into this one, in one step."""
        return merge_cluster(no, staff=current_staff(), **_clock())


@ns.route("/<string:no>/photos/<string:photo_id>")
class ComplaintPhoto(Resource):
    method_decorators = [staff_required()]

    @ns.doc(params=query_params(SizeArgs))
    @ns.produces(["image/jpeg", "application/json"])  # errors: JSON
    @ns.response(200, "JPEG", schemas.File)
    @schemas.errors("validation_error", "not_found", *schemas.SIGNED_IN)
    def get(self, no, photo_id):
        """A photo of the complaint (pending and rejected ones too) as JPEG."""
        data = photo_bytes(no, photo_id, photo_size(request.args), current_staff())
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
