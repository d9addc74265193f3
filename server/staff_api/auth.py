"""Staff sign-in and the signed-in account."""

from flask import request
from flask_restx import Namespace, Resource, fields

from server.api_support import json_body
from server.auth import current_staff, issue_staff_token, staff_required
from server.services.admin import authenticate, staff_detail
from server.staff_api import schemas

ns = Namespace("auth", path="/", description="工作人员登录")

login_request = ns.model(
    "StaffLogin",
    {"username": fields.String(required=True), "password": fields.String(required=True)},
)


@ns.route("/auth/login")
class Login(Resource):
    @ns.expect(login_request)
    @ns.doc(security=[])
    @ns.response(200, "signed in", schemas.Token)
    @schemas.errors("bad_credentials", "locked", "validation_error", "malformed_json")
    def post(self):
        """Sign in; 5 attempts per username and address in 15 minutes, then 429 `locked`."""
        body = json_body()
        staff = authenticate(
            body.get("username"), body.get("password"), address=request.remote_addr
        )
        token, ttl = issue_staff_token(staff)
        return {"token": token, "expires_in": ttl, "staff": staff_detail(staff)}


@ns.route("/me")
class Me(Resource):
    method_decorators = [staff_required()]

    @ns.response(200, "the account", schemas.StaffMember)
    @schemas.errors(*schemas.SIGNED_IN)
    def get(self):
        """The signed-in staff member with roles and queues."""
        return staff_detail(current_staff())
