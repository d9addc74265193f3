"""The house's layering, checked on the source: which packages may import what."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path):
    """Every module a file imports, at top level or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def sources(folder):
    """The Python files under `folder`, relative to the project root."""
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("server/services", ("flask", "flask_restx", "werkzeug.wrappers", "werkzeug.exceptions")),
        ("models", ("server", "mini_program_api", "flask")),
        ("server/wechat", ("server.services", "server.staff_api", "mini_program_api")),
        ("server/db", ("server.services", "server.staff_api", "server.console", "flask")),
        ("server/emulators", ("server.services", "server.staff_api", "mini_program_api")),
    ],
)
def test_a_layer_never_imports_the_layers_above_it(folder, forbidden):
    offending = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sources(folder)
        for name in imported_modules(path)
        if any(name == top or name.startswith(top + ".") for top in forbidden)
    ]
    assert offending == []


def test_services_are_grouped_by_domain():
    services = ROOT / "server/services"
    top_level = sorted(p.name for p in services.glob("*.py"))
    folders = [p for p in services.iterdir() if p.is_dir() and p.name != "__pycache__"]
    assert top_level == ["__init__.py"], "a service module belongs in its domain's package"
    assert [p.name for p in folders if not (p / "__init__.py").exists()] == []
    assert len(folders) >= 11, sorted(p.name for p in folders)


def test_every_domain_has_a_face():
    """Each domain's __init__.py says what others may call (`__all__`), and exports it."""
    faceless = []
    for init in sorted((ROOT / "server/services").glob("*/__init__.py")):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        exported = [
            node
            for node in tree.body
            if isinstance(node, ast.Assign)
            and any(getattr(target, "id", None) == "__all__" for target in node.targets)
        ]
        if not exported or not ast.literal_eval(exported[0].value):
            faceless.append(init.parent.name)
    assert faceless == []


def test_a_face_names_exactly_what_it_imports():
    """No star import, and `__all__` lists each name the face binds, nothing else."""
    mismatched = {}
    for init in sorted((ROOT / "server/services").glob("*/__init__.py")):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        bound = {
            alias.asname or alias.name
            for node in tree.body
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
        listed = next(
            set(ast.literal_eval(node.value))
            for node in tree.body
            if isinstance(node, ast.Assign)
            and any(getattr(target, "id", None) == "__all__" for target in node.targets)
        )
        if bound != listed:
            mismatched[init.parent.name] = sorted(bound ^ listed)
    assert mismatched == {}


def test_a_domain_uses_another_through_its_face_only():
    """Inside server/services too: no module of one domain imports another domain's modules
    (`server.services.other.module`, or `from server.services.other import module`)."""
    services = ROOT / "server/services"
    offending = []
    for path in sources("server/services"):
        own = path.relative_to(services).parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.module):
                continue
            parts = node.module.split(".")
            if parts[:2] != ["server", "services"] or len(parts) < 3 or parts[2] == own:
                continue
            inner = [
                alias.name
                for alias in node.names
                if (services / parts[2] / f"{alias.name}.py").exists()
                or (services / parts[2] / alias.name / "__init__.py").exists()
            ]
            if len(parts) > 3 or inner:
                offending.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module} {inner}")
    assert offending == []


COMPLAINTS = ROOT / "server/services/complaints"


def _is_database(node):
    """Whether an expression reads as the database (a call, or a name like `db`)."""
    name = getattr(node, "id", None) or getattr(node, "attr", None) or ""
    return isinstance(node, ast.Call) or name.lower().endswith(("db", "database"))


def touches_the_complaints_collection(path):
    """Lines of `path` that reach the complaints collection (Complaint.objects, its raw
    collection, or the Complaint document itself)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "models.complaint":
            if any(alias.name == "Complaint" for alias in node.names):
                yield node.lineno
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.slice, ast.Constant)
            and node.slice.value == "complaints"
            and _is_database(node.value)  # get_db()["complaints"], db["complaints"]
        ):
            yield node.lineno


def test_only_the_complaints_package_reaches_the_complaints_collection():
    offending = [
        f"{path.relative_to(ROOT)}:{line}"
        for folder in ("server", "mini_program_api")
        for path in sources(folder)
        if COMPLAINTS not in path.parents
        for line in touches_the_complaints_collection(path)
    ]
    assert offending == []


# Imports inside a function, each with its reason; none may dodge an import cycle (a cycle
# is a design to fix). What is listed is kept off the production path or loaded late.
LATE_IMPORTS = {
    # The emulators stand in for MongoDB and WeChat in demo mode and tests only: production
    # never loads them (nor mongomock).
    ("server/db/__init__.py", "mongomock"),
    ("server/db/__init__.py", "mongomock.gridfs"),
    ("server/db/__init__.py", "server.emulators.mongo"),
    ("server/db/__init__.py", "server.emulators.mongo.failover"),
    ("server/wechat/__init__.py", "server.emulators.wechat.fake"),
    ("server/emulators/news/__init__.py", "server.emulators.news.mailbox"),
    ("server/emulators/news/__init__.py", "server.emulators.news.wecom_robot"),
    # Large data read on first use only: the common-password frequency lists (~20 MB in
    # memory) and the CJK font for PDF posters.
    ("server/services/admin/password_policy.py", "zxcvbn.frequency_lists"),
    ("server/services/archive/fonts.py", "pylopdf_fonts_zh_cn"),
}


def late_imports(path):
    """(path, module) for each import placed inside a function of `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import):
                    yield from ((path, alias.name) for alias in node.names)
                elif isinstance(node, ast.ImportFrom):
                    yield path, node.module


def test_imports_sit_at_the_top_of_the_module_unless_listed_with_a_reason():
    found = {
        (str(path.relative_to(ROOT)), module)
        for folder in ("server", "mini_program_api", "models")
        for path in sources(folder)
        for path, module in late_imports(path)
    }
    assert found - LATE_IMPORTS == set()
    assert LATE_IMPORTS - found == set(), "a listed late import is gone: drop it from the list"


HAND_WRITTEN_MODELS = {"model", "schema_model", "inherit", "clone", "Model", "SchemaModel"}


def test_no_http_module_writes_a_response_model_by_hand():
    """Every answer's Swagger model comes from its domain's Shape (`registry.shape`); only
    the error and page envelopes are written as restx models, in server/api_responses.py."""
    written = []
    for folder in ("server/staff_api", "mini_program_api"):
        for path in sources(folder):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                called = getattr(node, "func", None)
                name = getattr(called, "attr", None) or getattr(called, "id", None)
                if isinstance(node, ast.Call) and name in HAND_WRITTEN_MODELS:
                    written.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}(...)")
    assert written == []
