"""The demo county's complaint stories: one or more in every status, about listed institutions.

A story is filed `days_ago` days before the seeding instant and moved along by its steps,
each `hours` after filing: (who, action, fields, hours). `who` is "dispatcher", "handler"
(the handler of the queue it was routed to) or "parent" (supplement, rate). Photos are
kinds of `demo.photos`. `merge` names another story by its key.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Story:
    """One demo complaint and what happened to it."""

    key: str
    parent: str
    institution: int  # index into the listed institutions the demo picks (by name)
    category: str
    description: str
    days_ago: float
    photos: tuple = ()
    steps: tuple = field(default_factory=tuple)
    fallback_name: str = "启航学科辅导中心"


RESOLVE = {
    "outcome": "substantiated",
    "message": "已责令机构退还超期预收费用",
    "measures": "约谈负责人，责令限期整改",
}

STORIES = (
    Story(
        "fresh",
        "demo-parent-1",
        0,
        "fees",
        "机构要求一次性预交一年学费一万二千元，远超三个月，拒绝签订示范合同文本。",
        0.05,
        ("receipt", "leaflet"),
    ),
    Story(
        "late_accept",
        "demo-parent-2",
        1,
        "off_hours",
        "每周六上午以托管名义给小学五年级学生上数学课，已经持续两个月。",
        6,
        ("classroom",),
    ),
    Story(
        "accepted",
        "demo-parent-3",
        2,
        "safety",
        "教室只有一个出口，消防通道堆满纸箱，晚上还有二十多个孩子上课。",
        1.5,
        ("corridor",),
        (("dispatcher", "accept", {}, 2),),
    ),
    Story(
        "in_progress_news",
        "demo-parent-4",
        3,
        "teacher",
        "授课老师是附近公办小学的在职教师，课后在这里有偿补课。",
        3,
        (),
        (
            ("dispatcher", "accept_assign", {}, 1),
            ("handler", "note", {"text": "已联系学校核实该教师身份。"}, 5),
            (
                "parent",
                "supplement",
                {
                    "text": "补充一张上课时拍的照片，老师就是穿蓝衣服的那位。",
                    "photos": ("classroom",),
                },
                30,
            ),
        ),
    ),
    Story(
        "need_info",
        "demo-parent-5",
        4,
        "false_advertising",
        "宣传单写着不报班孩子就会掉队，保证提分三十分，制造焦虑。",
        4,
        ("leaflet",),
        (
            ("dispatcher", "accept", {}, 2),
            ("handler", "assign", {}, 3),
            ("handler", "request_info", {"message": "请补充宣传单的发放地点和时间。"}, 6),
        ),
    ),
    Story(
        "resolved",
        "demo-parent-6",
        5,
        "fees",
        "报名时收了半年课时费，现在孩子不想上了，机构拒绝退费。",
        12,
        ("receipt",),
        (
            ("dispatcher", "accept_assign", {}, 3),
            ("handler", "reply", {"message": "我们已联系机构核实收费情况。"}, 30),
            ("handler", "resolve", RESOLVE, 24 * 10),
        ),
    ),
    Story(
        "closed",
        "demo-parent-7",
        0,
        "ahead_of_curriculum",
        "给三年级学生讲五年级的奥数内容，作业量很大。",
        20,
        (),
        (
            ("dispatcher", "accept_assign", {}, 2),
            (
                "handler",
                "resolve",
                {"outcome": "partly_substantiated", "message": "已责令按课程标准教学"},
                24 * 8,
            ),
            ("parent", "rate", {"score": "satisfied", "comment": "处理及时，谢谢"}, 24 * 9),
        ),
    ),
    Story(
        "rejected",
        "demo-parent-8",
        1,
        "other",
        "隔壁机构装修噪音太大，影响休息。",
        2,
        (),
        (("dispatcher", "reject", {"reason": "装修噪音不属于教育部门职责，请向住建部门反映"}, 3),),
    ),
    Story(
        "merged",
        "demo-parent-9",
        2,
        "safety",
        "机构门口电动车乱停，消防通道被堵，孩子放学很危险。",
        1,
        ("corridor",),
        (("dispatcher", "merge", {"into": "accepted"}, 2),),
    ),
    Story(
        "reopened",
        "demo-parent-10",
        3,
        "fees",
        "机构承诺的退费一直没有到账。",
        15,
        (),
        (
            ("dispatcher", "accept_assign", {}, 2),
            (
                "handler",
                "resolve",
                {"outcome": "substantiated", "message": "机构已承诺一周内退费"},
                24 * 6,
            ),
            ("parent", "rate", {"score": "dissatisfied", "comment": "到现在也没退"}, 24 * 8),
        ),
    ),
    Story(
        "late_resolve",
        "demo-parent-11",
        4,
        "unlicensed",
        "小区里有人租房办辅导班，没有看到任何办学许可证。",
        30,
        ("classroom",),
        (
            ("dispatcher", "accept_assign", {}, 3),
            ("handler", "note", {"text": "已约执法大队联合检查。"}, 48),
        ),
    ),
)

# (institution index, problems, summary, complaint story or None, days ago, due in days)
RECTIFICATIONS = (
    (5, ["预收费超过三个月", "未使用示范合同文本"], "预收费超期，责令限期整改", "resolved", 2, 20),
    (0, ["超标超前培训"], "超标超前培训，责令整改", None, 40, 30),
)
