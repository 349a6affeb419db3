"""House rule 1: the core and the integrations never import Qt; widgets never import SQLAlchemy."""

from __future__ import annotations

import ast
from pathlib import Path

import careerdesk

PACKAGE = Path(careerdesk.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _offenders(folder: str, forbidden: set[str]) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE)} imports {sorted(_imports(path) & forbidden)}"
        for path in sorted((PACKAGE / folder).rglob("*.py"))
        if _imports(path) & forbidden
    ]


def test_core_has_no_qt() -> None:
    assert _offenders("core", {"PySide6", "shiboken6", "matplotlib"}) == []


def test_integrations_have_no_qt() -> None:
    assert _offenders("integrations", {"PySide6", "shiboken6"}) == []


def test_widgets_never_touch_sqlalchemy() -> None:
    assert _offenders("ui", {"sqlalchemy", "alembic"}) == []


def test_the_checker_sees_imports(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport sqlalchemy.orm\n")
    assert _imports(sample) == {"PySide6", "sqlalchemy"}
