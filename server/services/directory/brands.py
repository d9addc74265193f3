"""An institution's brand: its name without place names, subjects, trade words and form.

"临江县启航英语培训学校（城关街道校区）" and "啟航英語培訓中心" both have the brand 启航;
"书文英语培训学校" has 书文. Lookalikes compare brands (lookalikes.py), so two names that
share only 英语培训学校 are not alike. Words are stripped from the front (places,
subjects) and from the back (forms, trade and subject words, branch campuses) until none
is left to strip; what remains is the brand. Names are normalised first (names.py).
"""

import re

from server.services.directory.names import full_pinyin, pinyin_keys


def _words(text):
    """The words of a space-separated list (long lists stay readable in the source)."""
    return tuple(text.split())


# Places of the demo county and its prefecture and province, and China's provinces: the
# county's own districts come from each institution's district as well.
PLACES = _words(
    "临江县 临江 城关街道 城关 东城街道 东城 西城街道 西城 临江镇 河口镇 河口 石桥镇 石桥 "
    "青山乡 青山 白沙镇 白沙 金华市 金华 浙江省 浙江 北京 天津 上海 重庆 河北 山西 辽宁 "
    "吉林 黑龙江 江苏 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 "
    "甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 中国 全国 国际"
)
PLACE_PATTERN = re.compile(r"^[\u4e00-\u9fff]{2,3}?(省|市|县)")
BRANCH_PATTERN = re.compile(r"\d*(校区|分校|分部|分中心|店)$")
BRANCH_ENDS = frozenset("区校部心店")  # last characters of a branch campus's name
TOWN_PATTERN = re.compile(r"[\u4e00-\u9fff]{2}(街道|镇|乡|路|街)$")
# Organisation forms and trade words: the longest are tried first.
FORMS = _words(
    "教育科技有限公司 文化传播有限公司 教育咨询有限公司 科技有限公司 文化艺术有限公司 "
    "有限责任公司 有限公司 培训学校 培训中心 辅导中心 教育中心 艺术中心 科技中心 活动中心 "
    "艺术培训学校 艺术培训 艺术学校 教育机构 培训机构 培训班 辅导班 兴趣班 训练营 训练馆 "
    "俱乐部 工作室 创客空间 学堂 学校 学院 书院 学苑 学馆 学社 学府 中心 培训 教育 辅导 "
    "补习 培优 家教 托管 午托 晚托 道馆 道场 棋院 琴行 琴房 画室 营地 乐园 之家 馆 社"
)
SUBJECTS = _words(
    "道德与法治 自然拼读 播音主持 青少年 少儿 儿童 幼儿 学前 小学 初中 高中 中小学 "
    "英语 数学 语文 作文 物理 化学 生物 历史 地理 政治 外语 口语 口才 演讲 阅读 "
    "奥数 珠心算 心算 思维 逻辑 科学 编程 机器人 信息学 美术 绘画 书法 硬笔 国画 "
    "舞蹈 拉丁舞 街舞 芭蕾 钢琴 小提琴 吉他 古筝 声乐 音乐 乐器 艺术 体育 篮球 "
    "足球 游泳 跆拳道 武术 围棋 象棋 国际象棋 乒乓球 羽毛球 研学 实践 国学 文化 科技 "
    "素质 早教 双语 学习 成长 智力 潜能 全脑 记忆 作业 课外 升学 文体 体能"
)
TRAILING = frozenset(FORMS + SUBJECTS)
LEADING = frozenset(PLACES + SUBJECTS)
LONGEST = max(len(word) for word in TRAILING | LEADING)
SHORTEST = 2  # a one-character remainder is no brand (华, 新 ...)


def _front_word(name, words, extra=()):
    """The longest word of `words` (or `extra`) `name` starts with and is longer than, or ""."""
    for k in range(min(LONGEST, len(name) - 1), 0, -1):
        head = name[:k]
        if head in words or head in extra:
            return head
    return ""


def _back_word(name, words, extra=()):
    """The longest word of `words` (or `extra`) `name` ends with and is longer than, or ""."""
    for k in range(min(LONGEST, len(name) - 1), 0, -1):
        tail = name[-k:]
        if tail in words or tail in extra:
            return tail
    return ""


def _strip_front(name, places):
    while True:
        word = _front_word(name, LEADING, places)
        if word:
            name = name[len(word) :]
        else:
            match = PLACE_PATTERN.match(name)
            if not match or len(name) - match.end() < SHORTEST:
                return name
            name = name[match.end() :]


def _strip_branch(name, places):
    """ "启航英语城关街道2校区" -> "启航英语": a branch campus and the place naming it."""
    branch = BRANCH_PATTERN.search(name)
    if not branch:
        return name
    name = name[: branch.start()]
    place = _back_word(name, LEADING, places)
    if place:
        return name[: -len(place)]
    town = TOWN_PATTERN.search(name)
    return name[: town.start()] if town and town.start() >= SHORTEST else name


def _strip_back(name, places):
    while True:
        if name[-1] in BRANCH_ENDS:
            shorter = _strip_branch(name, places)
            if shorter != name and len(shorter) >= SHORTEST:
                name = shorter
                continue
        word = _back_word(name, TRAILING)
        if not word:
            return name
        name = name[: -len(word)]


def _district_words(district):
    """A district's name and its stem (城关街道 -> 城关), as places to strip."""
    if not district:
        return ()
    stem = re.sub(r"(街道|镇|乡|社区)$", "", district)
    return (district, stem) if len(stem) >= SHORTEST else (district,)


def brand_of(normalized, district=None):
    """The distinctive part of a normalised name, or "" when nothing distinctive is left."""
    places = _district_words(district)
    once = _strip_back(_strip_front(normalized, places), places)
    brand = (
        _strip_back(_strip_front(once, places), places) if once != normalized else once
    )  # a subject before a form, and back
    if len(brand) < SHORTEST or brand in SUBJECTS or brand in FORMS:
        return ""
    return brand


def brand_sound(brand):
    """The brand's toneless pinyin without spaces (学尔思 and 学而思: "xueersi")."""
    return full_pinyin(pinyin_keys(brand)[0]) if brand else ""
