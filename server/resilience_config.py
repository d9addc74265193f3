"""Checks of the settings for the service under faults and abuse: WeChat call slots, intake
caps, the metrics token and the demo's injected faults (declared in `server/settings.py`;
docs/operations.md explains each)."""


def finalize(config, error):
    """Refuse values the service cannot run with (raising `error(message)`)."""
    if config.get("WECHAT_SLOTS", 4) < 1:
        raise error("WECHAT_SLOTS must be at least 1 (WeChat calls in flight per process)")
    for name in ("STORE_FAILOVER_SHARE", "DEMO_WECHAT_FAULT_SHARE"):
        if not 0 <= config.get(name, 0.0) <= 1:
            raise error(f"{name} must be a share between 0 and 1, got {config[name]}")
    if config.get("APP_ENV") == "production" and config.get("DEMO_WECHAT_FAULT_SHARE"):
        raise error("DEMO_WECHAT_FAULT_SHARE is a demo setting: production talks to WeChat")
