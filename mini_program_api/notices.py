"""Bureau notices (公告) for parents: published ones only, newest first."""

from flask import request
from flask_restx import Namespace, Resource

from mini_program_api import schemas
from server.api_support import object_id
from server.services.admin import notice_detail, published_notice, published_notices
from server.services.common import page_args, paginate

ns = Namespace("notices", description="教育局公告")


@ns.route("")
class NoticeList(Resource):
    @ns.doc(security=[])
    @ns.response(200, "published notices", schemas.NoticePage)
    @schemas.errors("validation_error")
    def get(self):
        """Published notices, most recently published first."""
        page, per_page = page_args(request.args)
        return paginate(published_notices(), page, per_page, notice_detail)


@ns.route("/<notice_id>")
class NoticeItem(Resource):
    @ns.doc(security=[])
    @ns.response(200, "the notice", schemas.Notice)
    @schemas.errors("not_found")
    def get(self, notice_id):
        """One published notice; a draft or withdrawn one answers 404."""
        return notice_detail(published_notice(object_id(notice_id)))
