"""What staff send to open, close and list rectifications, as field-toolkit models."""

from datetime import date
from typing import Annotated

from pydantic import Field

from server.services.common import Choice, Day, Form, IdText, LongText, Text, parse

MAX_PROBLEMS = 20
DUE_DATE_REASON = "整改期限须是日期，如 2026-12-31"
EARLIEST_DAY, LATEST_DAY = date(2000, 1, 1), date(2099, 12, 31)
Problem = LongText(500, min_length=1)
LIST_FILTERS = {"open": "整改中", "overdue": "已逾期", "closed": "已销号"}


Due = Day(EARLIEST_DAY, LATEST_DAY, DUE_DATE_REASON)


class RectificationOpen(Form):
    """POST /rectifications: the notice to an institution (挂账)."""

    reasons = {
        "institution_id": "请选择档案中的机构",
        "problems": f"请列出 1–{MAX_PROBLEMS} 个问题，每个问题 500 字以内",
        "requirements": "请填写整改要求（2000 字以内）",
        "due_date": DUE_DATE_REASON,
        "summary": "请填写公开摘要（500 字以内）",
        "complaint_no": "未找到该投诉编号",
    }
    institution_id: Text(24, min_length=1)
    problems: Annotated[
        list[LongText(500, min_length=1)], Field(min_length=1, max_length=MAX_PROBLEMS)
    ]
    requirements: LongText(2000, min_length=1)
    due_date: Due
    summary: LongText(500, min_length=1)
    complaint_no: Text(40) | None = None


class RectificationClose(Form):
    """POST /rectifications/{id}/close: the evidence (销号); photos come as files."""

    reasons = {"evidence": "请填写整改证明材料说明（2000 字以内）"}
    evidence: LongText(2000, min_length=1)


class RectificationFilter(Form):
    """`?status=&institution_id=&complaint_no=` of the ledger list."""

    reasons = {
        "status": "必须是 open、closed 或 overdue",
        "institution_id": "机构编号格式不正确",
    }
    status: Choice(LIST_FILTERS) = Field(None, description="open | closed | overdue")
    institution_id: IdText | None = Field(None, description="机构编号")
    complaint_no: Text(40) | None = Field(None, description="来源投诉编号")


def list_filter(args):
    """The list's query arguments (a mapping) as keywords for `rectifications`; 400 if bad."""
    return parse(RectificationFilter, args).model_dump()
