"""The parent's follow-ups on their own complaint: supplements and the rating.

A separate namespace on the same `/complaints` path as the submission and views, so each
module stays small; both answer with the parent's own detail (`complaints.detail`).
Another parent's complaint answers 404.
"""

from flask import current_app
from flask_restx import Namespace, Resource

from mini_program_api import schemas
from mini_program_api.complaints import detail
from server.api_schemas import body_schema
from server.api_support import IDEMPOTENCY_HEADER, idempotency_key, json_body
from server.auth import current_parent, parent_required
from server.clock import utcnow
from server.deadline_context import current_deadlines
from server.services.common import parent_owner, remember
from server.services.complaints import RatingInput, SupplementInput, add_supplement, rate
from server.wechat import current_wechat

ns = Namespace("followups", path="/complaints", description="投诉补充材料与评价")

supplement_request = body_schema(ns, SupplementInput, name="Supplement")
rating_request = body_schema(ns, RatingInput, name="Rating")


@ns.route("/<string:no>/supplements")
class Supplements(Resource):
    method_decorators = [parent_required]

    @ns.expect(supplement_request)
    @ns.doc(params=IDEMPOTENCY_HEADER)
    @ns.response(201, "added", schemas.ComplaintDetail)
    @schemas.errors(*schemas.SUPPLEMENT_ERRORS)
    def post(self, no):
        """Add information to the complaint; answers a request for it and restarts the clock."""
        parent = current_parent()

        def create(unit):
            body = json_body()
            complaint = add_supplement(
                no,
                parent,
                unit=unit,
                text=body.get("text"),
                photo_ids=body.get("photo_ids"),
                wechat=current_wechat(),
                calendar=current_deadlines().calendar,
                now=utcnow(),
                per_window=current_app.config["SUPPLEMENTS_PER_WINDOW"],
                window_minutes=current_app.config["SUPPLEMENT_WINDOW_MINUTES"],
            )
            return detail(complaint), 201

        return remember(parent_owner(parent), f"supplements:{no}", idempotency_key(), create)


@ns.route("/<string:no>/rating")
class RatingResource(Resource):
    method_decorators = [parent_required]

    @ns.expect(rating_request)
    @ns.doc(params=IDEMPOTENCY_HEADER)
    @ns.response(201, "rated", schemas.ComplaintDetail)
    @schemas.errors(*schemas.RATING_ERRORS)
    def post(self, no):
        """Rate the answer: dissatisfied within 7 days reopens the complaint."""
        parent = current_parent()

        def create(unit):
            body = json_body()
            complaint = rate(
                no,
                parent,
                unit=unit,
                score=body.get("score"),
                comment=body.get("comment"),
                **current_deadlines().options(),
                now=utcnow(),
            )
            return detail(complaint), 201

        return remember(parent_owner(parent), f"rating:{no}", idempotency_key(), create)
