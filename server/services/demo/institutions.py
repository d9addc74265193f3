"""The demo county's institutions: a few hundred around 临江县's seat, or N for benchmarks.

Hand-written entries come first (lookalike names on different lists, aliases, every status),
then generated ones: subject and non-subject of every category, courses, teachers, prepaid
accounts, status histories. Beyond the county's own few hundred, the extra ones spread over
a prefecture-sized area (about 130 km across) with towns of their own, as 50,000 real
institutions would. Documents are inserted in bulk; the directory index works out the
search keys (normalised names, pinyin) once, at start-up.
"""

import itertools
import random
from datetime import UTC, datetime, timedelta

from bson import ObjectId

from models.institution import (
    CREDIT_CODE_CHARSET,
    Institution,
    InstitutionJournal,
    credit_code_check_char,
)

SEAT = (29.0850, 119.6470)  # the county seat (GCJ-02)
COUNTY_SIZE = 300  # how many the county itself has; more spread over the prefecture
DISTRICTS = {  # name -> offset of its centre from the seat, degrees (lat, lng)
    "城关街道": (0.0, 0.0),
    "东城街道": (0.012, 0.026),
    "西城街道": (-0.006, -0.028),
    "临江镇": (0.07, 0.06),
    "河口镇": (-0.08, 0.05),
    "石桥镇": (0.05, -0.09),
    "青山乡": (-0.06, -0.07),
    "白沙镇": (0.12, -0.01),
}
TOWN_CHARS = "安宝长春大东丰福高古和华金兰乐龙梅南平清仁瑞三山上石双水太桃天同王溪新杨永云枣竹"
BRAND_HEADS = "启博智星明阳育卓思睿弘乐新金未优童英华书晨蓝彩鸿嘉朗瑞天"
BRAND_TAILS = "航雅慧辰德光才越源博文学程星来学贝趣苗韵墨海途翼桥帆悦"
OFFERINGS = {  # (kind, category) -> [(subject words, name suffixes, course subject)]
    ("subject", None): [
        ("英语", ("培训学校", "培训中心", "教育"), "英语"),
        ("数学", ("培训学校", "辅导中心", "学堂"), "数学"),
        ("作文", ("培训中心", "学堂"), "语文"),
        ("物理", ("辅导中心", "培训学校"), "物理"),
    ],
    ("non_subject", "sports"): [
        ("篮球", ("俱乐部", "训练营"), "篮球"),
        ("游泳", ("俱乐部", "训练馆"), "游泳"),
        ("跆拳道", ("道馆", "俱乐部"), "跆拳道"),
        ("围棋", ("棋院", "道场"), "围棋"),
    ],
    ("non_subject", "arts"): [
        ("美术", ("艺术中心", "工作室"), "美术"),
        ("舞蹈", ("艺术培训学校", "工作室"), "舞蹈"),
        ("钢琴", ("艺术中心", "琴行"), "钢琴"),
        ("书法", ("艺术中心", "书院"), "书法"),
    ],
    ("non_subject", "science"): [
        ("编程", ("科技中心", "创客空间"), "编程"),
        ("机器人", ("科技中心", "俱乐部"), "机器人"),
    ],
    ("non_subject", "other"): [
        ("研学", ("营地", "中心"), "研学实践"),
        ("国学", ("书院", "学堂"), "国学"),
    ],
}
STATUSES = (("whitelist", 68), ("pending", 12), ("blacklist", 10), ("suspended", 5), ("revoked", 5))
REASONS = {
    "whitelist": "材料齐全，审核通过，列入白名单",
    "blacklist": "未取得办学许可擅自开展培训，列入黑名单",
    "suspended": "存在消防安全隐患，责令暂停办学整改",
    "revoked": "违规收费且拒不整改，吊销办学许可证",
    "pending": "已提交登记材料，等待审核",
}
STREETS = [
    "人民路",
    "解放路",
    "中山路",
    "新华路",
    "建设路",
    "文化路",
    "江滨路",
    "学府路",
    "青年路",
    "光明路",
]
BANKS = ("中国银行临江支行", "中国农业银行临江支行", "临江农商银行", "中国建设银行临江支行")
NOT_LISTED = ("启航英语培训中心", "起航英语培训学校")  # lookalikes the demo must not contain
HAND_WRITTEN = [  # name, aliases, kind, category, status, district, course subject
    ("启航英语培训学校", ["启航英语"], "subject", None, "whitelist", "城关街道", "英语"),
    ("智慧树数学培训学校", [], "subject", None, "whitelist", "东城街道", "数学"),
    ("智慧树数学工作室", [], "subject", None, "blacklist", "东城街道", "数学"),
    ("星火少儿编程中心", ["星火编程"], "non_subject", "science", "whitelist", "西城街道", "编程"),
    ("星火编程培训中心", [], "non_subject", "science", "revoked", "临江镇", "编程"),
    ("博雅书法艺术中心", ["博雅书法"], "non_subject", "arts", "whitelist", "城关街道", "书法"),
    ("小天才托管中心", [], "non_subject", "other", "blacklist", "河口镇", "托管"),
    ("明德学堂", [], "subject", None, "suspended", "石桥镇", "语文"),
    ("阳光游泳俱乐部", [], "non_subject", "sports", "pending", "青山乡", "游泳"),
]


def seed_institutions(count, *, rng=None):
    """Insert `count` demo institutions unless the archive has some; returns how many."""
    collection = Institution._get_collection()
    if count <= 0 or collection.find_one({}, {"_id": 1}):
        return 0
    rng = rng or random.Random(20211)
    docs = generate(count, rng)
    while batch := list(itertools.islice(docs, 2000)):  # a batch at a time: less memory
        collection.insert_many(batch)
    InstitutionJournal.record_everything()
    return count


def generate(count, rng):
    """Raw institution documents, ready for insert_many."""
    towns = _towns(max(0, count - COUNTY_SIZE) // 1000 + 1, rng)
    used = set(NOT_LISTED)
    for i in range(count):
        if i < len(HAND_WRITTEN):
            name, aliases, kind, category, status, district, subject = HAND_WRITTEN[i]
        else:
            kind, category = (
                rng.choice(list(OFFERINGS)) if rng.random() < 0.65 else ("subject", None)
            )
            status = rng.choices(*zip(*STATUSES, strict=True))[0]
            district = rng.choice(list(DISTRICTS)) if i < COUNTY_SIZE else rng.choice(list(towns))
            name, subject = _name(rng, kind, category, district, used)
            aliases = []
        used.add(name)
        centre = _centre(district, towns)
        yield _document(rng, i, name, aliases, kind, category, status, district, centre, subject)


def _towns(n, rng):
    towns = {}
    while len(towns) < n:
        name = rng.choice(TOWN_CHARS) + rng.choice(TOWN_CHARS) + "镇"
        towns[name] = (rng.uniform(-0.6, 0.6), rng.uniform(-0.65, 0.65))
    return towns


def _centre(district, towns):
    dlat, dlng = DISTRICTS.get(district) or towns[district]
    return SEAT[0] + dlat, SEAT[1] + dlng


def _name(rng, kind, category, district, used):
    word, suffixes, subject = rng.choice(OFFERINGS[(kind, category)])
    base = rng.choice(BRAND_HEADS) + rng.choice(BRAND_TAILS) + word + rng.choice(suffixes)
    name, branch = base, 1
    while name in used:
        name = f"{base}（{district}{branch if branch > 1 else ''}校区）"
        branch += 1
    return name, subject


def _credit_code(rng, nature):
    head = ("52" if nature == "non_profit" else "91") + "330723"
    body = "".join(rng.choice(CREDIT_CODE_CHARSET) for _ in range(9))
    return head + body + credit_code_check_char(head + body)


def _courses(rng, kind, subject):
    grades = (
        ("三至六年级", "初一至初三", "一至二年级") if kind == "subject" else ("4-12岁", "6岁以上")
    )
    return [
        {
            "name": f"{subject}{level}班",
            "subject": subject,
            "grades": rng.choice(grades),
            "class_hours": rng.choice((24, 32, 40, 48)),
            "price_per_hour": float(rng.randrange(50, 200, 5)),
            "filing_no": f"临教备{2022 + n}{rng.randrange(1000, 9999)}",
        }
        for n, level in enumerate(rng.sample(("基础", "提高", "精品"), rng.randint(1, 2)))
    ]


def _document(rng, i, name, aliases, kind, category, status, district, centre, subject):
    nature = "non_profit" if kind == "subject" else "for_profit"
    licensed = status != "blacklist" or rng.random() < 0.3
    online = rng.random() < 0.06
    spread = 0.02 if i < COUNTY_SIZE else 0.05
    location = (
        None
        if online
        else {
            "lat": round(centre[0] + rng.gauss(0, spread), 6),
            "lng": round(centre[1] + rng.gauss(0, spread), 6),
        }
    )
    created = datetime(2022, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(0, 1000))
    history = [{"status": "pending", "reason": REASONS["pending"], "at": created, "by": "admin"}]
    if status != "pending":
        later = created + timedelta(days=rng.randrange(10, 300))
        history.append({"status": status, "reason": REASONS[status], "at": later, "by": "admin"})
    total = rng.randint(2, 30)
    doc = {
        "_id": ObjectId(),
        "name": name,
        "aliases": aliases,
        "kind": kind,
        "nature": nature,
        "mode": "online" if online else "offline",
        "district": district,
        "address": f"{district}{rng.choice(STREETS)}{rng.randint(1, 300)}号{rng.randint(1, 5)}楼",
        "phone": f"0579-8{rng.randrange(1000000, 9999999)}",
        "status": status,
        "students": rng.randint(20, 800),
        "teachers": {"total": total, "qualified": rng.randint(total // 2, total)},
        "courses": _courses(rng, kind, subject),
        "business_hours": "周一至周五 16:30-20:30" if kind == "subject" else "每天 09:00-20:30",
        "status_history": history,
        "created_at": created,
        "updated_at": history[-1]["at"],
    }
    if category:
        doc["category"] = category
    if location:
        doc["location"] = location
    if licensed:
        doc["credit_code"] = _credit_code(rng, nature)
        doc["licence_no"] = f"教民1330723{7 if kind == 'subject' else 8}{i:06d}号"
        doc["prepaid_account"] = {
            "bank": rng.choice(BANKS),
            "account": str(rng.randrange(10**18, 10**19)),
        }
    return doc
