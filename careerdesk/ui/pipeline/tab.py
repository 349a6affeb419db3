"""The Pipeline tab: its spec, and File → Import/Export of applications and the calendar.

The widget is :class:`careerdesk.ui.pipeline.pipeline_widget.PipelineTab`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from careerdesk.ui.shell.tabs import TabSpec

if TYPE_CHECKING:
    from careerdesk.ui.pipeline.pipeline_widget import PipelineTab
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

__all__ = ["TAB"]


def _build(ctx: UiContext) -> PipelineTab:
    # The board's module is large: imported when the tab is first built (or by the warm-up).
    from careerdesk.ui.pipeline.pipeline_widget import PipelineTab

    return PipelineTab(ctx)


def _install_actions(window: MainWindow, ctx: UiContext) -> None:
    def tab() -> PipelineTab:
        from careerdesk.ui.pipeline.pipeline_widget import PipelineTab

        built = window.show_tab("pipeline")
        assert isinstance(built, PipelineTab)  # the "pipeline" tab's factory builds one
        return built

    imp = QAction("&Applications (spreadsheet or CareerDesk file)…", window)
    imp.triggered.connect(lambda: tab().import_applications())
    window.import_menu.addAction(imp)
    for fmt, text in (
        ("json", "Applications as a CareerDesk &file (everything)…"),
        ("csv", "Applications as a &spreadsheet (CSV)…"),
    ):
        action = QAction(text, window)
        action.triggered.connect(lambda _c=False, f=fmt: tab().export_applications(f))
        window.export_menu.addAction(action)
    # Interviews and deadlines are the calendar's entries: File → Export → Calendar and
    # background sync come with the pipeline.
    from careerdesk.ui.calendar.actions import install_calendar

    install_calendar(window, ctx)


TAB = TabSpec(
    key="pipeline",
    title="Pipeline",
    order=50,
    factory=_build,
    install_actions=_install_actions,
)
