"""Main-window tabs: each feature's ``careerdesk.ui.<feature>.tab`` exposes ``TAB: TabSpec``.

Tabs are found automatically and built lazily the first time they are shown. Start-up does not
even import a tab's module: the window needs only each tab's *header* (key, title, order),
which is read from the module's source (``TAB = TabSpec(key=..., title=..., order=...)`` with
literal values) or, in the frozen bundle, from the generated plug-in index. The module is
imported when the tab is first shown, or earlier by the start-up warm-up
(docs/performance.md). Module import must still stay cheap: do heavy imports in the factory.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from careerdesk.core.kernel.plugins import TABS, discover, frozen, plugin_modules

if TYPE_CHECKING:
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow


@dataclass(frozen=True)
class TabSpec:
    key: str
    title: str
    order: int
    factory: Callable[[UiContext], QWidget]
    advisor_only: bool = False
    # Optional: add File → Import/Export (or other) menu actions at start-up.
    install_actions: Callable[[MainWindow, UiContext], None] | None = None


@dataclass(frozen=True)
class TabHeader:
    """What the window shows of a tab before it is built; ``spec()`` imports the module."""

    key: str
    title: str
    order: int
    module: str
    advisor_only: bool = False
    has_actions: bool = False

    def spec(self) -> TabSpec:
        value = getattr(importlib.import_module(self.module), "TAB", None)
        if not isinstance(value, TabSpec):
            raise LookupError(f"{self.module} has no TAB")
        return value

    def as_index_entry(self) -> tuple[str, str, int, bool, bool]:
        return (self.key, self.title, self.order, self.advisor_only, self.has_actions)


def discover_tabs() -> list[TabSpec]:
    """Every feature's tab (``careerdesk.ui.<feature>.tab`` exposing ``TAB``), in order
    (imports every tab module; the window uses :func:`tab_headers`)."""
    specs = [p.value for p in discover(TABS) if isinstance(p.value, TabSpec)]
    return sorted(specs, key=lambda s: (s.order, s.key))


def header_of(spec: TabSpec, module: str) -> TabHeader:
    return TabHeader(
        key=spec.key,
        title=spec.title,
        order=spec.order,
        module=module,
        advisor_only=spec.advisor_only,
        has_actions=spec.install_actions is not None,
    )


_FIELDS = ("key", "title", "order", "advisor_only")


def static_header(module: str) -> TabHeader | None:
    """The header read from the module's source without importing it; None when the source
    is not at hand or ``TAB`` is not a ``TabSpec(...)`` call with literal header fields."""
    try:
        found = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    origin = found.origin if found is not None else None
    if not origin or not origin.endswith(".py") or not Path(origin).is_file():
        return None
    tree = ast.parse(Path(origin).read_text(encoding="utf-8"))
    for node in tree.body:
        if not (
            isinstance(node, ast.Assign)
            and [getattr(t, "id", None) for t in node.targets] == ["TAB"]
            and isinstance(node.value, ast.Call)
            and getattr(node.value.func, "id", None) == "TabSpec"
        ):
            continue
        keywords = {kw.arg: kw.value for kw in node.value.keywords if kw.arg is not None}
        try:
            values = {k: ast.literal_eval(keywords[k]) for k in _FIELDS if k in keywords}
        except ValueError:  # a computed title or order: import the module instead
            return None
        if node.value.args or not {"key", "title", "order"} <= set(values):
            return None
        actions = keywords.get("install_actions")
        return TabHeader(
            key=str(values["key"]),
            title=str(values["title"]),
            order=int(values["order"]),
            module=module,
            advisor_only=bool(values.get("advisor_only", False)),
            has_actions=actions is not None
            and not (isinstance(actions, ast.Constant) and actions.value is None),
        )
    return None


def _indexed_headers() -> list[TabHeader] | None:
    from careerdesk import plugin_index

    entries: dict[str, tuple[str, str, int, bool, bool]] | None = getattr(
        plugin_index, "TAB_HEADERS", None
    )
    if entries is None:
        return None
    return [
        TabHeader(key, title, order, module, advisor_only, has_actions)
        for module, (key, title, order, advisor_only, has_actions) in entries.items()
    ]


# Read once per process (and per source: the tests switch to the frozen index): the window,
# the warm-up and the first screen's preparation all ask, and reading the sources parses
# every tab module — tens of milliseconds the GUI thread must not pay more than once (the
# frozen bundle reads its generated index instead).
_headers: dict[bool, tuple[TabHeader, ...]] = {}
_headers_lock = threading.Lock()


def tab_headers() -> list[TabHeader]:
    """Every tab's header, in order, without importing the tab modules where avoidable."""
    is_frozen = frozen()
    with _headers_lock:  # a second caller waits for the first one's answer
        found = _headers.get(is_frozen)
        if found is None:
            found = _headers[is_frozen] = tuple(_read_headers(is_frozen))
    return list(found)


def _read_headers(is_frozen: bool) -> list[TabHeader]:
    headers = _indexed_headers() if is_frozen else None
    if headers is None:
        headers = []
        for module in plugin_modules(TABS):
            header = static_header(module)
            if header is None:
                value = getattr(importlib.import_module(module), "TAB", None)
                if not isinstance(value, TabSpec):
                    continue
                header = header_of(value, module)
            headers.append(header)
    return sorted(headers, key=lambda h: (h.order, h.key))
