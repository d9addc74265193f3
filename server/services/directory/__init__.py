"""The directory parents search: index, names, lookalikes, nearby, verdicts.

This `__init__` is the domain's face: the names other packages may call (`__all__`).
"""

from server.services.directory.detail_shapes import InstitutionDetail, Point, StaffInstitutionDetail
from server.services.directory.entries import normalize_code
from server.services.directory.finder import (
    check_name,
    institution_document,
    institution_ids,
    meta,
    search,
)
from server.services.directory.item_shapes import InstitutionItem, SimilarInstitution, Verdict
from server.services.directory.names import normalize_name
from server.services.directory.search_args import SearchArgs, parse_search
from server.services.directory.shapes import (
    COURSE_FIELDS,
    LABELLED,
    PLAIN_FIELDS,
    InstitutionRef,
    institution_detail,
    institution_ref,
    institution_staff_item,
)
from server.services.directory.sync import (
    current as current_index,
)
from server.services.directory.sync import (
    is_built as index_is_built,
)
from server.services.directory.sync import (
    rebuild as rebuild_index,
)

__all__ = [
    "check_name",
    "COURSE_FIELDS",
    "current_index",
    "index_is_built",
    "institution_detail",
    "institution_document",
    "institution_ids",
    "institution_ref",
    "institution_staff_item",
    "InstitutionDetail",
    "InstitutionItem",
    "InstitutionRef",
    "LABELLED",
    "meta",
    "normalize_code",
    "normalize_name",
    "parse_search",
    "PLAIN_FIELDS",
    "Point",
    "rebuild_index",
    "search",
    "SearchArgs",
    "SimilarInstitution",
    "StaffInstitutionDetail",
    "Verdict",
]
