"""What the mini-program is told of the privacy notice, declared once: the text in force
(GET /privacy, Swagger model `PrivacyNotice`) and the reference /meta gives to it."""

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
