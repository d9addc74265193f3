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


def label(table, code):
    """The Chinese label of `code` in `table`, or the code itself if unknown."""
    return table.get(code, code)


def as_list(table):
    """[{"code", "label"}] in the table's order, for clients that build menus."""
    return [{"code": code, "label": text} for code, text in table.items()]
