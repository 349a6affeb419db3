"""Main-window tabs: each feature's ``careerdesk.ui.<feature>.tab`` exposes ``TAB: TabSpec``.

Tabs are found automatically and built lazily the first time they are shown, so a heavy tab
(charts import matplotlib) costs nothing at start-up. Module import must stay cheap: do heavy
imports inside the factory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from careerdesk.core.kernel.plugins import TABS, discover

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


def discover_tabs() -> list[TabSpec]:
    """Every feature's tab (``careerdesk.ui.<feature>.tab`` exposing ``TAB``), in order."""
    specs = [p.value for p in discover(TABS) if isinstance(p.value, TabSpec)]
    return sorted(specs, key=lambda s: (s.order, s.key))
