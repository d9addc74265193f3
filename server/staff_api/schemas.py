"""Response models of the staff API (documentation only; see server/api_responses.py).

They describe what the services build: accounts (services/admin/accounts.py), complaints
(services/complaints/staff_views.py), the archive (services/directory/shapes.py), rectifications,
notices, routing rules, calendar days and statistics (services/reports/stats.py).
"""

from flask_restx import fields
from flask_restx.model import ModelBase

from server.api_responses import (
    FILE,
    Anything,
    Schemas,
    nullable,
)
from server.services import admin, archive, directory, holidays, rectifications, reports

registry = Schemas()
model = registry.model
errors = registry.errors
Error = registry.error
File = FILE

String, Integer, Float, Boolean = fields.String, fields.Integer, fields.Float, fields.Boolean
DateTime, Date, Raw = fields.DateTime, fields.Date, fields.Raw


def listed(target):
    """A list of `target` models (or of a field class)."""
    return fields.List(fields.Nested(target) if isinstance(target, ModelBase) else target)


def nested(target):
    """A nested model property."""
    return fields.Nested(target)


QueueRef = registry.shape(admin.QueueRef)
StaffRef = model("StaffRef", {"id": String, "username": String, "name": nullable(String)})
StaffMember = registry.shape(admin.StaffMember)
StaffPage = registry.page("StaffPage", StaffMember)
QueueCount = model(
    "QueueCount",
    {
        "id": String,
        "key": String,
        "name": String,
        "open": Integer(description="未办结"),
        "overdue": Integer(description="已逾期"),
    },
)
Point = registry.shape(directory.Point)
InstitutionRef = registry.shape(directory.InstitutionRef)
ComplaintInstitution = model(
    "ComplaintInstitution",
    {
        "id": nullable(String(description="未登记机构为 null")),
        "name": nullable(String),
        "status": String,
        "status_label": String,
        "address": nullable(String),
        "district": nullable(String),
    },
    optional=("status", "status_label", "address", "district"),
)
Cluster = model(
    "Cluster",
    {
        "size": Integer(description="同一机构、同类问题 30 天内的投诉数（含本件）"),
        "open": Integer(description="其中未办结"),
        "capped": Boolean(description="超过 200 件时只数到 200"),
        "numbers": listed(String),
    },
    optional=("numbers",),
)
ITEM = {
    "no": String,
    "status": String,
    "status_label": String,
    "category": String,
    "category_label": String,
    "queue": nullable(nested(QueueRef)),
    "assignee": nullable(nested(StaffRef)),
    "institution": nested(ComplaintInstitution),
    "due_at": nullable(DateTime),
    "overdue": Boolean,
    "due_soon": Boolean,
    "urgent": Boolean,
    "urgent_held": Boolean(
        description="紧急类投诉超出该家长每日上限，待调度员确认紧急（confirm_urgent）"
    ),
    "has_news": Boolean,
    "anonymous": Boolean,
    "contact_phone": nullable(String(description="脱敏，如 138****5678")),
    "created_at": DateTime,
    "working_days_left": nullable(Integer),
    "channel": String(description="来源渠道：mini_program、phone、hotline_12345 ..."),
    "channel_label": String,
    "cluster": nested(Cluster),
}
ComplaintItem = model("StaffComplaintItem", ITEM)
ComplaintPage = registry.page("StaffComplaintPage", ComplaintItem)
Photo = model(
    "StaffPhoto",
    {
        "id": String,
        "width": Integer,
        "height": Integer,
        "bytes": Integer,
        "moderation": String,
        "moderation_label": nullable(String),
        "check_reason": nullable(String),
        "url": String,
        "thumb_url": String,
    },
)
Supplement = model(
    "StaffSupplement", {"at": DateTime, "text": nullable(String), "photos": listed(Photo)}
)
ReviewReason = model(
    "ReviewReason",
    {
        "code": nullable(String),
        "at": nullable(DateTime),
        "photo_id": nullable(String),
        "label": nullable(String),
        "message": nullable(String),
    },
)
StaffRating = model(
    "StaffRating", {"score": String, "comment": nullable(String), "at": nullable(DateTime)}
)
Note = model("Note", {"at": DateTime, "by": nullable(String), "text": String})
AuditEntry = model(
    "AuditEntry",
    {
        "at": DateTime,
        "by": nullable(String),
        "action": String,
        "action_label": nullable(String),
        "from": nullable(String),
        "to": nullable(String),
        "detail": Raw(description="动作的详情（随动作而异）"),
    },
)
TimelineStep = model(
    "StaffTimelineStep",
    {
        "at": DateTime,
        "status": nullable(String),
        "label": nullable(String),
        "message": nullable(String),
        "kind": nullable(String),
    },
)
SimilarComplaint = model(
    "SimilarComplaint",
    {"no": String, "status": String, "created_at": DateTime, "merged_into": nullable(String)},
)
Retention = model("RetentionNote", {"at": DateTime, "photos_removed": Integer, "message": String})
NULLABLE_TIMES = ("rate_until", "accept_due_at", "resolve_due_at", "accepted_at", "resolved_at")
ComplaintDetail = model(
    "StaffComplaintDetail",
    {
        **ITEM,
        "external_ref": nullable(String(description="渠道编号，如 12345 工单号")),
        "received_at": nullable(DateTime(description="教育局收到的时间")),
        "caller_name": nullable(String(description="脱敏的来电人/来信人姓名")),
        "entered_by": nullable(String(description="登记的工作人员")),
        **{key: nullable(DateTime) for key in NULLABLE_TIMES},
        "rating_days_left": nullable(Integer),
        "description": String,
        "privacy_version": nullable(String(description="家长提交时同意的隐私保护指引版本")),
        "institution_address": nullable(String),
        "district": nullable(String),
        "occurred_at": nullable(DateTime),
        "location": nullable(nested(Point)),
        "photos": listed(Photo),
        "supplements": listed(Supplement),
        "routing": Raw(description="分派依据：命中的规则与队列"),
        "hints": fields.List(Raw, description="提交时的提示"),
        "needs_manual_review": Boolean,
        "review_reasons": listed(ReviewReason),
        "extended": Boolean,
        "paused": Boolean,
        "outcome": nullable(String),
        "measures": nullable(String),
        "merged_into": nullable(String),
        "merged": listed(String),
        "rating": nullable(nested(StaffRating)),
        "notes": listed(Note),
        "audit": listed(AuditEntry),
        "timeline": listed(TimelineStep),
        "similar": listed(SimilarComplaint),
        "retention": nullable(nested(Retention)),
        "version": Integer(description="下一次操作须带上的版本号"),
    },
)
Contact = model(
    "Contact",
    {
        "contact_phone": nullable(String(description="未脱敏的联系电话")),
        "caller_name": String(description="工作人员登记的来电人/来信人姓名"),
    },
    optional=("caller_name",),
)

InstitutionItem = model(
    "StaffInstitutionItem",
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
        "credit_code": nullable(String),
        "licence_no": nullable(String),
    },
    optional=("distance_m",),
)
InstitutionPage = registry.page("StaffInstitutionPage", InstitutionItem)
InstitutionDetail = registry.shape(directory.StaffInstitutionDetail)
ImportResult = registry.shape(archive.ImportResult)
RowError = registry.shape(archive.ImportRowError)
ImportFailed = model(
    "ImportFailed",
    {
        "code": String(example="import_failed"),
        "message": String,
        "created": Integer,
        "updated": Integer,
        "errors": Anything(
            description="import_failed: 各行错误 [{row, field, column, message}]；"
            "validation_error: {字段: 原因}"
        ),
    },
    optional=("created", "updated", "errors"),
)
Rectification = registry.shape(rectifications.Rectification)
RectificationPage = registry.page("RectificationPage", Rectification)
Notice = registry.shape(admin.StaffNoticeView, "StaffNotice")
NoticePage = registry.page("StaffNoticePage", Notice)
RoutingRules = registry.shape(admin.RoutingRules)
CalendarDay = registry.shape(holidays.CalendarDay)
Stats = registry.shape(reports.Stats)
ClusterMerged = model(
    "ClusterMerged",
    {"into": String, "merged": listed(String), "skipped": listed(String)},
)
StaffComplaintFiled = model(
    "StaffComplaintFiled",
    {
        "no": String,
        "status": String,
        "channel": String,
        "channel_label": String,
        "external_ref": nullable(String),
        "created": Boolean(description="false：该渠道编号此前已登记，返回原投诉"),
        "cluster": nested(Cluster),
    },
)

# The error codes operations answer beside their own: a token, and a role for writes.
SIGNED_IN = ("unauthorized", "invalid_token")
ADMIN_WRITE = (*SIGNED_IN, "forbidden", "validation_error", "malformed_json", "body_too_large")
CREATE = (*ADMIN_WRITE, "request_in_progress")
ACTION_ERRORS = (
    *(*ADMIN_WRITE, "not_found", "version_conflict", "conflict"),
    *("invalid_transition", "content_rejected", "wechat_unavailable"),
)
CODE_ERRORS = (*SIGNED_IN, "validation_error", "not_found", "wechat_unavailable")
CODE_ERRORS += ("wxacode_page_invalid",)
CLOSE_ERRORS = (*ADMIN_WRITE, "not_found", "invalid_transition", "not_an_image")
CLOSE_ERRORS += ("corrupt_image", "image_too_large", "file_too_large", "busy")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IntakeCap = model(
    "IntakeCap",
    {
        "cap": String(description="complaints_per_address / uploads_per_hour / ..."),
        "label": String,
        "scope": String(description="脱敏的网络地址（如 203.0.113.*）、service 或 parent"),
        "scope_label": String,
        "first_at": DateTime,
        "last_at": DateTime,
        "refused": Integer(description="本小时内被拒绝（或暂不标为紧急）的请求数"),
    },
)
IntakeCaps = model("IntakeCaps", {"items": listed(IntakeCap), "total": Integer, "hours": Integer})
