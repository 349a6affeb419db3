"""Insights tab spec. Widgets load on first show; the refresher starts with the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from careerdesk.ui.shell.tabs import TabSpec

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow


def _build(ctx: UiContext) -> QWidget:
    from careerdesk.ui.insights.insights_widget import InsightsTab

    return InsightsTab(ctx)


def _install(window: MainWindow, ctx: UiContext) -> None:
    """Start listening for changes at once (before the tab is opened) and add the export."""
    from careerdesk.ui.insights.actions import export_recommendations
    from careerdesk.ui.insights.refresher import refresher_for

    refresher_for(ctx)
    action = window.export_menu.addAction("Career &recommendations (CSV)…")
    action.triggered.connect(lambda: export_recommendations(window, ctx))


TAB = TabSpec(key="insights", title="Insights", order=40, factory=_build, install_actions=_install)
