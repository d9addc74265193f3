"""What the directory's searches answer, declared once: the list item parents see, a
lookalike beside a verdict, and the verdict on a name (the Swagger models come from these).

Both are hot paths, so the finder answers through `Shape.pick` (declared keys in declared
order, unvalidated); the Swagger response tests check the values.
"""

from typing import Literal

from server.services.common import Shape, described
from server.services.directory.detail_shapes import Point
from server.services.directory.shapes import institution_item

Text = str | None
VERDICTS = ("whitelist", "blacklist", "suspended", "revoked", "pending")
VERDICTS += ("not_listed", "ambiguous")


class InstitutionItem(Shape):
    """A directory list item (kind and category labels come from GET /meta)."""

    id: str
    name: str
    status: str
    status_label: Text
    kind: Text
    category: Text
    district: Text
    address: Text
    location: Point | None
    distance_m: described(float, "离所给坐标的距离（米），仅按位置查询时") = None


class SimilarInstitution(InstitutionItem):
    """A listed institution whose name is like the one checked (never the answer itself)."""

    similarity: described(float, "名称相似度 0..1")
    same_pronunciation: described(bool, "读音相同（如 起航 与 启航）") = None


class Verdict(Shape):
    """Is this institution allowed? The verdict on an exact (normalised) name."""

    verdict: Literal[VERDICTS]
    verdict_label: str
    message: str
    institution: InstitutionItem | None
    similar: list[SimilarInstitution]


def parent_item(entry, distance_m=None):
    """A directory list item for parents, as `InstitutionItem` declares it."""
    return InstitutionItem.pick(institution_item(entry, distance_m))
