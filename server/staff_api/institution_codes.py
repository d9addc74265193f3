"""Institutions' mini-program codes (小程序码) and printable posters, for any staff member.

A namespace of its own on the /institutions path, beside the archive's namespace.
"""

from flask import Response, current_app, request
from flask_restx import Namespace, Resource

from server.api_support import object_id
from server.auth import staff_required
from server.errors import validation_error
from server.services.archive.codes import (
    code_width,
    find_institution,
    institution_code,
    institution_poster,
)
from server.staff_api import schemas
from server.wechat import current_wechat

ns = Namespace("institution_codes", path="/institutions", description="机构小程序码与张贴海报")

FLAGS = {None: False, "": False, "0": False, "false": False, "1": True, "true": True}


def _poster_flag():
    """The `poster` query argument as a boolean."""
    raw = request.args.get("poster")
    if raw not in FLAGS:
        raise validation_error({"poster": "必须是 1 或 0"})
    return FLAGS[raw]


def _png(data, filename):
    """An image/png answer staff browsers may cache for a day."""
    response = Response(data, mimetype="image/png")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response


@ns.route("/<institution_id>/code")
class InstitutionCode(Resource):
    method_decorators = [staff_required()]

    @ns.param("width", "码的宽度（像素，280–1280，默认 430）")
    @ns.param("poster", "1：可打印的 A4 张贴海报（机构名称、名单状态、小程序码）")
    @ns.produces(["image/png"])
    @ns.response(200, "PNG", schemas.File)
    @schemas.errors(*schemas.CODE_ERRORS)
    def get(self, institution_id):
        """The PNG mini-program code opening the institution's page; `?poster=1` a poster."""
        institution = find_institution(object_id(institution_id))
        options = {"wechat": current_wechat(), "page": current_app.config["MP_INSTITUTION_PAGE"]}
        if _poster_flag():
            font = current_app.config.get("POSTER_FONT")
            png = institution_poster(institution, font=font, **options)
            return _png(png, f"poster-{institution.id}.png")
        png = institution_code(institution, width=code_width(request.args.get("width")), **options)
        return _png(png, f"code-{institution.id}.png")
