"""Refuse a hostile .xlsx before openpyxl parses any of it.

An .xlsx is a zip of XML parts. A few KB can unpack to gigabytes (a huge XML comment
compresses a thousandfold), and openpyxl would walk every byte. The zip's directory states
each part's unpacked size, and Python's zipfile never yields more than that, so checking
it first bounds the work: a part over its size limit, or large and packed far tighter than
a real spreadsheet ever is, is a clear 400. The XML itself is parsed by defusedxml (no
entities, no DTD tricks): openpyxl uses it when it is installed, and this module refuses
to load if it does not.
"""

import io
import zipfile

import openpyxl.xml

from server.errors import validation_error

if not openpyxl.xml.DEFUSEDXML:  # pragma: no cover - a broken install or OPENPYXL_DEFUSEDXML
    raise ImportError("openpyxl must parse with defusedxml: install it, unset OPENPYXL_DEFUSEDXML")

MB = 1024 * 1024
# 20,000 rows (archive files.MAX_ROWS) of the archive's columns, written with inline strings, are
# 25 MB of sheet XML; shared strings are smaller. Everything else in a real file is KBs.
BULK_PARTS = ("xl/worksheets/", "xl/sharedStrings.xml")
BULK_LIMIT = 64 * MB
OTHER_LIMIT = 4 * MB
MAX_PARTS = 500
# Spreadsheet XML packs 5-20 times; past this ratio a large part is padding, not data.
MAX_RATIO = 200
RATIO_FROM = 1 * MB


def check_parts(data):
    """Raise a 400 naming the part when `data` is an xlsx zip that unpacks too far."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise validation_error({"file": "无法读取该 Excel 文件"}) from None
    if len(infos) > MAX_PARTS:
        raise validation_error(
            {"file": f"Excel 文件内部组成部分过多（{len(infos)} 个），请另存后再导入"}
        )
    for info in infos:
        _check_part(info)


def _check_part(info):
    """One zip entry within its limits."""
    limit = BULK_LIMIT if info.filename.startswith(BULK_PARTS) else OTHER_LIMIT
    packed_tight = info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(
        info.compress_size, 1
    )
    if info.file_size > limit or packed_tight:
        raise validation_error(
            {
                "file": f"Excel 文件中的 {info.filename[:80]} 解压后有 "
                f"{info.file_size / MB:.0f} MB，不像正常的表格，请另存为新文件后再导入"
            }
        )
