"""The directory search's query arguments, parsed once into the keywords `search` takes."""

from typing import Annotated

from pydantic import Field

from models.choices import INSTITUTION_CATEGORIES, INSTITUTION_KINDS, INSTITUTION_STATUSES
from server.errors import validation_error
from server.services.common import Choice, Latitude, Longitude, PageArgs, Text, parse

DEFAULT_RADIUS_M = 3000
MAX_RADIUS_M = 50000
MAX_QUERY_LENGTH = 100


class SearchArgs(PageArgs):
    """`?q=&district=&kind=&category=&status=&lat=&lng=&radius_m=&page=&per_page=`."""

    reasons = {"radius_m": f"范围为 1 到 {MAX_RADIUS_M} 米"}
    q: Text(MAX_QUERY_LENGTH) | None = Field(
        None, description="名称或别名的任意片段、全拼、拼音首字母、办学许可证号或统一社会信用代码"
    )
    district: Text(40) | None = Field(None, description="乡镇/街道")
    kind: Choice(INSTITUTION_KINDS) = Field(None, description="机构类型")
    category: Choice(INSTITUTION_CATEGORIES) = Field(None, description="非学科类机构的类别")
    status: Choice(INSTITUTION_STATUSES) = Field(None, description="名单状态")
    lat: Latitude | None = Field(
        None, description="纬度（GCJ-02）；与 lng 同时提供时按距离由近到远排序"
    )
    lng: Longitude | None = Field(None, description="经度（GCJ-02）")
    radius_m: Annotated[int, Field(ge=1, le=MAX_RADIUS_M)] | None = Field(
        None, description=f"搜索半径（米），默认 {DEFAULT_RADIUS_M}，最大 {MAX_RADIUS_M}"
    )


def _near(found):
    """(lat, lng, radius_m) when a point is given; both coordinates or neither."""
    if found.lat is None and found.lng is None:
        if found.radius_m is not None:
            raise validation_error({"lat": "按距离搜索需要同时提供 lat 和 lng"})
        return None
    if found.lat is None or found.lng is None:
        missing = "lat" if found.lat is None else "lng"
        raise validation_error({missing: "按距离搜索需要同时提供 lat 和 lng"})
    return found.lat, found.lng, found.radius_m or DEFAULT_RADIUS_M


def parse_search(args):
    """The search keywords from a query mapping; 400 naming each bad argument."""
    found = parse(SearchArgs, args)
    return {
        "q": found.q or "",
        "filters": {
            "kind": found.kind,
            "category": found.category,
            "status": found.status,
            "district": found.district or None,
        },
        "near": _near(found),
        "page": found.page,
        "per_page": found.per_page,
    }
