"""Reading and writing the archive as spreadsheets (.xlsx, .xls to read, or .csv).

Columns carry the API field names or their Chinese headers (机构名称 ...); `location` is
two columns `lat` (纬度) and `lng` (经度). Codes such as kind and status may be written as
codes or as their Chinese labels. Export writes the Chinese headers and an `id` column,
so an exported file imports back as updates.
"""

from models.choices import (
    INSTITUTION_CATEGORIES,
    INSTITUTION_KINDS,
    INSTITUTION_MODES,
    INSTITUTION_NATURES,
    INSTITUTION_STATUSES,
)
from models.institution import Institution
from server.errors import validation_error
from server.services.common import (
    MEDIA_TYPES,
    cell_text,
    clean_text,
    read_grid,
    writable,
    write_sheet,
)
from server.services.directory import current_index
from server.services.permissions import require

# column key -> headers accepted (the first Chinese one is what export writes)
COLUMNS = {
    "id": ("机构编号",),
    "name": ("机构名称", "名称"),
    "aliases": ("别名", "曾用名"),
    "credit_code": ("统一社会信用代码", "信用代码"),
    "licence_no": ("办学许可证号", "许可证号"),
    "kind": ("机构类型", "类型"),
    "category": ("类别", "非学科类别"),
    "nature": ("性质", "机构性质"),
    "mode": ("办学形式", "办学方式"),
    "district": ("乡镇街道", "乡镇/街道", "所属乡镇", "区域"),
    "address": ("地址", "办学地址"),
    "lat": ("纬度",),
    "lng": ("经度",),
    "phone": ("联系电话", "电话"),
    "status": ("名单状态", "状态"),
    "status_reason": ("状态说明", "原因"),
    "students": ("在读学生数", "学生数"),
    "teachers_total": ("教师总数", "teachers.total"),
    "teachers_qualified": ("持证教师数", "teachers.qualified"),
    "prepaid_bank": ("资金监管银行", "监管银行", "prepaid_account.bank"),
    "prepaid_account": ("资金监管账户", "监管账户", "prepaid_account.account"),
    "business_hours": ("营业时间",),
}
HEADERS = {header: key for key, names in COLUMNS.items() for header in (key, *names)}
LABELLED = {
    "kind": INSTITUTION_KINDS,
    "category": INSTITUTION_CATEGORIES,
    "nature": INSTITUTION_NATURES,
    "mode": INSTITUTION_MODES,
    "status": INSTITUTION_STATUSES,
}
# "体育" as well as "体育类" and "sports"
CODE_OF_LABEL = {
    field: {
        **{text: code for code, text in table.items()},
        **{text.removesuffix("类"): code for code, text in table.items()},
    }
    for field, table in LABELLED.items()
}
MAX_ROWS = 20_000  # a county's archive several times over; more is a mistaken file
ALIAS_SEPARATORS = (";", "；", "、", "|", "\n")


def read_table(filename, data):
    """[(row number, {column key: value})] from an .xlsx, .xls or .csv upload; 400 if
    unreadable."""
    grid = read_grid(filename, data)
    header = next(grid, None)
    if not header:
        raise validation_error({"file": "文件是空的"})
    keys = [HEADERS.get(str(cell).strip()) if cell is not None else None for cell in header]
    if "name" not in keys:
        raise validation_error({"file": "缺少“机构名称”（name）列"})
    rows = []
    for number, cells in enumerate(grid, start=2):
        values = {k: _cell(v) for k, v in zip(keys, cells, strict=False) if k}
        if any(v not in (None, "") for v in values.values()):
            rows.append((number, values))
        if len(rows) > MAX_ROWS:
            raise validation_error({"file": f"一次最多导入 {MAX_ROWS} 行，请分批导入"})
    return rows


FORMULA_STARTS = ("=", "+", "-", "@")


def _cell(value):
    if not isinstance(value, str):
        return value
    value = value.strip()
    if value.startswith("'") and value[1:2] in FORMULA_STARTS:
        return value[1:]  # what export_rows quoted
    return value


def _safe(value):
    """A cell spreadsheet programs will not run as a formula (CSV/formula injection), with
    what the format cannot hold dropped (stored text is never trusted)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + cell_text(value)
    return writable(value)


def row_to_fields(values):
    """The API fields of one row (only the columns it fills), and the status reason."""
    fields = {}
    for key, value in values.items():
        if value in (None, "") or key in ("id", "status_reason"):
            continue
        if key in CODE_OF_LABEL:
            value = CODE_OF_LABEL[key].get(str(value), value)
        if key == "aliases":
            fields["aliases"] = _split_aliases(str(value))
        elif key in ("lat", "lng"):
            fields.setdefault("location", {})[key] = value
        elif key.startswith("teachers_"):
            fields.setdefault("teachers", {})[key.removeprefix("teachers_")] = value
        elif key in ("prepaid_bank", "prepaid_account"):
            part = "bank" if key == "prepaid_bank" else "account"
            fields.setdefault("prepaid_account", {})[part] = str(value)
        elif key in ("credit_code", "licence_no", "phone"):
            fields[key] = str(value)
        else:
            fields[key] = value
    return fields, _reason(values.get("status_reason"))


def _reason(value):
    """The status reason column as clean text (at most 500 characters), or None."""
    if value in (None, ""):
        return None
    try:
        return clean_text(str(value))[:500] or None
    except ValueError:  # a lone surrogate: the reason is dropped, the row still checked
        return None


def _split_aliases(text):
    for separator in ALIAS_SEPARATORS:
        text = text.replace(separator, ",")
    return [part.strip() for part in text.replace("，", ",").split(",") if part.strip()]


def export_rows(docs):
    """Header row and one row per raw institution document, Chinese headers first."""
    keys = list(COLUMNS)
    yield [COLUMNS[k][0] for k in keys]
    for doc in docs:
        yield [_safe(_export_value(doc, key)) for key in keys]


def _export_value(doc, key):
    location = doc.get("location") or {}
    teachers = doc.get("teachers") or {}
    prepaid = doc.get("prepaid_account") or {}
    special = {
        "id": str(doc["_id"]),
        "aliases": "、".join(doc.get("aliases") or []),
        "lat": location.get("lat"),
        "lng": location.get("lng"),
        "teachers_total": teachers.get("total"),
        "teachers_qualified": teachers.get("qualified"),
        "prepaid_bank": prepaid.get("bank"),
        "prepaid_account": prepaid.get("account"),
        "status_reason": None,
    }
    value = special[key] if key in special else doc.get(key)
    if key in LABELLED and value:
        value = LABELLED[key].get(value, value)
    return value


def write_file(rows, file_format):
    """The rows as .xlsx or .csv bytes (CSV with a BOM, so Excel reads the Chinese)."""
    return write_sheet(rows, file_format, title="机构档案")


def export_archive(file_format, *, actor):
    """(bytes, media type, file name) of the whole archive in list order, for staff."""
    require(actor, "work")
    if file_format not in MEDIA_TYPES:
        raise validation_error({"format": "可选值：xlsx、csv"})
    order = {e.id: i for i, e in enumerate(current_index().live())}
    docs = list(Institution._get_collection().find({}, {"status_history": 0}))
    docs.sort(key=lambda doc: order.get(str(doc["_id"]), len(order)))
    data = write_file(export_rows(docs), file_format)
    return data, MEDIA_TYPES[file_format], f"institutions.{file_format}"
