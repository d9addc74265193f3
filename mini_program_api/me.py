"""The parent's rights over their data: see and copy it all, or withdraw (PIPL Art. 44-47)."""

from flask_restx import Namespace, Resource

from mini_program_api import schemas
from mini_program_api.complaints import detail
from mini_program_api.uploads import photo_links
from server.auth import current_parent, parent_required
from server.clock import utcnow
from server.services.complaints import complaints_of, cut_parent_ties
from server.services.privacy import my_data, withdraw

ns = Namespace("me", path="/", description="我的个人信息：查阅、复制、注销")


@ns.route("/me/data")
class MyDataResource(Resource):
    method_decorators = [parent_required]

    @ns.response(200, "everything held about the signed-in parent", schemas.MyData)
    @schemas.errors(*schemas.SIGNED_IN)
    def get(self):
        """Everything the service holds about the signed-in parent, as JSON."""

        def shown(parent):
            return (detail(complaint) for complaint in complaints_of(parent))

        return my_data(current_parent(), complaints_of=shown, links=photo_links(), now=utcnow())


@ns.route("/me")
class Me(Resource):
    method_decorators = [parent_required]

    @ns.response(200, "withdrawn: the account and its personal data deleted", schemas.Withdrawn)
    @schemas.errors(*schemas.SIGNED_IN)
    def delete(self):
        """Withdraw: delete the account and its personal data; complaints stay, untied."""
        return withdraw(current_parent(), now=utcnow(), cut_complaints=cut_parent_ties)
