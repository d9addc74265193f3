"""Response models of the mini-program API (documentation only; see server/api_responses.py).

They describe what the services build: directory items and details
(services/directory/shapes.py, services/directory/search.py), the parent's complaint
(services/complaints/parent_view.py), notices, uploads and /meta.
"""

from flask_restx import fields
from flask_restx.model import ModelBase

from server.api_responses import FILE, TEXT, Schemas, nullable
from server.services import admin, complaints, directory, photos

registry = Schemas()
model = registry.model
errors = registry.errors
Error = registry.error
File, Text = FILE, TEXT

String, Integer, Float, Boolean = fields.String, fields.Integer, fields.Float, fields.Boolean
DateTime = fields.DateTime


def nested(target, **kwargs):
    """A nested model property."""
    return fields.Nested(target, **kwargs)


def listed(target):
    """A list of `target` models (or of a field class)."""
    return fields.List(fields.Nested(target) if isinstance(target, ModelBase) else target)


Token = registry.shape(complaints.ParentToken)
Point = registry.shape(directory.Point)
InstitutionItem = model(
    "InstitutionItem",
    {
        "id": String,
        "name": String,
        "status": String,
        "status_label": nullable(String),
        "kind": nullable(String),
        "category": nullable(String),
        "district": nullable(String),
        "address": nullable(String),
        "location": nullable(nested(Point)),
        "distance_m": Float(description="离所给坐标的距离（米），仅按位置查询时"),
    },
    optional=("distance_m",),
)
InstitutionPage = registry.page("InstitutionPage", InstitutionItem)
SimilarInstitution = model(
    "SimilarInstitution",
    {
        **{key: field for key, field in InstitutionItem.items()},
        "similarity": Float(description="名称相似度 0..1"),
        "same_pronunciation": Boolean(description="读音相同（如 起航 与 启航）"),
    },
    optional=("distance_m", "same_pronunciation"),
)
Verdict = model(
    "Verdict",
    {
        "verdict": String(
            enum=["whitelist", "blacklist", "suspended", "revoked", "pending"]
            + ["not_listed", "ambiguous"]
        ),
        "verdict_label": String,
        "message": String,
        "institution": nullable(nested(InstitutionItem)),
        "similar": listed(SimilarInstitution),
    },
)
InstitutionDetail = registry.shape(directory.InstitutionDetail)
Choice = model("Choice", {"code": String, "label": String})
CategoryChoice = model(
    "ComplaintCategoryChoice",
    {"code": String, "label": String, "description": String(description="政策原文释义")},
)
SubscribeTemplate = model(
    "SubscribeTemplate",
    {"id": String, "notifies": String, "page": String(description="通知打开的小程序页面")},
)
Bureau = model(
    "Bureau",
    {
        "name": nullable(String(description="主办单位")),
        "phone": nullable(String(description="监督电话")),
        "hours": nullable(String(description="办公时间")),
        "center": nullable(nested(Point, description="地图在定位前的中心点")),
    },
)
PrivacyRef = model(
    "PrivacyRef",
    {"version": String, "title": String, "url": String(description="GET /privacy 的地址")},
)
PrivacyNotice = model(
    "PrivacyNotice",
    {"version": String, "title": String, "body": String, "effective_date": String},
)
CHOICE_LISTS = ("institution_categories", "institution_kinds", "institution_natures")
Meta = model(
    "Meta",
    {
        "districts": listed(String),
        "complaint_categories": listed(CategoryChoice),
        **{key: listed(Choice) for key in CHOICE_LISTS},
        "institution_modes": listed(Choice),
        "statuses": listed(Choice),
        "verdicts": listed(Choice),
        "subscribe_templates": listed(SubscribeTemplate),
        "bureau": nested(Bureau),
        "privacy": nested(PrivacyRef),
    },
)
Notice = registry.shape(admin.NoticeView, "Notice")
NoticePage = registry.page("NoticePage", Notice)
Upload = registry.shape(photos.Upload)
PhotoLink = model(
    "PhotoLink",
    {
        "id": String,
        "url": String(description="签名、会过期的原图链接，可直接用于 <image src>"),
        "thumb_url": String(description="签名、会过期的缩略图链接"),
    },
)
ComplaintSummary = model(
    "ParentComplaintSummary",
    {
        "no": String,
        "status": String,
        "status_label": String,
        "category": String,
        "category_label": String,
        "institution_name": nullable(String),
        "created_at": DateTime,
    },
)
ComplaintPage = registry.page("ParentComplaintPage", ComplaintSummary)
TimelineStep = model(
    "TimelineStep",
    {
        "at": DateTime,
        "status": nullable(String),
        "label": nullable(String),
        "message": nullable(String),
        "kind": nullable(String),
    },
)
Supplement = model(
    "ParentSupplement", {"at": DateTime, "text": nullable(String), "photos": listed(PhotoLink)}
)
Rating = model(
    "ParentRating",
    {"score": String, "label": String, "comment": nullable(String), "at": DateTime},
)
ComplaintDetail = model(
    "ParentComplaintDetail",
    {
        **{key: field for key, field in ComplaintSummary.items()},
        "institution_id": nullable(String),
        "institution_address": nullable(String),
        "description": String,
        "occurred_at": nullable(DateTime),
        "location": nullable(nested(Point)),
        "photos": listed(PhotoLink),
        "supplements": listed(Supplement),
        "contact_phone": nullable(String(description="脱敏的联系电话")),
        "anonymous": Boolean,
        "privacy_version": nullable(String(description="提交时同意的隐私保护指引版本")),
        "outcome": nullable(String),
        "outcome_label": nullable(String),
        "timeline": listed(TimelineStep),
        "due_at": nullable(DateTime(description="教育局当前须答复的期限")),
        "due_kind": nullable(String(enum=["accept", "resolve"])),
        "can_supplement": Boolean,
        "can_rate": Boolean,
        "rating": nullable(nested(Rating)),
        "rate_until": nullable(DateTime(description="此前评价不满意会重新办理")),
    },
)
ComplaintFiled = model(
    "ParentComplaintFiled",
    {
        **{key: field for key, field in ComplaintDetail.items()},
        "cluster_notice": nullable(
            String(description="同一机构同类问题已有他人反映时：已有 N 位家长反映同类问题")
        ),
    },
)

# The error codes each writing operation can answer, beside the token's 401s.
SIGNED_IN = ("unauthorized", "invalid_token")
SUBMIT_ERRORS = (
    *("validation_error", "malformed_json", "body_too_large", "not_found"),
    *("request_in_progress", "content_rejected", "rate_limited", "wechat_unavailable"),
    *SIGNED_IN,
)
SUPPLEMENT_ERRORS = (
    *("validation_error", "malformed_json", "not_found", "request_in_progress"),
    *("invalid_transition", "content_rejected", "rate_limited"),
    *SIGNED_IN,
)
RATING_ERRORS = (
    *("validation_error", "malformed_json", "not_found", "request_in_progress"),
    *("already_rated", "invalid_transition"),
    *SIGNED_IN,
)
UPLOAD_ERRORS = (
    *("validation_error", "not_an_image", "corrupt_image", "image_too_large"),
    *("file_too_large", "too_many_parts", "content_rejected", "rate_limited", "busy"),
    *SIGNED_IN,
)
