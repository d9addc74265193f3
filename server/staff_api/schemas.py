"""Response models of the staff API (documentation only; see server/api_responses.py).

They describe what the services build: accounts (services/admin/accounts.py), complaints
(services/complaints/staff_views.py), the archive (services/directory/shapes.py), rectifications,
notices, routing rules, calendar days and statistics (services/reports/stats.py).
"""

from flask_restx import fields

from server.api_responses import (
    FILE,
    Anything,
    Counts,
    Rates,
    Schemas,
    institution_detail_model,
    nullable,
)

registry = Schemas()
model = registry.model
errors = registry.errors
Error = registry.error
File = FILE

String, Integer, Float, Boolean = fields.String, fields.Integer, fields.Float, fields.Boolean
DateTime, Date, Raw = fields.DateTime, fields.Date, fields.Raw


def listed(target):
    """A list of `target` models (or of a field class)."""
    return fields.List(fields.Nested(target) if isinstance(target, dict) else target)


def nested(target):
    """A nested model property."""
    return fields.Nested(target)


def copy(source, **extra):
    """The properties of model `source` plus `extra` (for a model that extends another)."""
    return {**dict(source.items()), **extra}


QueueRef = model("QueueRef", {"id": String, "key": String, "name": String})
StaffRef = model("StaffRef", {"id": String, "username": String, "name": nullable(String)})
StaffMember = model(
    "StaffMember",
    {
        "id": String,
        "username": String,
        "name": nullable(String),
        "roles": listed(String),
        "queues": listed(QueueRef),
        "active": Boolean,
    },
)
StaffPage = registry.page("StaffPage", StaffMember)
Token = model("StaffToken", {"token": String, "expires_in": Integer, "staff": nested(StaffMember)})
QueueCount = model(
    "QueueCount",
    copy(QueueRef, open=Integer(description="未办结"), overdue=Integer(description="已逾期")),
)
Point = model("Point", {"lat": Float, "lng": Float})
InstitutionRef = model(
    "InstitutionRef", {"id": String, "name": String, "status": String, "status_label": String}
)
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
        **{key: nullable(DateTime) for key in NULLABLE_TIMES},
        "rating_days_left": nullable(Integer),
        "description": String,
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
Contact = model("Contact", {"contact_phone": String(description="未脱敏的联系电话")})

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
InstitutionDetail = institution_detail_model(registry, staff=True)
RowError = model(
    "ImportRowError",
    {"row": Integer, "field": nullable(String), "column": nullable(String), "message": String},
)
ImportResult = model(
    "ImportResult", {"created": Integer, "updated": Integer, "errors": listed(RowError)}
)
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
EvidencePhoto = model("EvidencePhoto", {"id": String, "width": Integer, "height": Integer})
Rectification = model(
    "Rectification",
    {
        "id": String,
        "institution": nullable(nested(InstitutionRef)),
        "problems": listed(String),
        "requirements": String,
        "due_date": Date,
        "due_at": DateTime,
        "overdue": Boolean,
        "complaint_no": nullable(String),
        "summary": String,
        "status": String,
        "status_label": String,
        "opened_at": nullable(DateTime),
        "opened_by": nullable(String),
        "closed_at": nullable(DateTime),
        "closed_by": nullable(String),
        "evidence": nullable(String),
        "evidence_photos": listed(EvidencePhoto),
    },
)
RectificationPage = registry.page("RectificationPage", Rectification)
Notice = model(
    "StaffNotice",
    {
        "id": String,
        "title": String,
        "body": String,
        "published": Boolean,
        "published_at": nullable(DateTime),
        "institutions": listed(InstitutionRef),
        "created_at": nullable(DateTime),
        "updated_at": nullable(DateTime),
        "created_by": nullable(String),
        "updated_by": nullable(String),
    },
)
NoticePage = registry.page("StaffNoticePage", Notice)
RULE_LISTS = ("categories", "institution_kinds", "institution_categories", "districts")
Conditions = model(
    "RuleConditionsView",
    {
        **{key: listed(String) for key in RULE_LISTS},
        "institution_listed": nullable(Boolean),
    },
)
RoutingRule = model(
    "RoutingRule",
    {
        "id": String,
        "name": String,
        "order": Integer,
        "conditions": nested(Conditions),
        "queue": nullable(nested(QueueRef)),
        "urgent": Boolean,
        "active": Boolean,
    },
)
RoutingRules = model("RoutingRules", {"items": listed(RoutingRule), "total": Integer})
CalendarDay = model(
    "CalendarDay", {"date": Date, "kind": String, "kind_label": String, "name": nullable(String)}
)
InstitutionCount = model(
    "InstitutionCount",
    {"id": nullable(String(description="未入库机构为 null")), "name": String, "count": Integer},
)
OnTimeCount = model("OnTimeCount", {"on_time": Integer, "late": Integer})
DaySummary = model("DaySummary", {"mean": nullable(Float), "median": nullable(Float)})
PHASES = ("accept", "resolve")
RectificationCounts = model("RectificationCounts", {"open": Integer, "overdue": Integer})
Stats = model(
    "Stats",
    {
        "from": Date,
        "to": Date,
        "scope": String(enum=["all", "own_queues"]),
        "total": Integer,
        **{f"by_{key}": Counts() for key in ("category", "status", "queue", "district")},
        "by_institution": listed(InstitutionCount),
        "on_time": Rates(description="按期率 0..1，无数据为 null"),
        "on_time_counts": fields.Nested(
            model("OnTimeCounts", {phase: nested(OnTimeCount) for phase in PHASES})
        ),
        "days": fields.Nested(model("Days", {phase: nested(DaySummary) for phase in PHASES})),
        "overdue": Integer,
        "satisfaction": Counts(),
        "satisfaction_share": Rates(),
        "rectifications": nested(RectificationCounts),
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
        "first_at": DateTime,
        "last_at": DateTime,
        "refused": Integer(description="本小时内被拒绝（或暂不标为紧急）的请求数"),
    },
)
IntakeCaps = model("IntakeCaps", {"items": listed(IntakeCap), "total": Integer, "hours": Integer})
