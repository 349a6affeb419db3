"""Extra views of the Pipeline tab (beside Board and Table), one module per view.

A module here exposes ``VIEW = PipelineView(key, title, order, factory)``; the tab adds a
button for it and builds it the first time it is shown. The Analytics view of the pipeline
intelligence feature plugs in this way, without editing the tab.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from careerdesk.core.kernel.plugins import PIPELINE_VIEWS, discover

if TYPE_CHECKING:
    from careerdesk.ui.pipeline.store import PipelineStore
    from careerdesk.ui.shell.context import UiContext


@dataclass(frozen=True)
class PipelineView:
    key: str
    title: str
    order: int  # Board is 10, Table 20
    factory: Callable[[UiContext, PipelineStore], QWidget]


def discover_views() -> list[PipelineView]:
    views = [p.value for p in discover(PIPELINE_VIEWS) if isinstance(p.value, PipelineView)]
    return sorted(views, key=lambda v: (v.order, v.key))
