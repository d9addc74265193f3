"""Demo complaints at several steps of the life cycle, so the triage desk has work in demo mode.

They are filed through the same submission service as the mini-program (routing, hints,
deadlines, tracking numbers; the text checked by the fake WeChat server) and moved along by
the demo staff through the workflow, so every audit entry, timeline step and outbox message
is what real use makes; the demo worker then sends those messages to the fake WeChat.
"""

import logging

from models.complaint import Complaint
from models.parent import Parent
from models.staff import Staff
from server.services.complaints.intake import submit_complaint
from server.services.deadlines.holidays import load_calendar
from server.services.deadlines.sla import DeadlineRules
from server.services.triage.workflow import perform

log = logging.getLogger(__name__)

ADDRESS = "城关镇人民路 18 号"
# (parent, category, institution name, description, steps); a step is (staff, action,
# fields), where "handler" means the handler of the queue the complaint was routed to.
SAMPLES = [
    (
        "demo-parent-1",
        "fees",
        "启航学科辅导中心",
        "机构要求一次性预交一年学费一万二千元，远超三个月，拒绝签订示范合同文本。",
        [],
    ),
    (
        "demo-parent-2",
        "off_hours",
        "博雅托管班",
        "每周六上午以托管名义给小学五年级学生上数学课，已经持续两个月。",
        [("dispatcher", "accept", {})],
    ),
    (
        "demo-parent-3",
        "safety",
        "小天才美术工作室",
        "教室只有一个出口，消防通道堆满纸箱，晚上还有二十多个孩子上课。",
        [("dispatcher", "accept", {}), ("handler", "assign", {})],
    ),
    (
        "demo-parent-1",
        "teacher",
        "明德书院",
        "授课老师是附近公办小学的在职教师，课后在这里有偿补课。",
        [
            ("dispatcher", "accept", {}),
            ("handler", "assign", {}),
            ("handler", "request_info", {"message": "请补充上课时间和老师姓名等线索"}),
        ],
    ),
    (
        "demo-parent-2",
        "false_advertising",
        "状元之路教育",
        "宣传单写着不报班孩子就会掉队，保证提分三十分，制造焦虑。",
        [
            ("dispatcher", "accept", {}),
            ("handler", "assign", {}),
            ("handler", "note", {"text": "已约机构负责人周三到局里谈话"}),
            ("handler", "reply", {"message": "我们已联系机构核实宣传内容"}),
            (
                "handler",
                "resolve",
                {
                    "outcome": "substantiated",
                    "message": "已责令撤下违规宣传",
                    "measures": "约谈负责人，责令整改",
                },
            ),
        ],
    ),
]


def _staff_for(who, complaint):
    """The demo account acting: `dispatcher`, or the handler of the complaint's queue."""
    username = f"handler_{complaint.queue.key}" if who == "handler" else who
    return Staff.objects(username=username).first()


def seed_demo_complaints(config, *, wechat):
    """File and move the demo complaints once (nothing if any complaint exists)."""
    if Complaint.objects.count():
        return 0
    calendar, rules = load_calendar(), DeadlineRules.from_config(config)
    for code, category, name, description, steps in SAMPLES:
        parent = Parent.objects(openid=code).first() or Parent(openid=code).save()
        body = {
            "category": category,
            "institution_name": name,
            "institution_address": ADDRESS,
            "description": description,
        }
        complaint, _ = submit_complaint(parent, body, wechat=wechat, calendar=calendar, rules=rules)
        for who, action, fields in steps:
            staff = _staff_for(who, complaint)
            if action == "assign":
                fields = {"assignee": str(_staff_for("handler", complaint).pk)}
            payload = {"version": complaint.version, **fields}
            complaint = perform(
                complaint.no, action, payload, staff=staff, calendar=calendar, rules=rules
            )
    log.warning("demo complaints filed: %d", len(SAMPLES))
    return len(SAMPLES)
