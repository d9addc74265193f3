"""Parent sign-in with a wx.login code."""

from flask import current_app, request
from flask_restx import Namespace, Resource

from mini_program_api import schemas
from server.api_schemas import body_schema
from server.api_support import json_body
from server.auth import issue_parent_token
from server.services.caps import CapSettings
from server.services.complaints import ParentLogin, ParentToken, login_with_code
from server.wechat import current_wechat

ns = Namespace("auth", description="家长登录")

login_request = body_schema(ns, ParentLogin)


@ns.route("/login")
class Login(Resource):
    @ns.expect(login_request)
    @ns.doc(security=[])
    @ns.response(200, "signed in", schemas.Token)
    @schemas.errors(
        "invalid_code",
        "malformed_json",
        "validation_error",
        "rate_limited",
        "busy",
        "wechat_unavailable",
    )
    def post(self):
        """Exchange a wx.login code for a parent token."""
        body = json_body()
        parent = login_with_code(
            body.get("code"),
            wechat=current_wechat(),
            address=request.remote_addr,
            caps=CapSettings.from_config(current_app.config),
        )
        token, ttl = issue_parent_token(parent)
        return ParentToken.answer({"token": token, "expires_in": ttl})
