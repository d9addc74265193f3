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

# What each category covers, in the words of the bureau's plan (docs: policy-2021), shown
# to parents beside the category picker so they choose the right one.
COMPLAINT_CATEGORY_HELP = {
    "unlicensed": "不具备相应资质条件、未经审批开展培训，或一个审批多址开展培训。",
    "disguised_subject": "严禁非学科类培训机构从事学科类培训；"
    "以家政、托管、研学、夏令营等名义开展学科类培训的，也属此类。",
    "off_hours": "不得占用国家法定节假日、休息日及寒暑假期组织学科类培训，"
    "线下培训时间不得晚于 20:30，线上不得晚于 21:00。",
    "ahead_of_curriculum": "严禁超标超前培训：培训内容超出课程标准，或超前于学生所在年级。",
    "fees": "严禁违规和超前收费：预收费超过 3 个月或 60 课时、拒不退费、"
    "未使用《中小学生校外培训服务合同（示范文本）》等。",
    "foreign_curriculum": "严禁提供境外教育课程。",
    "false_advertising": "虚假宣传、制造焦虑、恶意招揽生源、扰乱学校教育教学和招生秩序。",
    "teacher": "教师数量及资质不符合要求，或在职中小学教师有偿补课。",
    "school_burden": "学校作业总量和时长超出要求，或课后服务未按“一校一案”开展（方案第二部分）。",
    "safety": "消防、食品、场地等安全隐患；此类投诉按紧急件办理。",
    "other": "其他违反“双减”规定的问题。",
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

# Days an admin adds to the working-day calendar.
CALENDAR_DAY_KINDS = {
    "holiday": "休息日",
    "workday": "调休上班",
}

RECTIFICATION_STATUSES = {
    "open": "整改中",
    "closed": "已销号",
}


# Policy hints recorded on a complaint for staff (server/services/complaints/hints.py).
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
    "unchecked": "未完成检测（请人工审核）",
}

# Why a complaint waits for manual review; `detail` (WeChat's code and message) is appended.
REVIEW_REASONS = {
    "text_review": "微信内容安全检测建议人工复核文字内容",
    "text_check_unavailable": "文字内容安全检测未能完成，请人工审核文字",
    "photo_check_unavailable": "图片未能提交微信安全检测，请人工审核图片",
    "photo_check_failed": "微信图片安全检测失败，请人工审核图片",
    "photo_check_missing": "图片上传 1 小时后仍未收到微信检测结果，请人工审核图片",
}


def label(table, code):
    """The Chinese label of `code` in `table`, or the code itself if unknown (a stored value
    that is not even a string, too: pages and exports show it, they never fail on it)."""
    return table.get(code, code) if isinstance(code, str) else code


def as_list(table, descriptions=None):
    """[{"code", "label"}] in the table's order, for clients that build menus; with
    `descriptions`, each item also has its "description"."""
    items = [{"code": code, "label": text} for code, text in table.items()]
    for item in items if descriptions else ():
        item["description"] = descriptions[item["code"]]
    return items


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
    "accept_assign": "受理并分派",
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
    "confirm_urgent": "确认紧急",
    "supplement": "家长补充材料",
    "rating": "家长评价",
    "reveal_contact": "查看联系电话",
    "merged_in": "并入重复投诉",
    "merged_outcome": "同步合并投诉办理结果",
    "remind": "期限提醒",
    "overdue": "已超期",
    "close": "归档",
    "anonymise": "按规定删除个人信息",
    "parent_withdrew": "家长注销，已删除其个人信息",
    "manual_review": "转人工审核",
}
