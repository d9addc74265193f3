"""What is told of the privacy notice, declared once: the text in force (GET /privacy,
Swagger model `PrivacyNotice`), the reference /meta gives to it, and a version as admins
keep it (staff API `PrivacyNoticeVersion`)."""

from server.services.common import Shape, described


class PrivacyNoticeText(Shape):
    """The notice in force: version, title, plain-text body, effective date."""

    version: str
    title: str
    body: str
    effective_date: str


class PrivacyRef(Shape):
    """The notice as /meta names it: its version, title and where its text is served."""

    version: str
    title: str
    url: described(str, "GET /privacy 的地址")


class PrivacyNoticeVersion(Shape):
    """One version as admins read it, with whether it is in force yet."""

    version: str
    title: str
    body: str
    effective_date: described(str, "生效日期 YYYY-MM-DD（上海时间）")
    in_force: described(bool, "已生效（家长可能已同意）：不能再修改")
    updated_by: described(str | None, "最后修改的管理员")
