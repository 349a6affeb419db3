"""House rule 1, checked on the source: who may import what.

- ``careerdesk.core`` imports no Qt, no matplotlib, and none of ``careerdesk.ui``,
  ``careerdesk.integrations``, ``careerdesk.render`` or the composition root;
- ``careerdesk.integrations`` imports no Qt (but the media prober ``media_qt.py``: QtCore and
  QtMultimedia only, see ``ALLOWED``) and no ``careerdesk.ui``;
- ``careerdesk.render`` (charts and reports drawn without Qt) imports no Qt and no ``ui``;
- ``careerdesk.ui`` imports neither SQLAlchemy nor Alembic nor ``careerdesk.integrations``
  (it asks the app for a service or an adapter).

Imports inside ``if TYPE_CHECKING:`` count too: a type is a dependency as well.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import careerdesk

PACKAGE = Path(careerdesk.__file__).parent


def imports_of(path: Path) -> set[str]:
    """Every absolute module name ``path`` imports (``from a.b import c`` gives ``a.b`` and
    ``a.b.c``: c may be a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _hits(names: set[str], forbidden: tuple[str, ...]) -> list[str]:
    return sorted(n for n in names if any(n == f or n.startswith(f + ".") for f in forbidden))


# The one adapter allowed Qt, and only these modules of it: the media prober reads videos
# with the QtMultimedia backend the Player ships with (docs/ARCHITECTURE.md).
ALLOWED = {"integrations/media_qt.py": ("PySide6.QtCore", "PySide6.QtMultimedia")}


def offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    out = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        allowed = ALLOWED.get(path.relative_to(PACKAGE).as_posix(), ())
        hits = [h for h in _hits(imports_of(path), forbidden) if not _hits({h}, allowed)]
        if hits:
            out.append(f"{path.relative_to(PACKAGE)} imports {hits}")
    return out


QT = ("PySide6", "shiboken6")

RULES = {
    "core": (
        *QT,
        "matplotlib",
        "careerdesk.ui",
        "careerdesk.integrations",
        "careerdesk.render",
        "careerdesk.app",
        "careerdesk.wiring",
        "careerdesk.cli",
    ),
    "integrations": (*QT, "careerdesk.ui", "careerdesk.cli"),
    "render": (*QT, "careerdesk.ui", "careerdesk.integrations"),
    "ui": ("sqlalchemy", "alembic", "careerdesk.integrations"),
}


@pytest.mark.parametrize("folder", sorted(RULES))
def test_layer_rules(folder: str) -> None:
    assert offenders(folder, RULES[folder]) == []


def test_the_checker_sees_every_form_of_import(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "import sqlalchemy.orm\n"
        "from careerdesk.integrations import github\n"
        "def f():\n"
        "    from PySide6.QtCore import QObject\n"
        "if TYPE_CHECKING:\n"
        "    from careerdesk.ui.shell.context import UiContext\n"
    )
    names = imports_of(sample)
    assert _hits(names, RULES["ui"]) == [
        "careerdesk.integrations",
        "careerdesk.integrations.github",
        "sqlalchemy.orm",
    ]
    assert _hits(names, ("PySide6",)) == ["PySide6.QtCore", "PySide6.QtCore.QObject"]
    assert _hits(names, ("careerdesk.ui",)) == [
        "careerdesk.ui.shell.context",
        "careerdesk.ui.shell.context.UiContext",
    ]
