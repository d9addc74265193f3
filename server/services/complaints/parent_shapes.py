"""What a parent is told of their own complaints, declared once: the list row, the detail
page with its timeline, supplements and rating, and the answer to filing one. The
mini-program's Swagger models are generated from these (`ParentComplaintDetail` etc.)."""

from typing import Literal

from server.services.common import DateTime, Shape, described
from server.services.directory import Point
from server.services.photos import PhotoLink

Text = str | None


class ParentComplaintSummary(Shape):
    """A complaint in the parent's list."""

    no: str
    status: str
    status_label: str
    category: str
    category_label: str
    institution_name: Text
    created_at: DateTime


class TimelineStep(Shape):
    """One public step: a status reached, or a notice to the parent."""

    at: DateTime
    status: Text
    label: Text
    message: Text
    kind: Text


class ParentSupplement(Shape):
    """Information the parent added, with the photos they may see."""

    at: DateTime
    text: Text
    photos: list[PhotoLink]


class ParentRating(Shape):
    """The parent's rating of the answer."""

    score: str
    label: str
    comment: Text
    at: DateTime


class ParentComplaintDetail(ParentComplaintSummary):
    """Everything the parent may see of their complaint, and what they may do now."""

    institution_id: Text
    institution_address: Text
    description: str
    occurred_at: DateTime | None
    location: Point | None
    photos: list[PhotoLink]
    supplements: list[ParentSupplement]
    contact_phone: described(Text, "脱敏的联系电话")
    anonymous: bool
    privacy_version: described(Text, "提交时同意的隐私保护指引版本")
    outcome: Text
    outcome_label: Text
    timeline: list[TimelineStep]
    due_at: described(DateTime | None, "教育局当前须答复的期限")
    due_kind: Literal["accept", "resolve"] | None
    can_supplement: bool
    can_rate: bool
    rating: ParentRating | None
    rate_until: described(DateTime | None, "此前评价不满意会重新办理")


class ParentComplaintFiled(ParentComplaintDetail):
    """The detail of a complaint just filed, with the cluster notice."""

    cluster_notice: described(Text, "同一机构同类问题已有他人反映时：已有 N 位家长反映同类问题")
