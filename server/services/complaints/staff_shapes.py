"""The shapes of what staff read about complaints: a list row, the queues with their counts,
the contact revealed, a complaint entered, a cluster merged (the detail is detail_shapes.py).

The list and the console's worklists are hot paths: their rows are `pick`ed (the declared
keys without validating each value); the rest are `answer`ed.
"""

from server.services.admin import QueueRef, StaffRef
from server.services.common import DateTime, Shape, described


class Cluster(Shape):
    """Complaints about one institution in one category within 30 days."""

    size: described(int, "同一机构、同类问题 30 天内的投诉数（含本件）")
    open: described(int, "其中未办结")
    capped: described(bool, "超过 200 件时只数到 200")
    numbers: list[str] = None  # the detail only: the members' tracking numbers


class ComplaintInstitution(Shape):
    """The archive institution a complaint names, or the free-text name of an unlisted one."""

    id: described(str | None, "未登记机构为 null")
    name: str | None
    status: str = None
    status_label: str = None
    address: str | None = None  # the detail only
    district: str | None = None


class StaffComplaintItem(Shape):
    """A row of the staff list."""

    no: str
    status: str
    status_label: str
    category: str
    category_label: str
    queue: QueueRef | None
    assignee: StaffRef | None
    institution: ComplaintInstitution
    due_at: DateTime | None
    overdue: bool
    due_soon: bool
    urgent: bool
    urgent_held: described(bool, "紧急类投诉超出该家长每日上限，待调度员确认紧急（confirm_urgent）")
    has_news: bool
    anonymous: bool
    contact_phone: described(str | None, "脱敏，如 138****5678")
    created_at: DateTime
    working_days_left: int | None
    channel: described(str, "来源渠道：mini_program、phone、hotline_12345 ...")
    channel_label: str
    cluster: Cluster


class QueueCount(QueueRef):
    """A queue the caller sees, with its open and overdue complaints."""

    open: described(int, "未办结")
    overdue: described(int, "已逾期")


class Contact(Shape):
    """The unmasked contact, revealed on the record."""

    contact_phone: described(str | None, "未脱敏的联系电话")
    caller_name: described(str, "工作人员登记的来电人/来信人姓名") = None


class StaffComplaintFiled(Shape):
    """A complaint staff entered: its number and where it stands."""

    no: str
    status: str
    channel: str
    channel_label: str
    external_ref: str | None
    created: described(bool, "false：该渠道编号此前已登记，返回原投诉")
    cluster: Cluster


class ClusterMerged(Shape):
    """A cluster merged into one complaint: who was merged, who was left as it was."""

    into: str
    merged: list[str]
    skipped: list[str]
