"""The institution directory for parents: search, nearby, "is it allowed?", the public page."""

from flask import request
from flask_restx import Namespace, Resource

from mini_program_api import schemas
from server.api_schemas import query_params
from server.api_support import object_id
from server.fast_json import json_response
from server.services import directory
from server.services.directory import SearchArgs, parse_search
from server.services.rectifications import public_detail

ns = Namespace("institutions", description="机构查询：搜索、附近、白名单/黑名单核验、机构详情")

SEARCH_PARAMS = query_params(SearchArgs)


@ns.route("")
class InstitutionList(Resource):
    @ns.doc(params=SEARCH_PARAMS, security=[])
    @ns.response(200, "matching institutions", schemas.InstitutionPage)
    @schemas.errors("validation_error")
    def get(self):
        """Search the directory by name, pinyin, code, filters or distance."""
        return json_response(directory.search(**parse_search(request.args)))


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
        return json_response(public_detail(object_id(institution_id)))
