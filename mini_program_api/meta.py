"""Menus and labels the mini-program builds its pickers from."""

from flask_restx import Namespace, Resource

from server.fast_json import json_response
from server.services.directory import search as directory

ns = Namespace("meta", description="选项与中文标签")


@ns.route("")
class Meta(Resource):
    @ns.doc(security=[])
    def get(self):
        """Districts, complaint categories, institution categories, statuses, with labels."""
        return json_response(directory.meta())
