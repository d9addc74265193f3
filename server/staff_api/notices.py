"""Notices (公告): every staff member reads them, admins write, publish and withdraw."""

from flask import request
from flask_restx import Namespace, Resource

from server.api_schemas import body_schema
from server.api_support import IDEMPOTENCY_HEADER, idempotency_key, json_body, object_id
from server.auth import current_staff, staff_required
from server.services.admin import (
    NoticeChange,
    NoticeDraft,
    create_notice,
    get_notice,
    notice_staff_detail,
    staff_notices,
    update_notice,
)
from server.services.common import Flag, Form, page_args, paginate, parse, remember, staff_owner
from server.staff_api import schemas

ns = Namespace("notices", description="公告管理（管理员写）")

draft_request = body_schema(ns, NoticeDraft)
change_request = body_schema(ns, NoticeChange)


class NoticeFilter(Form):
    """`?published=true|false` on the staff list."""

    published: Flag = None


@ns.route("")
class NoticeList(Resource):
    @staff_required()
    @ns.response(200, "one page", schemas.NoticePage)
    @schemas.errors("validation_error", *schemas.SIGNED_IN)
    def get(self):
        """Every notice, drafts included, newest first (`published=true|false` filters)."""
        page, per_page = page_args(request.args)
        notices = staff_notices(parse(NoticeFilter, request.args).published, actor=current_staff())
        return paginate(notices, page, per_page, notice_staff_detail)

    @staff_required(can="manage_notices")
    @ns.expect(draft_request)
    @ns.doc(params=IDEMPOTENCY_HEADER)
    @ns.response(201, "created", schemas.Notice)
    @schemas.errors("not_found", *schemas.CREATE)
    def post(self):
        """Write a notice (a draft unless `published` is true)."""
        staff = current_staff()

        def create(unit):
            notice = create_notice(json_body(), actor=staff, unit=unit)
            return notice_staff_detail(notice), 201

        return remember(staff_owner(staff), "notices", idempotency_key(), create)


@ns.route("/<notice_id>")
class NoticeItem(Resource):
    @staff_required()
    @ns.response(200, "the notice", schemas.Notice)
    @schemas.errors("not_found", *schemas.SIGNED_IN)
    def get(self, notice_id):
        """One notice."""
        return notice_staff_detail(get_notice(object_id(notice_id), actor=current_staff()))

    @staff_required(can="manage_notices")
    @ns.expect(change_request)
    @ns.response(200, "the notice", schemas.Notice)
    @schemas.errors("not_found", *schemas.ADMIN_WRITE)
    def patch(self, notice_id):
        """Edit a notice; `{"published": true}` publishes it, `false` withdraws it."""
        notice_id = object_id(notice_id)
        return notice_staff_detail(update_notice(notice_id, json_body(), actor=current_staff()))
