"""Hostile .xlsx imports: parts that unpack far past their packed size are refused before any
XML is parsed, and entity tricks are refused by defusedxml (the parser openpyxl uses)."""

import io
import time
import zipfile

import openpyxl.xml
import pytest
from openpyxl import Workbook

from models.institution import Institution
from tests.support.directory_helpers import STAFF

HEADERS = ["机构名称", "机构类型", "乡镇/街道"]
MB = 1024 * 1024


def workbook_bytes(rows=(("启航英语培训学校", "学科类", "城关街道"),)):
    """A small real .xlsx (shared strings, as Excel writes them)."""
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_part(data, name, rewrite):
    """`data` with part `name` replaced by what `rewrite(old_bytes, sink)` writes to `sink`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename == name:
                with target.open(name, "w", force_zip64=True) as sink:
                    rewrite(source.read(name), sink)
            else:
                target.writestr(info, source.read(info.filename))
    return out.getvalue()


def comment_of(megabytes):
    """A rewrite that puts an XML comment of `megabytes` MB before the root element."""

    def rewrite(old, sink):
        declaration, mark, rest = old.partition(b"?>")
        head, body = (declaration + mark, rest) if mark else (b"", old)
        sink.write(head + b"<!--")
        chunk = b"a" * MB
        for _ in range(megabytes):
            sink.write(chunk)
        sink.write(b"-->" + body)

    return rewrite


def upload(admin, data, status):
    return admin.post(
        f"{STAFF}/import",
        data={"file": (io.BytesIO(data), "archive.xlsx")},
        content_type="multipart/form-data",
        status=status,
    )


@pytest.mark.parametrize(
    ("part", "megabytes"),
    [
        ("xl/worksheets/sheet1.xml", 17),
        ("xl/styles.xml", 17),
        ("docProps/core.xml", 100),
    ],
)
def test_a_part_that_unpacks_huge_is_refused_fast_and_named(admin, part, megabytes):
    data = with_part(workbook_bytes(), part, comment_of(megabytes))
    assert len(data) < 2 * MB  # small on the wire: the danger is what it unpacks to
    started = time.perf_counter()
    answer = upload(admin, data, status=400)
    elapsed = time.perf_counter() - started
    print(f"\n{part} +{megabytes} MB comment ({len(data) // 1024} KB file): {elapsed:.2f} s")
    assert elapsed < 5, f"took {elapsed:.1f}s"
    assert answer["code"] == "validation_error"
    assert part in answer["errors"]["file"]
    assert "MB" in answer["errors"]["file"]
    assert Institution.objects.count() == 0


def test_the_same_file_without_the_comment_imports(admin):
    answer = upload(admin, workbook_bytes(), status=200)
    assert answer["created"] == 1


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


def test_an_xml_entity_is_refused_not_expanded(admin):
    """The stdlib parser would expand &h; into the header 机构名称 and import the row;
    defusedxml refuses any entity declaration."""

    def entity_header(old, sink):
        name = "机构名称".encode()
        assert old.count(name) == 1
        doctype = b'<!DOCTYPE worksheet [<!ENTITY h "' + name + b'">]>'
        sink.write(doctype + old.replace(name, b"&h;"))

    data = with_part(workbook_bytes(), "xl/worksheets/sheet1.xml", entity_header)
    answer = upload(admin, data, status=400)
    assert answer["errors"]["file"] == "无法读取该 Excel 文件"
    assert Institution.objects.count() == 0
