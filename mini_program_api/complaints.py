"""The parent's complaints: submit one, list their own, follow one along its public timeline."""

from flask import current_app, request
from flask_restx import Namespace, Resource

from models.choices import COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, TIMELINE_KINDS, label
from server.api_schemas import body_schema
from server.api_support import IDEMPOTENCY_HEADER, json_body
from server.auth import current_parent, parent_required
from server.clock import iso
from server.services.common.pagination import page_args, paginate
from server.services.common.phones import mask_phone
from server.services.complaints.input import ComplaintSubmission
from server.services.complaints.intake import (
    complaint_for_parent,
    complaints_of,
    institution_name,
    parent_photos,
    submit_complaint,
)
from server.services.deadlines.holidays import load_calendar
from server.services.deadlines.sla import DeadlineRules
from server.wechat import current_wechat

ns = Namespace("complaints", description="投诉举报")

submission_model = body_schema(ns, ComplaintSubmission)


def timeline_entry(entry):
    """One public step: `{"at", "status", "label", "message"}`."""
    if entry.status:
        text = label(COMPLAINT_STATUSES, entry.status)
    else:
        text = label(TIMELINE_KINDS, entry.kind)
    return {
        "at": iso(entry.at),
        "status": entry.status,
        "label": text,
        "message": entry.message,
        "kind": entry.kind,
    }


def summary(complaint):
    """A complaint in the parent's list."""
    return {
        "no": complaint.no,
        "status": complaint.status,
        "status_label": label(COMPLAINT_STATUSES, complaint.status),
        "category": complaint.category,
        "category_label": label(COMPLAINT_CATEGORIES, complaint.category),
        "institution_name": institution_name(complaint),
        "created_at": iso(complaint.created_at),
    }


def detail(complaint):
    """Everything the parent may see of their complaint (phone masked, no staff matters)."""
    location = complaint.location
    return {
        **summary(complaint),
        "institution_id": str(complaint.institution.id) if complaint.institution else None,
        "institution_address": complaint.institution_address,
        "description": complaint.description,
        "occurred_at": iso(complaint.occurred_at),
        "location": {"lat": location.lat, "lng": location.lng} if location else None,
        "photos": [str(photo.id) for photo in parent_photos(complaint)],
        "contact_phone": mask_phone(complaint.contact_phone),
        "anonymous": complaint.anonymous,
        "outcome": complaint.outcome,
        "timeline": [timeline_entry(entry) for entry in complaint.timeline],
    }


@ns.route("")
class Complaints(Resource):
    method_decorators = [parent_required]

    def get(self):
        """The parent's own complaints, newest first (`page`, `per_page`)."""
        page, per_page = page_args(request.args)
        return paginate(complaints_of(current_parent()), page, per_page, summary)

    @ns.expect(submission_model)
    @ns.doc(params=IDEMPOTENCY_HEADER)
    @ns.response(201, "filed")
    def post(self):
        """File a complaint; a retry with the same Idempotency-Key returns the first one."""
        complaint, _ = submit_complaint(
            current_parent(),
            json_body(),
            wechat=current_wechat(),
            idempotency_key=request.headers.get("Idempotency-Key"),
            daily_limit=current_app.config["COMPLAINTS_PER_DAY"],
            calendar=load_calendar(),
            rules=DeadlineRules.from_config(current_app.config),
        )
        return detail(complaint), 201


@ns.route("/<string:no>")
class OwnComplaint(Resource):
    method_decorators = [parent_required]

    def get(self, no):
        """One of the parent's complaints with its public timeline."""
        return detail(complaint_for_parent(current_parent(), no))
