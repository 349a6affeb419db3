"""The one way CareerDesk finds its plug-ins (tabs, Home cards, CLI commands, checks, …).

A plug-in point names where its plug-ins live and which attribute each one exposes:

- ``PluginPoint("careerdesk.cli.commands", "register")``: every module of that package;
- ``PluginPoint("careerdesk.ui", "TAB", module="tab")``: the module called ``tab`` in each
  sub-package of ``careerdesk.ui`` (one per feature: ``careerdesk.ui.learning.tab``, …).

From a source tree the modules are listed with :mod:`pkgutil`. A frozen bundle cannot always
list its own packages, so there the shipped index (:mod:`careerdesk.plugin_index`, written by
``python -m careerdesk.core.kernel.plugins --write``) is used instead; a test fails when the
index and the tree disagree, so a new plug-in cannot be forgotten in the bundle.

Module import must stay cheap for tabs and cards (heavy imports go inside factories).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

INDEX_MODULE = "careerdesk.plugin_index"


@dataclass(frozen=True)
class PluginPoint:
    """Where plug-ins of one kind live, and the attribute each exposes (None: import only)."""

    package: str
    attr: str | None
    module: str | None = None

    @property
    def key(self) -> str:
        return f"{self.package}:{self.module or '*'}"


@dataclass(frozen=True)
class Plugin:
    """One found plug-in: its module and the value of the point's attribute."""

    name: str
    module: ModuleType
    value: Any


def frozen() -> bool:
    """Running from the frozen bundle (no source tree to scan)."""
    return bool(getattr(sys, "frozen", False))


def _listing(paths: list[str]) -> dict[str, bool]:
    """Module names found on ``paths`` (without importing them), each with "is a package"."""
    return {info.name: info.ispkg for info in pkgutil.iter_modules(paths)}


def scan(point: PluginPoint) -> list[str]:
    """Module names of the point's plug-ins, read from the source tree (sorted)."""
    package = importlib.import_module(point.package)
    roots = list(package.__path__)
    children = _listing(roots)
    if point.module is None:
        return sorted(f"{point.package}.{name}" for name in children if not name.startswith("_"))
    # Each sub-package is listed, not imported: start-up pays only for real plug-ins.
    return sorted(
        f"{point.package}.{name}.{point.module}"
        for name, is_package in children.items()
        if is_package and point.module in _listing([str(Path(r) / name) for r in roots])
    )


def _indexed(point: PluginPoint) -> list[str]:
    index: dict[str, tuple[str, ...]] = importlib.import_module(INDEX_MODULE).INDEX
    return list(index.get(point.key, ()))


def plugin_modules(point: PluginPoint) -> list[str]:
    """The point's module names: the shipped index when frozen, else the source tree."""
    if frozen():
        return _indexed(point)
    return scan(point) or _indexed(point)


def discover(point: PluginPoint) -> list[Plugin]:
    """Import the point's plug-ins; those without the attribute are skipped."""
    found = []
    for name in plugin_modules(point):
        module = importlib.import_module(name)
        if point.attr is None:
            found.append(Plugin(name, module, None))
            continue
        value = getattr(module, point.attr, None)
        if value is not None:
            found.append(Plugin(name, module, value))
    return found


# Every plug-in point of the product, so the index can be written and checked in one place.
# Each consumer imports its point from here (names are stable; the strings are not imports).
TABS = PluginPoint("careerdesk.ui", "TAB", module="tab")
HOME_CARDS = PluginPoint("careerdesk.ui", "CARD", module="home_card")
SETTINGS_PAGES = PluginPoint("careerdesk.ui.settings.pages", "PAGE")
PIPELINE_VIEWS = PluginPoint("careerdesk.ui.pipeline.views", "VIEW")
CLI_COMMANDS = PluginPoint("careerdesk.cli.commands", "register")
CLI_IMPORT_KINDS = PluginPoint("careerdesk.cli.commands", "register_import")
CLI_EXPORT_KINDS = PluginPoint("careerdesk.cli.commands", "register_export")
SELFTEST_CHECKS = PluginPoint("careerdesk.selftest.checks", "CHECKS")
DEMO_SEEDERS = PluginPoint("careerdesk.demo.seeders", "seed")
TABLES = PluginPoint("careerdesk.core.storage.tables", None)
CALENDAR_SOURCES = PluginPoint("careerdesk.core.calendar.sources", "register")

ALL_POINTS = (
    TABS,
    HOME_CARDS,
    SETTINGS_PAGES,
    PIPELINE_VIEWS,
    CLI_COMMANDS,
    SELFTEST_CHECKS,
    DEMO_SEEDERS,
    TABLES,
    CALENDAR_SOURCES,
)


def render_index() -> str:
    """The text of :mod:`careerdesk.plugin_index` for the current source tree."""
    lines = [
        '"""Plug-in modules per plug-in point, for the frozen bundle (generated: do not edit).',
        "",
        "Written by ``python -m careerdesk.core.kernel.plugins --write``; a test checks it",
        "against the source tree.",
        '"""',
        "",
        "INDEX: dict[str, tuple[str, ...]] = {",
    ]
    for point in sorted({p.key: p for p in ALL_POINTS}.values(), key=lambda p: p.key):
        lines.append(f'    "{point.key}": (')
        lines.extend(f'        "{name}",' for name in scan(point))
        lines.append("    ),")
    lines.append("}")
    lines.extend(_tab_header_lines())
    return "\n".join(lines) + "\n"


def _tab_header_lines() -> list[str]:
    """``TAB_HEADERS``: each tab's key, title, order, advisor-only flag and whether it installs
    menu actions, so the frozen bundle's window can list its tabs without importing them
    (careerdesk/ui/shell/tabs.py). Read off the ``TAB`` values by attribute: the core does not
    know the GUI's types."""
    lines = [
        "",
        "# Tab headers: (key, title, order, advisor_only, has_actions) per tab module.",
        "TAB_HEADERS: dict[str, tuple[str, str, int, bool, bool]] = {",
    ]
    for name in scan(TABS):
        tab = getattr(importlib.import_module(name), TABS.attr or "", None)
        if tab is None:
            continue
        # Written as the formatter writes it (double quotes), so the file stays formatted.
        fields = (
            json.dumps(tab.key, ensure_ascii=False),
            json.dumps(tab.title, ensure_ascii=False),
            str(int(tab.order)),
            str(bool(tab.advisor_only)),
            str(tab.install_actions is not None),
        )
        lines.append(f'    "{name}": ({", ".join(fields)}),')
    lines.append("}")
    return lines


def main(argv: list[str]) -> int:
    text = render_index()
    if "--write" in argv:
        root = Path(importlib.import_module("careerdesk").__file__ or "").parent
        (root / "plugin_index.py").write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
