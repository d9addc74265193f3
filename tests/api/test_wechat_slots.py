"""A slow WeChat cannot take every thread: calls to WeChat hold at most WECHAT_SLOTS
threads per process, and a sign-in that finds no slot quickly answers 503 `busy` with
Retry-After, so `/healthz` stays fast on a server with 8 threads (as gunicorn runs it)."""

import time
from concurrent.futures import ThreadPoolExecutor

import requests

from server.wechat import WeChat
from tests.support.pooled_server import pooled

SIGN_INS = 16
WECHAT_SECONDS = 5.0


def test_sixteen_sign_ins_against_a_slow_wechat_leave_healthz_fast(app, fake_wechat, monkeypatch):
    # The app's own client with the default slots and wait, and a timeout the 5 s outlast.
    config = app.config
    slow = WeChat(
        appid=config["WECHAT_APPID"],
        secret=config["WECHAT_SECRET"],
        api_base=fake_wechat.base_url,
        timeout=WECHAT_SECONDS + 2,
        slots=config["WECHAT_SLOTS"],
        slot_wait=config["WECHAT_SLOT_WAIT_SECONDS"],
    )
    monkeypatch.setitem(app.extensions, "wechat", slow)
    fake_wechat.set_delay(WECHAT_SECONDS, path="jscode2session")
    codes = [fake_wechat.login_code(f"slow-{i}") for i in range(SIGN_INS)]
    with pooled(app, threads=8) as base, ThreadPoolExecutor(SIGN_INS) as pool:
        login = f"{base}/api/mp/v1/auth/login"
        answers = [pool.submit(requests.post, login, json={"code": c}, timeout=30) for c in codes]
        time.sleep(0.2)  # let the sign-ins take the threads first
        started = time.perf_counter()
        health = requests.get(f"{base}/healthz", timeout=30)
        healthz_seconds = time.perf_counter() - started
        results = [future.result() for future in answers]
    print(f"\n/healthz answered in {healthz_seconds:.3f} s beside {SIGN_INS} slow sign-ins")
    assert health.status_code == 200
    assert healthz_seconds < 1.0
    busy = [r for r in results if r.status_code == 503]
    slots = config["WECHAT_SLOTS"]
    assert sorted(r.status_code for r in results) == [200] * slots + [503] * (SIGN_INS - slots)
    assert {r.json()["code"] for r in busy} == {"busy"}
    assert all(r.headers["Retry-After"] == "2" for r in busy)
