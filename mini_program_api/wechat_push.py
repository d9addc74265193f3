"""WeChat's message push: the echo handshake and mediaCheckAsync verdicts on our photos."""

from flask import Response, current_app, request
from flask_restx import Namespace, Resource

from mini_program_api import schemas
from server.clock import utcnow
from server.services.photos import answer_echo, receive_push

ns = Namespace("wechat", description="微信消息推送（由微信服务器调用）")


def reader():
    """The push reader of this app (token, EncodingAESKey, mode)."""
    return current_app.extensions["wechat_push"]


def text(body):
    """A plain-text answer, what WeChat expects from a push endpoint."""
    return Response(body, mimetype="text/plain")


@ns.route("/push")
class Push(Resource):
    @ns.doc(security=[])
    @ns.produces(["text/plain", "application/json"])  # errors: JSON
    @ns.response(200, "the echostr", schemas.Text)
    @schemas.errors("push_refused")
    def get(self):
        """WeChat's URL check: echo `echostr` when the signature is ours."""
        return text(answer_echo(request.args, reader=reader(), now=utcnow()))

    @ns.doc(security=[])
    @ns.produces(["text/plain", "application/json"])  # errors: JSON
    @ns.response(200, "success", schemas.Text)
    @schemas.errors("push_refused", "push_unreadable")
    def post(self):
        """A pushed event (JSON or XML, plain or encrypted); a check result updates its photo."""
        receive_push(request.args, request.get_data(), reader=reader(), now=utcnow())
        return text("success")
