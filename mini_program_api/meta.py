"""Menus and labels the mini-program builds its pickers from."""

from flask import current_app
from flask_restx import Namespace, Resource

from mini_program_api import schemas
from server.fast_json import json_response
from server.services.menus import mini_program_meta

ns = Namespace("meta", description="选项与中文标签")


@ns.route("")
class Meta(Resource):
    @ns.doc(security=[])
    @ns.response(200, "menus and labels", schemas.Meta)
    @schemas.errors("internal_error")
    def get(self):
        """Menus and labels, subscribe templates, the bureau's contact and the privacy notice."""
        return json_response(mini_program_meta(current_app.config))
