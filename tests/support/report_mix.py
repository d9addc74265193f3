"""A known mix of complaints made through the API, for the statistics, ledger and retention tests.

Thirteen complaints are filed by six parents (POST /complaints, demo routing rules, three
institutions in three districts and two unlisted ones), moved by a dispatcher through the
staff actions and by the parents' supplements and ratings, then their timestamps are aged
through mongoengine to known moments of March 2026 (Shanghai), so the expected working
days are known by hand. An admin adds 2026-03-13 (a Friday) as a day off through the API:
every figure below counts it as a holiday. Each Case holds what the test knows: where it
went, how it ended, and the days and verdicts worked out by hand from the calendar.
"""

import dataclasses
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from models.complaint import Complaint, Pause
from server.clock import SHANGHAI
from server.services.demo.routing_defaults import seed_demo_rules
from tests.support import image_bytes
from tests.support.complaint_support import make_institution

MP = "/api/mp/v1/complaints"
STAFF = "/api/staff/v1/complaints"
PERIOD = "from=2026-03-01&to=2026-03-31"
HOLIDAY = "2026-03-13"
FUTURE = "future"  # a deadline well ahead of the test's `now`: not overdue


def sh(day, hour, minute=0):
    """A moment of March 2026, Shanghai time, as UTC."""
    return datetime(2026, 3, day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


def end(day):
    """The deadline instant of a March 2026 day (end of the Shanghai day)."""
    return datetime(2026, 3, day, 23, 59, 59, 999000, tzinfo=SHANGHAI).astimezone(UTC)


@dataclass
class Case:
    """One complaint of the mix and everything the test expects of it."""

    key: str
    parent: str
    institution: str  # A, B, C (listed) or the free-text name of an unlisted one
    category: str
    queue: str
    steps: list
    status: str
    times: dict  # stored fields aged to known moments (FUTURE: well ahead of now)
    accept_days: int | None = None
    resolve_days: int | None = None
    accepted_on_time: bool | None = None
    resolved_on_time: bool | None = None
    rating: str | None = None
    outcome: str | None = None
    handler: bool = False
    photos: list = field(default_factory=list)
    no: str | None = None


LISTED = {
    "A": ("星光学科培训中心", {"kind": "subject", "district": "城关镇"}),
    "B": ("跃动体育俱乐部", {"kind": "non_subject", "category": "sports", "district": "东湖街道"}),
    "C": ("墨香美术工作室", {"kind": "non_subject", "category": "arts", "district": "西山镇"}),
}
NIGHT_SCHOOL, SCHOOL = "无名补习班", "实验小学课后服务"


def resolve(outcome):
    """The resolve step with an outcome (measures written alongside)."""
    return ("resolve", {"outcome": outcome, "message": "已核查处理", "measures": "约谈负责人"})


CASES = [
    Case("c1", "p1", "A", "fees", "training",
         ["accept", "assign", resolve("substantiated"), ("rate", "satisfied")], "closed",
         {"created_at": sh(2, 9), "accept_due_at": end(3), "accepted_at": sh(3, 10),
          "resolve_due_at": end(24), "resolved_at": sh(20, 10), "closed_at": sh(21, 10)},
         1, 13, True, True, "satisfied", "substantiated", True, ["X", "Y"]),
    Case("c2", "p1", "A", "off_hours", "training",
         ["accept", "assign", "request_info", ("supplement", "Z"),
          resolve("partly_substantiated"), ("rate", "basically_satisfied")], "closed",
         {"created_at": sh(2, 9, 30), "accept_due_at": end(3), "accepted_at": sh(4, 10),
          "resolve_due_at": end(24), "resolved_at": sh(27, 10), "closed_at": sh(28, 10),
          "pauses": [(sh(4, 11), sh(4, 12))]},
         2, 18, False, False, "basically_satisfied", "partly_substantiated", True),
    Case("c3", "p2", "A", "ahead_of_curriculum", "training",
         ["accept", "assign", resolve("unsubstantiated"), ("rate", "dissatisfied")], "reopened",
         {"created_at": sh(3, 9), "accept_due_at": end(4), "accepted_at": sh(3, 15)},
         0, None, True, None, "dissatisfied", None, True),
    Case("c4", "p2", "B", "fees", "sports",
         ["accept", "assign", "request_info", "supplement", resolve("substantiated")], "resolved",
         {"created_at": sh(4, 9), "accept_due_at": end(5), "accepted_at": sh(5, 9, 30),
          "resolve_due_at": end(25), "resolved_at": sh(27, 10),
          "pauses": [(sh(12, 10), sh(16, 10))]},
         1, 15, True, False, None, "substantiated", True),
    Case("c5", "p1", "B", "safety", "sports", ["accept"], "accepted",
         {"created_at": sh(5, 9), "accept_due_at": end(6), "accepted_at": sh(5, 11),
          "resolve_due_at": FUTURE},
         0, None, True, None, photos=["X"]),
    Case("c6", "p3", "C", "teacher", "culture_tourism", ["accept", "assign"], "in_progress",
         {"created_at": sh(12, 9), "accept_due_at": end(16), "accepted_at": sh(16, 9),
          "resolve_due_at": FUTURE},
         1, None, True, None, handler=True),
    Case("c7", "p3", "C", "fees", "culture_tourism",
         [("reject", {"reason": "不属于教育部门职责"})], "rejected",
         {"created_at": sh(9, 9), "accept_due_at": end(10), "updated_at": sh(9, 15)}),
    Case("c8", "p4", NIGHT_SCHOOL, "unlicensed", "training", [], "submitted",
         {"created_at": sh(10, 9), "accept_due_at": end(11)}, None, None, False),
    Case("c9", "p5", NIGHT_SCHOOL, "unlicensed", "training", [("merge", "c8")], "merged",
         {"created_at": sh(10, 10), "accept_due_at": end(11), "updated_at": sh(10, 15)}),
    Case("c10", "p5", SCHOOL, "school_burden", "basic_education", ["accept", "request_info"],
         "need_info",
         {"created_at": sh(11, 9), "accept_due_at": end(12), "accepted_at": sh(12, 9),
          "resolve_due_at": FUTURE, "pauses": [(sh(16, 10), None)]},
         1, None, True, None),
    Case("c11", "p6", "C", "false_advertising", "culture_tourism", ["accept", "assign"],
         "in_progress",
         {"created_at": sh(12, 9, 30), "accept_due_at": end(16), "accepted_at": sh(12, 10),
          "resolve_due_at": end(20)},
         0, None, True, False, handler=True),
    Case("c12", "p6", "A", "other", "training",
         ["accept", "assign", "request_info", "supplement", resolve("unsubstantiated"),
          ("rate", "satisfied")], "closed",
         {"created_at": sh(16, 9), "accept_due_at": end(17), "accepted_at": sh(17, 10),
          "resolve_due_at": end(31), "resolved_at": sh(17, 16),
          "pauses": [(sh(17, 11), sh(17, 12))]},
         1, 1, True, True, "satisfied", "unsubstantiated", True),
    Case("c13", "p4", "B", "other", "sports", [], "submitted",
         {"created_at": sh(18, 9), "accept_due_at": FUTURE}),
]  # fmt: skip


def phone_of(case):
    """The contact phone the case's parent left (it must never reach a report)."""
    return "1390000" + case.key[1:].rjust(4, "0")


class Mix:
    """Files and moves the CASES through the API; `by_key` then names each stored complaint."""

    def __init__(self, *, login_parent, dispatcher, admin, make_staff, demo_queues, now):
        self.dispatcher, self.queues, self.now = dispatcher, demo_queues, now
        seed_demo_rules()
        admin.post("/api/staff/v1/holidays", json={"date": HOLIDAY}, status=201)
        self.institutions = {
            key: make_institution(name, **fields) for key, (name, fields) in LISTED.items()
        }
        self.handlers = {key: make_staff(f"h_{key}", ["handler"], [key]) for key in demo_queues}
        self.parents = {}
        self.login_parent = login_parent
        self.photos = {}
        self.by_key = {}

    def parent(self, name):
        """The signed-in client of parent `name`."""
        if name not in self.parents:
            self.parents[name] = self.login_parent(f"mix-{name}")
        return self.parents[name]

    def photo(self, case, name):
        """Photo `name`, uploaded once by the case's parent (same bytes, same photo)."""
        if name not in self.photos:
            colour = {"X": (200, 30, 30), "Y": (30, 200, 30), "Z": (30, 30, 200)}[name]
            data = image_bytes.jpeg(color=colour)
            body = self.parent(case.parent).post(
                "/api/mp/v1/uploads",
                data={"file": (io.BytesIO(data), f"{name}.jpg")},
                content_type="multipart/form-data",
                status=201,
            )
            self.photos[name] = body["id"]
        return self.photos[name]

    def file(self, case):
        """POST the case's complaint as its parent."""
        body = {
            "category": case.category,
            "description": f"{case.key}：周末以托管名义上数学课，还要求预交一年学费。",
            "contact_phone": phone_of(case),
            "photo_ids": [self.photo(case, name) for name in case.photos],
        }
        if case.institution in self.institutions:
            body["institution_id"] = str(self.institutions[case.institution].id)
        else:
            body.update(institution_name=case.institution, institution_address="城关镇幸福小区")
        headers = {"Idempotency-Key": f"mix-{case.key}"}
        case.no = self.parent(case.parent).post(MP, json=body, headers=headers, status=201)["no"]
        self.by_key[case.key] = case

    def act(self, case, action, **fields):
        """A dispatcher's action at the complaint's current version."""
        version = Complaint.objects.get(no=case.no).version
        body = {"action": action, "version": version, **fields}
        self.dispatcher.post(f"{STAFF}/{case.no}/actions", json=body)

    def step(self, case, step):
        """Run one step of the case."""
        name, arg = step if isinstance(step, tuple) else (step, None)
        parent = self.parent(case.parent)
        if name == "assign":
            self.act(case, "assign", assignee=str(self.handlers[case.queue].pk))
        elif name == "request_info":
            self.act(case, "request_info", message="请补充收费凭证")
        elif name == "supplement":
            photos = [self.photo(case, arg)] if arg else []
            body = {"text": "补充收费收据", "photo_ids": photos}
            parent.post(f"{MP}/{case.no}/supplements", json=body, status=201)
        elif name == "rate":
            parent.post(f"{MP}/{case.no}/rating", json={"score": arg}, status=201)
        elif name == "merge":
            self.act(case, "merge", into=self.by_key[arg].no)
        else:
            self.act(case, name, **(arg or {}))

    def age(self, case):
        """Move the stored timestamps to the case's known moments."""
        fields = {}
        for name, value in case.times.items():
            if value == FUTURE:
                value = self.now + timedelta(days=30)
            if name == "pauses":
                value = [Pause(start=start, end=stop) for start, stop in value]
            fields[f"set__{name}"] = value
        Complaint.objects(no=case.no).update_one(**fields)

    def build(self):
        """File, move and age every case; returns them by key."""
        cases = [dataclasses.replace(case) for case in CASES]
        for case in cases:
            self.file(case)
            for step in case.steps:
                self.step(case, step)
        for case in cases:
            self.age(case)
            assert Complaint.objects.get(no=case.no).status == case.status, case.key
        return self.by_key


@pytest.fixture
def mix(login_parent, login_staff, admin, make_staff, demo_queues, now):
    """The known mix, filed and moved through the API; cases by key (import it to use it)."""
    world = Mix(
        login_parent=login_parent,
        dispatcher=login_staff("dispatcher", ("dispatcher",)),
        admin=admin,
        make_staff=make_staff,
        demo_queues=demo_queues,
        now=now,
    )
    return world.build()
