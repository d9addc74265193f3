"""The privacy notice (用户隐私保护指引) the mini-program shows before a privacy API."""

from flask import current_app
from flask_restx import Namespace, Resource

from mini_program_api import schemas
from server.fast_json import json_response
from server.services import privacy

ns = Namespace("privacy", description="用户隐私保护指引")


@ns.route("")
class PrivacyNotice(Resource):
    @ns.doc(security=[])
    @ns.response(200, "the notice in force", schemas.PrivacyNotice)
    @schemas.errors("internal_error")
    def get(self):
        """The privacy notice in force: version, title, plain-text body, effective date."""
        return json_response(privacy.current_notice(current_app.config))
