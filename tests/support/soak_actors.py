"""The soak test's actors over real HTTP: parents, a dispatcher, a /healthz probe, and the
report of the invariants (printed, and kept in test-output/soak.txt for the run's summary).

Each actor tries again after 503 `busy` (and 409 `request_in_progress`) with the same
Idempotency-Key, as the mini-program does; any answer outside what a call may answer is
recorded as unexpected.
"""

import io
import pathlib
import time

import requests
from PIL import Image

REPORT = pathlib.Path("test-output/soak.txt")
RETRYABLE = {503, 409}


def jpeg(n):
    """A small distinct JPEG (photos are de-duplicated by content)."""
    image = Image.new("RGB", (64, 48), (n * 37 % 256, n * 91 % 256, 120))
    out = io.BytesIO()
    image.save(out, "JPEG")
    return out.getvalue()


class Actor:
    """Calls with retries and a record of unexpected answers."""

    def __init__(self, base, stop):
        self.base, self.stop = base, stop
        self.http = requests.Session()
        self.unexpected = []

    def call(self, method, path, expected, *, attempts=60, **kwargs):
        """The first answer that is not retryable (None if none came); unexpected ones noted.
        Once the soak stops, a call gives up within a few attempts (its key stays unanswered)."""
        for attempt in range(attempts):
            if self.stop.is_set() and attempt >= 3:
                return None
            try:
                response = self.http.request(method, self.base + path, timeout=30, **kwargs)
            except requests.ConnectionError:
                return None  # the server is shutting down

            if response.status_code not in expected | RETRYABLE:
                self.unexpected.append(f"{method} {path.split('/')[-1]} {response.status_code}")
                return None
            if response.status_code not in RETRYABLE:
                return response
            time.sleep(0.15)
        return None


class Parent(Actor):
    """Signs in, then uploads a photo, files a complaint and adds supplements, in a loop."""

    def __init__(self, base, fake, user, stop):
        super().__init__(base, stop)
        self.fake, self.user = fake, user
        self.created, self.supplements = {}, []  # key -> tracking number; texts answered 201
        self.unanswered = set()  # keys given up on when the soak stopped

    def sign_in(self):
        """A token through a fresh wx.login code per attempt (codes are single-use)."""
        for _ in range(60):
            code = self.fake.login_code(self.user)
            answer = self.http.post(f"{self.base}/api/mp/v1/auth/login", json={"code": code})
            if answer.status_code == 200:
                self.http.headers["Authorization"] = "Bearer " + answer.json()["token"]
                return
            time.sleep(0.15)
        raise RuntimeError("parent could not sign in")

    def run(self):
        """Until stopped: one complaint with a photo, and a supplement every other round."""
        self.sign_in()
        n = 0
        while not self.stop.is_set():
            n += 1
            self.file(n)
            if n % 2 == 0 and self.created:
                self.supplement(n)
            time.sleep(0.5)

    def file(self, n):
        photo = self.call(
            "POST",
            "/api/mp/v1/uploads",
            {201, 422},
            files={"file": ("p.jpg", jpeg(n), "image/jpeg")},
        )
        body = {
            "category": "fees",
            "description": f"{self.user} 第 {n} 次反映：预收学费超过三个月。",
        }
        body.update(institution_name="无名补习班", institution_address="城关镇幸福小区 3 栋 201")
        if photo is not None and photo.status_code == 201:
            body["photo_ids"] = [photo.json()["id"]]
        key = f"{self.user}-complaint-{n}"
        answer = self.call(
            "POST", "/api/mp/v1/complaints", {201}, json=body, headers={"Idempotency-Key": key}
        )
        if answer is not None:
            self.created[key] = answer.json()["no"]
        else:
            self.unanswered.add(key)  # may be stored: the last 503 may have hidden a success

    def supplement(self, n):
        no = list(self.created.values())[-1]
        text = f"{self.user} 补充 {n}"
        key = f"{self.user}-supplement-{n}"
        answer = self.call(
            "POST",
            f"/api/mp/v1/complaints/{no}/supplements",
            {201, 422, 429},
            json={"text": text},
            headers={"Idempotency-Key": key},
        )
        if answer is not None and answer.status_code == 201:
            self.supplements.append(text)


class Staff(Actor):
    """A dispatcher accepting new complaints and replying to accepted ones."""

    def __init__(self, base, token, stop):
        super().__init__(base, stop)
        self.http.headers["Authorization"] = f"Bearer {token}"
        self.replied = set()

    def run(self):
        """Until stopped: work through the list, one action at a time."""
        while not self.stop.is_set():
            listing = self.call("GET", "/api/staff/v1/complaints", {200}, params={"per_page": 20})
            for item in listing.json()["items"] if listing is not None else ():
                if item["status"] == "submitted":
                    self.act(item["no"], {"action": "accept"})
                elif item["status"] == "accepted" and item["no"] not in self.replied:
                    self.act(
                        item["no"], {"action": "reply", "message": "已联系机构核实，请耐心等待。"}
                    )
                    self.replied.add(item["no"])
            time.sleep(0.3)

    def act(self, no, action):
        detail = self.call("GET", f"/api/staff/v1/complaints/{no}", {200})
        if detail is None:
            return
        body = dict(action, version=detail.json()["version"])
        path = f"/api/staff/v1/complaints/{no}/actions"
        # A 503 may hide an action that was applied: the retry then meets version_conflict.
        self.call("POST", path, {200, 422}, json=body, attempts=1)


class HealthMonitor(Actor):
    """Probes /healthz four times a second; the slowest answer."""

    def __init__(self, base, stop):
        super().__init__(base, stop)
        self.worst, self.count = 0.0, 0

    def run(self):
        while not self.stop.is_set():
            started = time.perf_counter()
            response = self.http.get(self.base + "/healthz", timeout=30)
            self.worst = max(self.worst, time.perf_counter() - started)
            self.count += 1
            if response.status_code != 200:
                self.unexpected.append(f"healthz {response.status_code}")
            time.sleep(0.25)


def healthz_monitor(base, stop):
    """A /healthz probe for the soak."""
    return HealthMonitor(base, stop)


def report(invariants, **facts):
    """Print the invariants and keep them for the end of the run's output."""
    lines = ["soak invariants (" + ", ".join(f"{k}={v}" for k, v in facts.items()) + "):"]
    lines += [
        f"  [{'ok' if ok else 'FAILED'}] {name}: {detail}"
        for name, (ok, detail) in invariants.items()
    ]
    text = "\n".join(lines)
    print("\n" + text)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(text + "\n", encoding="utf-8")
