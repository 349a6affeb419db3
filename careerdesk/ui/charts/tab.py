"""The Skill charts tab: interview practice and the four skill charts.

This module stays cheap to import (the main window imports every tab module at start-up):
the widget lives in ``careerdesk.ui.charts`` and matplotlib is imported only once the tab is
first shown, in the background (see ``careerdesk.ui.charts.charts_widget``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from careerdesk.ui.shell.tabs import TabSpec

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from careerdesk.ui.shell.context import UiContext


def build(ctx: UiContext) -> QWidget:
    """Build the tab (Qt widgets only; the charts follow when matplotlib has loaded)."""
    from careerdesk.ui.charts.charts_widget import ChartsTab

    return ChartsTab(ctx)


TAB = TabSpec(key="charts", title="Skill charts", order=60, factory=build)
