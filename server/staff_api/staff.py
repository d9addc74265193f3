"""Staff accounts (admins only)."""

from flask import request
from flask_restx import Namespace, Resource

from models.staff import Staff
from server.auth import staff_required
from server.services.pagination import page_args, paginate
from server.services.staff import staff_to_dict

ns = Namespace("staff", description="工作人员账号管理（管理员）")


@ns.route("")
class StaffList(Resource):
    method_decorators = [staff_required("admin")]

    def get(self):
        """Every staff account with roles and queues."""
        page, per_page = page_args(request.args)
        return paginate(Staff.objects.order_by("username"), page, per_page, staff_to_dict)
