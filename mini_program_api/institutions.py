"""The institution directory for parents: search, nearby, "is it allowed?", the public page."""

from flask import request
from flask_restx import Namespace, Resource

from mini_program_api import schemas
from server.api_support import object_id
from server.fast_json import json_response
from server.services.directory import search as directory

ns = Namespace("institutions", description="机构查询：搜索、附近、白名单/黑名单核验、机构详情")

SEARCH_PARAMS = {
    "q": "名称或别名的任意片段、全拼、拼音首字母、办学许可证号或统一社会信用代码",
    "district": "乡镇/街道",
    "kind": "subject | non_subject",
    "category": "sports | arts | science | other",
    "status": "whitelist | blacklist | suspended | revoked | pending",
    "lat": "纬度（GCJ-02）；与 lng 同时提供时按距离由近到远排序",
    "lng": "经度（GCJ-02）",
    "radius_m": "搜索半径（米），默认 3000，最大 50000",
    "page": "页码，从 1 开始",
    "per_page": "每页条数，最多 100",
}


@ns.route("")
class InstitutionList(Resource):
    @ns.doc(params=SEARCH_PARAMS, security=[])
    @ns.response(200, "matching institutions", schemas.InstitutionPage)
    @schemas.errors("validation_error")
    def get(self):
        """Search the directory by name, pinyin, code, filters or distance."""
        return json_response(directory.search(request.args))


@ns.route("/check")
class InstitutionCheck(Resource):
    @ns.doc(params={"name": "机构全称"}, security=[])
    @ns.response(200, "the verdict", schemas.Verdict)
    @schemas.errors("validation_error")
    def get(self):
        """Is this institution allowed? A verdict on the exact (normalised) name."""
        return json_response(directory.check_name(request.args.get("name")))


@ns.route("/<string:institution_id>")
class InstitutionDetail(Resource):
    @ns.doc(security=[])
    @ns.response(200, "the public page", schemas.InstitutionDetail)
    @schemas.errors("not_found")
    def get(self, institution_id):
        """The public page of one institution: archive, status history, rectifications."""
        return json_response(directory.public_detail(object_id(institution_id)))
