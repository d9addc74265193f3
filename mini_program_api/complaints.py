"""The parent's complaints: submit one, list their own, follow one along its public timeline."""

from flask import current_app, request
from flask_restx import Namespace, Resource

from mini_program_api import schemas
from mini_program_api.uploads import photo_links
from server.api_schemas import body_schema
from server.api_support import IDEMPOTENCY_HEADER, idempotency_key, json_body
from server.auth import current_parent, parent_required
from server.clock import utcnow
from server.deadline_context import current_deadlines
from server.services import privacy
from server.services.caps import CapSettings
from server.services.common import page_args, paginate, parent_owner, remember
from server.services.complaints import (
    ComplaintSubmission,
    complaint_for_parent,
    complaints_of,
    parent_detail,
    parent_filed,
    submit_complaint,
    summary,
)
from server.wechat import current_wechat

ns = Namespace("complaints", description="投诉举报")

submission_model = body_schema(ns, ComplaintSubmission)


def detail(complaint, view=parent_detail):
    """The parent's detail of `complaint` as of now (or another `view` of it), with signed
    photo links."""
    return view(
        complaint,
        links=photo_links(),
        **current_deadlines().options(),
        now=utcnow(),
    )


@ns.route("")
class Complaints(Resource):
    method_decorators = [parent_required]

    @ns.response(200, "own complaints, newest first", schemas.ComplaintPage)
    @schemas.errors("validation_error", "unauthorized", "invalid_token")
    def get(self):
        """The parent's own complaints, newest first (`page`, `per_page`)."""
        page, per_page = page_args(request.args)
        return paginate(complaints_of(current_parent()), page, per_page, summary)

    @ns.expect(submission_model)
    @ns.doc(params=IDEMPOTENCY_HEADER)
    @ns.response(201, "filed", schemas.ComplaintFiled)
    @schemas.errors(*schemas.SUBMIT_ERRORS)
    def post(self):
        """File a complaint; a retry with the same Idempotency-Key returns the first one."""
        parent = current_parent()

        def create(unit):
            complaint, _ = submit_complaint(
                parent,
                json_body(),
                wechat=current_wechat(),
                unit=unit,
                daily_limit=current_app.config["COMPLAINTS_PER_DAY"],
                privacy_version=privacy.current_notice(current_app.config)["version"],
                **current_deadlines().options(),
                caps=CapSettings.from_config(current_app.config),
                address=request.remote_addr,
            )
            return detail(complaint, parent_filed), 201

        return remember(parent_owner(parent), "complaints", idempotency_key(), create)


@ns.route("/<string:no>")
class OwnComplaint(Resource):
    method_decorators = [parent_required]

    @ns.response(200, "the complaint with its public timeline", schemas.ComplaintDetail)
    @schemas.errors("unauthorized", "invalid_token", "not_found")
    def get(self, no):
        """One of the parent's complaints with its public timeline."""
        return detail(complaint_for_parent(current_parent(), no))
