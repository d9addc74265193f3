"""The staff work list's query arguments as one model: the HTTP layers parse, reading filters."""

from pydantic import Field

from models.choices import COMPLAINT_STATUSES
from server.services.common.args import Codes, Flag, PageArgs
from server.services.common.fields import IdText, Text


class ComplaintListArgs(PageArgs):
    """`?queue=&status=a,b&overdue=&institution_id=&q=&page=&per_page=`."""

    reasons = {
        "status": "未知的状态",
        "overdue": "只能是 true 或 false",
        "institution_id": "机构编号格式不正确",
    }
    queue: Text(40) | None = Field(None, description="队列 key 或 id")
    status: Codes(COMPLAINT_STATUSES, "未知的状态") = Field(None, description="状态（可逗号分隔）")
    overdue: Flag = Field(None, description="true / false")
    institution_id: IdText | None = Field(None, description="机构 id")
    q: Text(100) | None = Field(None, description="编号或文字")
