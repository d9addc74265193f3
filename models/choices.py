"""Every code a client sees, with its Chinese label, in one place.

Each table is an ordered dict code -> label; `label(table, code)` reads one and
`as_list(table)` shapes a table for GET /meta.
"""

STAFF_ROLES = {
    "admin": "管理员",
    "dispatcher": "受理分派员",
    "handler": "承办人",
    "viewer": "查看员",
}

INSTITUTION_STATUSES = {
    "whitelist": "白名单",
    "blacklist": "黑名单",
    "suspended": "暂停办学",
    "revoked": "已吊销",
    "pending": "待审核",
}

INSTITUTION_KINDS = {
    "subject": "学科类",
    "non_subject": "非学科类",
}

INSTITUTION_CATEGORIES = {
    "sports": "体育类",
    "arts": "文化艺术类",
    "science": "科技类",
    "other": "其他",
}

INSTITUTION_NATURES = {
    "non_profit": "非营利性",
    "for_profit": "营利性",
}

INSTITUTION_MODES = {
    "offline": "线下",
    "online": "线上",
}

# The answer to "is this institution allowed?": a list status, or one of two non-answers.
INSTITUTION_VERDICTS = {
    **INSTITUTION_STATUSES,
    "not_listed": "未在教育部门登记名单中",
    "ambiguous": "有多家同名机构",
}

COMPLAINT_CATEGORIES = {
    "unlicensed": "无证无照办学",
    "disguised_subject": "隐形变异学科类培训",
    "off_hours": "违规时间培训",
    "ahead_of_curriculum": "超标超前培训",
    "fees": "违规收费",
    "foreign_curriculum": "境外课程",
    "false_advertising": "虚假宣传",
    "teacher": "教师问题",
    "school_burden": "学校作业与课后服务",
    "safety": "安全隐患",
    "other": "其他",
}

COMPLAINT_STATUSES = {
    "submitted": "待受理",
    "accepted": "已受理",
    "in_progress": "办理中",
    "need_info": "待补充",
    "resolved": "已办结",
    "closed": "已归档",
    "rejected": "不予受理",
    "merged": "已合并",
    "reopened": "重新办理",
}

RECTIFICATION_STATUSES = {
    "open": "整改中",
    "closed": "已销号",
}


# Policy hints recorded on a complaint for staff (server/services/hints.py).
HINT_CODES = {
    "off_hours": "违规时间培训",
    "disguised_subject": "疑似隐形变异学科类培训",
    "unlicensed": "疑似无证无照办学",
    "banned_institution": "黑名单或停办机构仍在培训",
    "unapproved_institution": "未经审批开展培训",
    "for_profit_subject": "学科类机构营利性登记",
}

# Kinds of public timeline entries that are not status changes.
TIMELINE_KINDS = {
    "status": "状态变更",
    "reply": "回复",
    "supplement": "补充材料",
    "rating": "评价",
}

# WeChat's verdict on a photo, as staff see it.
PHOTO_MODERATION = {
    "pending": "检测中",
    "pass": "已通过",
    "review": "待人工复核",
    "risky": "未通过",
    "unchecked": "未检测（微信服务不可用）",
}


def label(table, code):
    """The Chinese label of `code` in `table`, or the code itself if unknown (a stored value
    that is not even a string, too: pages and exports show it, they never fail on it)."""
    return table.get(code, code) if isinstance(code, str) else code


def as_list(table):
    """[{"code", "label"}] in the table's order, for clients that build menus."""
    return [{"code": code, "label": text} for code, text in table.items()]


COMPLAINT_OUTCOMES = {
    "substantiated": "属实",
    "partly_substantiated": "部分属实",
    "unsubstantiated": "不属实",
}

RATING_SCORES = {
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
}

# Staff actions on a complaint (POST /complaints/{no}/actions) and the records the system adds.
COMPLAINT_ACTIONS = {
    "submit": "提交投诉",
    "accept": "受理",
    "reject": "不予受理",
    "assign": "分派",
    "transfer": "转办",
    "request_info": "请家长补充",
    "note": "内部备注",
    "reply": "答复家长",
    "resolve": "办结",
    "reopen": "重新办理",
    "merge": "合并",
    "extend": "延期",
    "supplement": "家长补充材料",
    "rating": "家长评价",
    "reveal_contact": "查看联系电话",
    "merged_in": "并入重复投诉",
    "merged_outcome": "同步合并投诉办理结果",
    "remind": "期限提醒",
    "overdue": "已超期",
    "close": "归档",
    "anonymise": "按规定删除个人信息",
}
