"""What a parent is answered about their own data, declared once: the copy of everything
held (GET /me/data, Swagger model `MyData`) and what a withdrawal did (`Withdrawn`).

The copy's complaints are the complaints package's parent detail, handed in by the API
(this domain reads no complaint), so `MyData` is generic in their shape: the services
answer through `MyData` (each complaint kept as the caller shaped it) and the HTTP layer
declares `MyData[ParentComplaintDetail]` for the spec.
"""

from typing import Generic, TypeVar

from server.services.common import DateTime, Shape, described

ComplaintShape = TypeVar("ComplaintShape")


class HeldSubscription(Shape):
    """A subscribe message the parent accepted and not yet used: its template, how many."""

    template_id: str
    count: int


class HeldAccount(Shape):
    """The parent's account: when it was made, the last sign-in, the subscriptions."""

    created_at: DateTime
    last_login_at: DateTime | None
    subscriptions: list[HeldSubscription]


class HeldUpload(Shape):
    """An upload no complaint shows yet, with links to it if it passed the check."""

    id: str
    uploaded_at: DateTime
    url: described(str | None, "签名、会过期的原图链接；未通过检测的为空")
    thumb_url: str | None


class MyData(Shape, Generic[ComplaintShape]):
    """Everything held about the parent: the account, their complaints, loose uploads."""

    account: HeldAccount
    complaints: list[ComplaintShape]
    uploads: list[HeldUpload]


class Withdrawn(Shape):
    """What a withdrawal did: complaints untied, unsubmitted uploads deleted."""

    complaints: described(int, "保留办理、已解除与您关联的投诉数")
    uploads_deleted: described(int, "已删除的未提交图片数")
