"""The staff work list's query arguments as one model: the HTTP layers parse, reading filters."""

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
    queue: Text(40) | None = None
    status: Codes(COMPLAINT_STATUSES, "未知的状态") = None
    overdue: Flag = None
    institution_id: IdText | None = None
    q: Text(100) | None = None
