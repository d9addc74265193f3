"""WeChat's message push: the echo handshake and mediaCheckAsync verdicts on our photos."""

from flask import Response, request
from flask_restx import Namespace, Resource

from server.errors import AppError
from server.services.photos.moderation import apply_push
from server.wechat import current_wechat

ns = Namespace("wechat", description="微信消息推送（由微信服务器调用）")


def check_signature():
    """403 unless the query's signature was made with our push token."""
    args = request.args
    valid = current_wechat().verify_push_signature(
        args.get("signature", ""), args.get("timestamp", ""), args.get("nonce", "")
    )
    if not valid:
        raise AppError("forbidden")


def text(body):
    """A plain-text answer, what WeChat expects from a push endpoint."""
    return Response(body, mimetype="text/plain")


@ns.route("/push")
class Push(Resource):
    @ns.doc(security=[])
    def get(self):
        """WeChat's URL check: echo `echostr` when the signature is ours."""
        check_signature()
        return text(request.args.get("echostr", ""))

    @ns.doc(security=[])
    def post(self):
        """A pushed event (JSON); a media check verdict updates its photo."""
        check_signature()
        apply_push(request.get_json(silent=True, force=True))
        return text("success")
