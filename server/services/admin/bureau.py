"""The bureau as the mini-program shows it: 主办单位, 监督电话, office hours, map centre."""


def bureau_contact(config):
    """{"name", "phone", "hours", "center": {"lat", "lng"} or None} from the settings."""
    center = config.get("BUREAU_CENTER")
    return {
        "name": config.get("BUREAU_NAME"),
        "phone": config.get("BUREAU_PHONE"),
        "hours": config.get("BUREAU_HOURS"),
        "center": {"lat": center[0], "lng": center[1]} if center else None,
    }
