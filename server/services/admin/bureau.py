"""The bureau as the mini-program shows it: 主办单位, 监督电话, office hours, map centre."""

from server.services.common import Shape, described
from server.services.directory import Point


class Bureau(Shape):
    """The bureau's contact in /meta, from the settings."""

    name: described(str | None, "主办单位")
    phone: described(str | None, "监督电话")
    hours: described(str | None, "办公时间")
    center: described(Point | None, "地图在定位前的中心点")


def bureau_contact(config):
    """{"name", "phone", "hours", "center": {"lat", "lng"} or None} from the settings."""
    center = config.get("BUREAU_CENTER")
    return Bureau.answer(
        {
            "name": config.get("BUREAU_NAME"),
            "phone": config.get("BUREAU_PHONE"),
            "hours": config.get("BUREAU_HOURS"),
            "center": {"lat": center[0], "lng": center[1]} if center else None,
        }
    )
