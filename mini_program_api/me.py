"""The parent's rights over their data: see and copy it all, or withdraw (PIPL Art. 44-47)."""

from flask_restx import Namespace, Resource

from mini_program_api import schemas
from mini_program_api.complaints import detail
from mini_program_api.uploads import photo_links
from server.api_responses import nullable
from server.auth import current_parent, parent_required
from server.clock import utcnow
from server.services.complaints import complaints_of, cut_parent_ties
from server.services.privacy import my_data, withdraw

ns = Namespace("me", path="/", description="我的个人信息：查阅、复制、注销")

Subscription = schemas.model(
    "HeldSubscription", {"template_id": schemas.String, "count": schemas.Integer}
)
Account = schemas.model(
    "HeldAccount",
    {
        "created_at": schemas.DateTime,
        "last_login_at": nullable(schemas.DateTime),
        "subscriptions": schemas.listed(Subscription),
    },
)
HeldUpload = schemas.model(
    "HeldUpload",
    {
        "id": schemas.String,
        "uploaded_at": schemas.DateTime,
        "url": nullable(schemas.String(description="签名、会过期的原图链接；未通过检测的为空")),
        "thumb_url": nullable(schemas.String),
    },
)
MyData = schemas.model(
    "MyData",
    {
        "account": schemas.nested(Account),
        "complaints": schemas.listed(schemas.ComplaintDetail),
        "uploads": schemas.listed(HeldUpload),
    },
)
Withdrawn = schemas.model(
    "Withdrawn",
    {
        "complaints": schemas.Integer(description="保留办理、已解除与您关联的投诉数"),
        "uploads_deleted": schemas.Integer(description="已删除的未提交图片数"),
    },
)


@ns.route("/me/data")
class MyDataResource(Resource):
    method_decorators = [parent_required]

    @ns.response(200, "everything held about the signed-in parent", MyData)
    @schemas.errors(*schemas.SIGNED_IN)
    def get(self):
        """Everything the service holds about the signed-in parent, as JSON."""

        def shown(parent):
            return (detail(complaint) for complaint in complaints_of(parent))

        return my_data(current_parent(), complaints_of=shown, links=photo_links(), now=utcnow())


@ns.route("/me")
class Me(Resource):
    method_decorators = [parent_required]

    @ns.response(200, "withdrawn: the account and its personal data deleted", Withdrawn)
    @schemas.errors(*schemas.SIGNED_IN)
    def delete(self):
        """Withdraw: delete the account and its personal data; complaints stay, untied."""
        return withdraw(current_parent(), now=utcnow(), cut_complaints=cut_parent_ties)
