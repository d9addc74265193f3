"""Notices (公告): every staff member reads them, admins write, publish and withdraw."""

from flask import request
from flask_restx import Namespace, Resource, fields

from server.api_support import IDEMPOTENCY_HEADER, idempotency_key, json_body, object_id
from server.auth import current_staff, staff_required
from server.errors import validation_error
from server.services.admin.notices import (
    create_notice,
    get_notice,
    notice_staff_detail,
    staff_notices,
    update_notice,
)
from server.services.common.idempotency import remember, staff_owner
from server.services.common.pagination import page_args, paginate
from server.staff_api import schemas

ns = Namespace("notices", description="公告管理（管理员写）")

notice_request = ns.model(
    "NoticeWrite",
    {
        "title": fields.String(description="标题（100 字以内）"),
        "body": fields.String(description="正文"),
        "institutions": fields.List(fields.String, description="附列机构的编号，如黑名单批次"),
        "published": fields.Boolean(description="true 发布，false 撤回"),
    },
)

PUBLISHED_ARGS = {"true": True, "false": False, None: None, "": None}


def _published_filter():
    """The `published` query argument as True, False or None."""
    raw = request.args.get("published")
    if raw not in PUBLISHED_ARGS:
        raise validation_error({"published": "必须是 true 或 false"})
    return PUBLISHED_ARGS[raw]


@ns.route("")
class NoticeList(Resource):
    @staff_required()
    @ns.response(200, "one page", schemas.NoticePage)
    @schemas.errors("validation_error", *schemas.SIGNED_IN)
    def get(self):
        """Every notice, drafts included, newest first (`published=true|false` filters)."""
        page, per_page = page_args(request.args)
        notices = staff_notices(_published_filter())
        return paginate(notices, page, per_page, notice_staff_detail)

    @staff_required(can="manage_notices")
    @ns.expect(notice_request)
    @ns.doc(params=IDEMPOTENCY_HEADER)
    @ns.response(201, "created", schemas.Notice)
    @schemas.errors("not_found", *schemas.CREATE)
    def post(self):
        """Write a notice (a draft unless `published` is true)."""
        staff = current_staff()

        def create():
            return notice_staff_detail(create_notice(json_body(), staff=staff)), 201

        return remember(staff_owner(staff), "notices", idempotency_key(), create)


@ns.route("/<notice_id>")
class NoticeItem(Resource):
    @staff_required()
    @ns.response(200, "the notice", schemas.Notice)
    @schemas.errors("not_found", *schemas.SIGNED_IN)
    def get(self, notice_id):
        """One notice."""
        return notice_staff_detail(get_notice(object_id(notice_id)))

    @staff_required(can="manage_notices")
    @ns.expect(notice_request)
    @ns.response(200, "the notice", schemas.Notice)
    @schemas.errors("not_found", *schemas.ADMIN_WRITE)
    def patch(self, notice_id):
        """Edit a notice; `{"published": true}` publishes it, `false` withdraws it."""
        notice_id = object_id(notice_id)
        return notice_staff_detail(update_notice(notice_id, json_body(), staff=current_staff()))
