"""The privacy notice (用户隐私保护指引): admins publish versions and correct those not yet
in force; every write is on the security audit."""

from flask import request
from flask_restx import Namespace, Resource

from server.api_schemas import body_schema
from server.api_support import json_body
from server.auth import current_staff, staff_required
from server.clock import utcnow
from server.services.common import page_args, paginate
from server.services.privacy import (
    PrivacyNoticeChange,
    PrivacyNoticeDraft,
    edit_notice,
    list_notices,
    notice_view,
    publish_notice,
)
from server.staff_api import schemas

ns = Namespace("privacy-notices", description="隐私保护指引（管理员维护）")

draft_request = body_schema(ns, PrivacyNoticeDraft)
change_request = body_schema(ns, PrivacyNoticeChange)

PrivacyNoticeVersion = schemas.PrivacyNoticeVersion
PrivacyNoticePage = schemas.registry.page("PrivacyNoticePage", PrivacyNoticeVersion)


def view(notice):
    return notice_view(notice, now=utcnow())


@ns.route("")
class PrivacyNotices(Resource):
    @staff_required(can="manage_notices")
    @ns.response(200, "every version, newest first", PrivacyNoticePage)
    @schemas.errors("validation_error", "forbidden", *schemas.SIGNED_IN)
    def get(self):
        """Every version of the privacy notice, the newest effective date first."""
        page, per_page = page_args(request.args)
        return paginate(list_notices(staff=current_staff()), page, per_page, view)

    @staff_required(can="manage_notices")
    @ns.expect(draft_request)
    @ns.response(201, "published", PrivacyNoticeVersion)
    @schemas.errors("duplicate", *schemas.ADMIN_WRITE)
    def post(self):
        """Publish a new version (in force from its effective date)."""
        return view(publish_notice(json_body(), staff=current_staff())), 201


@ns.route("/<string:version>")
class PrivacyNoticeItem(Resource):
    @staff_required(can="manage_notices")
    @ns.expect(change_request)
    @ns.response(200, "corrected", PrivacyNoticeVersion)
    @schemas.errors("not_found", "invalid_transition", *schemas.ADMIN_WRITE)
    def patch(self, version):
        """Correct a version not yet in force (one in force is never rewritten)."""
        return view(edit_notice(version, json_body(), staff=current_staff()))
