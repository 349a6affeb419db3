"""Extra views of the Pipeline tab (beside Board and Table), one module per view.

A module here exposes ``VIEW = PipelineView(key, title, order, factory)``; the tab adds a
button for it and builds it the first time it is shown. The Analytics view of the pipeline
intelligence feature plugs in this way, without editing the tab.
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
    from careerdesk.ui.pipeline.store import PipelineStore


@dataclass(frozen=True)
class PipelineView:
    key: str
    title: str
    order: int  # Board is 10, Table 20
    factory: Callable[[UiContext, PipelineStore], QWidget]


def discover_views() -> list[PipelineView]:
    views = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        view = getattr(module, "VIEW", None)
        if isinstance(view, PipelineView):
            views.append(view)
    return sorted(views, key=lambda v: (v.order, v.key))
