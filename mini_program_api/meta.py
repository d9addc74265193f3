"""Menus and labels the mini-program builds its pickers from."""

from flask_restx import Namespace, Resource

from server.fast_json import FAST_JSON
from server.services import directory

ns = Namespace("meta", description="选项与中文标签")


@ns.route("")
class Meta(Resource):
    representations = FAST_JSON

    @ns.doc(security=[])
    def get(self):
        """Districts, complaint categories, institution categories, statuses, with labels."""
        return directory.meta()
