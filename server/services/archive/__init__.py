"""The institution archive admins keep: records, fields, files, import, codes, posters.

This `__init__` is the domain's face: the names other packages may call (`__all__`).
"""

from server.services.archive.codes import (
    DEFAULT_WIDTH,
    CodeArgs,
    find_institution,
    institution_code,
    institution_poster,
)
from server.services.archive.fields import InstitutionFields
from server.services.archive.files import export_archive, read_table
from server.services.archive.importing import ImportResult, ImportRowError, import_file, import_rows
from server.services.archive.list_shapes import ImportFailed, StaffInstitutionItem
from server.services.archive.records import (
    StatusChangeInput,
    change_status,
    create_institution,
    get_institution,
    remove_institution,
    staff_detail,
    staff_search,
    update_institution,
)

__all__ = [
    "change_status",
    "CodeArgs",
    "create_institution",
    "DEFAULT_WIDTH",
    "export_archive",
    "find_institution",
    "get_institution",
    "import_file",
    "import_rows",
    "ImportFailed",
    "ImportResult",
    "ImportRowError",
    "institution_code",
    "institution_poster",
    "InstitutionFields",
    "read_table",
    "remove_institution",
    "staff_detail",
    "staff_search",
    "StaffInstitutionItem",
    "StatusChangeInput",
    "update_institution",
]
