"""Institutions' mini-program codes (小程序码) and printable posters, for any staff member.

A namespace of its own on the /institutions path, beside the archive's namespace.
"""

from flask import Response, current_app, request
from flask_restx import Namespace, Resource

from server.api_schemas import query_params
from server.api_support import object_id
from server.auth import current_staff, staff_required
from server.services.archive import CodeArgs, find_institution, institution_code, institution_poster
from server.services.common import parse
from server.staff_api import schemas
from server.wechat import current_wechat

ns = Namespace("institution_codes", path="/institutions", description="机构小程序码与张贴海报")


def _png(data, filename):
    """An image/png answer staff browsers may cache for a day."""
    response = Response(data, mimetype="image/png")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response


@ns.route("/<objectid:institution_id>/code")
class InstitutionCode(Resource):
    method_decorators = [staff_required()]

    @ns.doc(params=query_params(CodeArgs))
    @ns.produces(["image/png", "application/json"])  # errors: JSON
    @ns.response(200, "PNG", schemas.File)
    @schemas.errors(*schemas.CODE_ERRORS)
    def get(self, institution_id):
        """The PNG mini-program code opening the institution's page; `?poster=1` a poster."""
        staff = current_staff()
        institution = find_institution(object_id(institution_id), actor=staff)
        found = parse(CodeArgs, request.args)
        options = {"wechat": current_wechat(), "page": current_app.config["MP_INSTITUTION_PAGE"]}
        options["actor"] = staff
        if found.poster:
            font = current_app.config.get("POSTER_FONT")
            png = institution_poster(institution, font=font, **options)
            return _png(png, f"poster-{institution.id}.png")
        png = institution_code(institution, width=found.width, **options)
        return _png(png, f"code-{institution.id}.png")
