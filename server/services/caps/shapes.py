"""The shapes of what staff see of the intake caps reached lately."""

from server.services.common.shapes import DateTime, Shape, described


class IntakeCap(Shape):
    """One cap reached in one scope, with how often it refused."""

    cap: described(str, "complaints_per_address / uploads_per_hour / ...")
    label: str
    scope: described(str, "脱敏的网络地址（如 203.0.113.*）、service 或 parent")
    scope_label: str
    first_at: DateTime
    last_at: DateTime
    refused: described(int, "本小时内被拒绝（或暂不标为紧急）的请求数")


class IntakeCaps(Shape):
    """The caps reached in the last `hours`, newest first."""

    items: list[IntakeCap]
    total: int
    hours: int
