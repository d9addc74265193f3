"""Domain errors and their one JSON shape: {"code", "message"[, "errors"]}.

Services raise `AppError(code)`; the HTTP layers turn it into a response. Every code a
client can see is listed here once, with its HTTP status and its Chinese message.
"""

ERRORS = {
    # code: (HTTP status, message shown to parents and staff)
    "bad_request": (400, "请求有误"),
    "malformed_json": (400, "请求内容不是有效的 JSON"),
    "validation_error": (400, "提交的内容有误，请检查后重试"),
    "csrf_failed": (400, "页面已过期或来源无效，请刷新页面后重试"),
    "import_failed": (400, "导入文件有错误，未导入任何数据；请按错误提示修改后重新导入"),
    "invalid_code": (400, "登录凭证无效或已过期，请重新进入小程序"),
    "not_an_image": (400, "上传的文件不是支持的图片格式（JPEG、PNG、WebP）"),
    "corrupt_image": (400, "图片已损坏或不完整，请重新拍摄上传"),
    "image_too_large": (400, "图片尺寸过大，请压缩后再上传"),
    "unauthorized": (401, "请先登录"),
    "invalid_token": (401, "登录已失效，请重新登录"),
    "bad_credentials": (401, "用户名或密码错误"),
    "forbidden": (403, "没有权限执行此操作"),
    "push_refused": (403, "推送签名无效、已过期或重复"),
    "push_unreadable": (400, "推送内容无法解析"),
    "not_found": (404, "请求的内容不存在"),
    "no_contact": (404, "该投诉为匿名投诉或未留联系电话"),
    "method_not_allowed": (405, "不支持该请求方法"),
    "version_conflict": (409, "该投诉已被他人更新，请刷新后再操作"),
    "conflict": (409, "内容已存在"),
    "already_rated": (409, "您已评价过该投诉，不能重复评价"),
    "request_in_progress": (409, "相同的请求正在处理中，请稍后重试"),
    "duplicate": (409, "已存在相同的记录（如信用代码、许可证号或编号重复），请核对后再提交"),
    "last_admin": (409, "系统至少要保留一名在用的管理员：不能停用最后一名管理员或撤销其管理员角色"),
    "file_too_large": (413, "文件过大，单张图片不能超过 10MB"),
    "body_too_large": (413, "提交的内容过大，请精简后重试"),
    "too_many_parts": (413, "表单项过多，请减少一次提交的文件或字段"),
    "unsupported_media_type": (415, "不支持的文件类型"),
    "content_rejected": (422, "内容未通过安全检测，请修改后重新提交"),
    "invalid_transition": (422, "当前状态下不能执行该操作"),
    "rate_limited": (429, "今日提交次数已达上限，请明天再试"),
    "locked": (429, "登录失败次数过多，已临时锁定，请 15 分钟后再试或请管理员解锁"),
    "internal_error": (500, "服务器内部错误，请稍后再试"),
    "wechat_unavailable": (503, "微信服务暂时不可用，请稍后再试"),
    "wxacode_page_invalid": (502, "微信拒绝生成小程序码：页面路径不在小程序中"),
    "not_ready": (503, "服务暂不可用"),
    "busy": (503, "图片处理繁忙，请稍后重新上传"),
    "indexes_missing": (503, "服务暂不可用：数据库索引尚未建立"),
}


# Seconds a client should wait before trying again (the Retry-After header of a 503).
RETRY_AFTER = {"busy": 2, "wechat_unavailable": 10, "not_ready": 5, "indexes_missing": 30}
BUSY_MESSAGE = "当前访问人数较多，请稍后再试"  # `busy` outside photo processing


class AppError(Exception):
    """An error a client may see; `code` is a key of ERRORS."""

    def __init__(
        self, code, message=None, *, status=None, errors=None, extra=None, retry_after=None
    ):
        default_status, default_message = ERRORS.get(code, ERRORS["bad_request"])
        super().__init__(code)
        self.code = code
        self.status = status or default_status
        self.message = message or default_message
        self.errors = errors
        self.extra = extra or {}  # more top-level fields, e.g. an import's counts
        self.retry_after = retry_after or RETRY_AFTER.get(code)

    @property
    def headers(self):
        """Headers the answer owes: `Retry-After` on a 503 the client may retry."""
        return {"Retry-After": str(self.retry_after)} if self.retry_after else {}

    def to_dict(self):
        """The JSON body of this error."""
        body = {"code": self.code, "message": self.message, **self.extra}
        if self.errors:
            body["errors"] = self.errors
        return body


class Forbidden(AppError):
    """403 `forbidden`: the caller's role or queues do not allow this."""

    def __init__(self, message=None):
        super().__init__("forbidden", message)


class NotFound(AppError):
    """404 `not_found`: missing, or not visible to the caller (the same answer)."""

    def __init__(self, message=None):
        super().__init__("not_found", message)


def validation_error(errors, message=None):
    """A 400 `validation_error` naming each bad field with a Chinese reason."""
    return AppError("validation_error", message, errors=errors)
