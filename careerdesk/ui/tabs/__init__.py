"""Main-window tabs, one module per tab; each exposes ``TAB: TabSpec``.

Tabs are found automatically and built lazily the first time they are shown, so a heavy tab
(charts import matplotlib) costs nothing at start-up. Module import must stay cheap: do heavy
imports inside the factory.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from careerdesk.ui.context import UiContext
    from careerdesk.ui.main_window import MainWindow


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
    specs: list[TabSpec] = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        spec = getattr(module, "TAB", None)
        if isinstance(spec, TabSpec):
            specs.append(spec)
    return sorted(specs, key=lambda s: (s.order, s.key))
