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
from server.services.archive.importing import import_file, import_rows
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
    "CodeArgs",
    "DEFAULT_WIDTH",
    "InstitutionFields",
    "StatusChangeInput",
    "change_status",
    "create_institution",
    "export_archive",
    "find_institution",
    "get_institution",
    "import_file",
    "import_rows",
    "institution_code",
    "institution_poster",
    "read_table",
    "remove_institution",
    "staff_detail",
    "staff_search",
    "update_institution",
]
