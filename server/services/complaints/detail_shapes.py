"""The shape of a complaint's full staff detail and of its parts (photos, supplements,
review reasons, rating, notes, audit trail, timeline, similar complaints, retention)."""

from pydantic import Field

from server.services.common import DateTime, Shape, described
from server.services.complaints.staff_shapes import StaffComplaintItem
from server.services.directory import Point


class StaffPhoto(Shape):
    """A photo with its moderation state and the staff URLs of both sizes."""

    id: str
    width: int
    height: int
    bytes: int
    moderation: str
    moderation_label: str | None
    check_reason: str | None
    url: str
    thumb_url: str


class StaffSupplement(Shape):
    """What the parent added later."""

    at: DateTime
    text: str | None
    photos: list[StaffPhoto]


class ReviewReason(Shape):
    """Why the complaint waits for a person to look at it."""

    code: str | None
    at: DateTime | None
    photo_id: str | None
    label: str | None
    message: str | None


class StaffRating(Shape):
    """The parent's rating."""

    score: str
    comment: str | None
    at: DateTime | None


class Note(Shape):
    """An internal note."""

    at: DateTime
    by: str | None
    text: str


class AuditEntry(Shape):
    """One step of the complaint's audit trail."""

    at: DateTime
    by: str | None
    action: str
    action_label: str | None
    from_status: str | None = Field(alias="from")
    to_status: str | None = Field(alias="to")
    detail: described(dict, "动作的详情（随动作而异）")


class StaffTimelineStep(Shape):
    """A step of the public timeline, as staff see it."""

    at: DateTime
    status: str | None
    label: str | None
    message: str | None
    kind: str | None


class SimilarComplaint(Shape):
    """Another complaint about the same institution and category (of a queue one sees)."""

    no: str
    status: str
    created_at: DateTime
    merged_into: str | None


class RetentionNote(Shape):
    """What retention (PIPL) removed from the complaint."""

    at: DateTime
    photos_removed: int
    message: str


class StaffComplaintDetail(StaffComplaintItem):
    """Everything a staff member may see about one complaint, with its `version`."""

    external_ref: described(str | None, "渠道编号，如 12345 工单号")
    received_at: described(DateTime | None, "教育局收到的时间")
    caller_name: described(str | None, "脱敏的来电人/来信人姓名")
    entered_by: described(str | None, "登记的工作人员")
    rate_until: DateTime | None
    accept_due_at: DateTime | None
    resolve_due_at: DateTime | None
    accepted_at: DateTime | None
    resolved_at: DateTime | None
    rating_days_left: int | None
    description: str
    privacy_version: described(str | None, "家长提交时同意的隐私保护指引版本")
    institution_address: str | None
    district: str | None
    occurred_at: DateTime | None
    location: Point | None
    photos: list[StaffPhoto]
    supplements: list[StaffSupplement]
    routing: described(dict, "分派依据：命中的规则与队列")
    hints: described(list[dict], "提交时的提示")
    needs_manual_review: bool
    review_reasons: list[ReviewReason]
    extended: bool
    paused: bool
    outcome: str | None
    measures: str | None
    merged_into: str | None
    merged: list[str]
    rating: StaffRating | None
    notes: list[Note]
    audit: list[AuditEntry]
    timeline: list[StaffTimelineStep]
    similar: list[SimilarComplaint]
    retention: RetentionNote | None
    version: described(int, "下一次操作须带上的版本号")
