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
    top_level = [p.name for p in (ROOT / "server/services").glob("*.py")]
    domains = [p.name for p in (ROOT / "server/services").iterdir() if (p / "__init__.py").exists()]
    assert len(top_level) <= 12, top_level
    assert len(domains) >= 8, domains
