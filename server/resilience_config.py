"""Settings of the service under faults and abuse: WeChat call slots, intake caps, the
metrics token, and the demo's injected faults. Read from the environment by `server.config`
and checked there (docs/operations.md explains each)."""


def from_environ(env, to_int, to_float):
    """The resilience settings in `env` (to_int / to_float parse a numeric setting)."""
    return {
        # Calls to WeChat in flight per process, and how long a call waits for a slot before
        # its request answers 503 busy (keep the slots below the web server's threads).
        "WECHAT_SLOTS": to_int(env, "WECHAT_SLOTS", 4),
        "WECHAT_SLOT_WAIT_SECONDS": to_float(env, "WECHAT_SLOT_WAIT_SECONDS", 0.2),
        # Intake caps per hour, per client address and service-wide (0: off); urgent
        # complaints per parent per day past which a dispatcher confirms the urgency.
        "CAP_COMPLAINTS_PER_ADDRESS": to_int(env, "CAP_COMPLAINTS_PER_ADDRESS", 30),
        "CAP_COMPLAINTS_PER_HOUR": to_int(env, "CAP_COMPLAINTS_PER_HOUR", 600),
        "CAP_UPLOADS_PER_ADDRESS": to_int(env, "CAP_UPLOADS_PER_ADDRESS", 300),
        "CAP_UPLOADS_PER_HOUR": to_int(env, "CAP_UPLOADS_PER_HOUR", 6000),
        "CAP_SIGN_INS_PER_ADDRESS": to_int(env, "CAP_SIGN_INS_PER_ADDRESS", 120),
        "CAP_URGENT_PER_PARENT": to_int(env, "CAP_URGENT_PER_PARENT", 2),
        # Demo and test only (the embedded store and the fake WeChat): elections every N s
        # lasting M s, or a share of store operations failing; a share of WeChat calls faulty.
        "STORE_FAILOVER_EVERY": to_float(env, "STORE_FAILOVER_EVERY", 0.0),
        "STORE_FAILOVER_SECONDS": to_float(env, "STORE_FAILOVER_SECONDS", 5.0),
        "STORE_FAILOVER_SHARE": to_float(env, "STORE_FAILOVER_SHARE", 0.0),
        "DEMO_WECHAT_FAULT_SHARE": to_float(env, "DEMO_WECHAT_FAULT_SHARE", 0.0),
        # /metrics answers loopback callers, and others bearing this token (unset: none).
        "METRICS_TOKEN": env.get("METRICS_TOKEN") or None,
    }


def finalize(config, error):
    """Refuse values the service cannot run with (raising `error(message)`)."""
    if config.get("WECHAT_SLOTS", 4) < 1:
        raise error("WECHAT_SLOTS must be at least 1 (WeChat calls in flight per process)")
    for name in ("STORE_FAILOVER_SHARE", "DEMO_WECHAT_FAULT_SHARE"):
        if not 0 <= config.get(name, 0.0) <= 1:
            raise error(f"{name} must be a share between 0 and 1, got {config[name]}")
    if config.get("APP_ENV") == "production" and config.get("DEMO_WECHAT_FAULT_SHARE"):
        raise error("DEMO_WECHAT_FAULT_SHARE is a demo setting: production talks to WeChat")
