"""The Résumés tab. Cheap to import: the widget module is imported when the tab is built."""

from __future__ import annotations

from typing import TYPE_CHECKING

from careerdesk.ui.shell.tabs import TabSpec

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from careerdesk.ui.shell.context import UiContext


def build(ctx: UiContext) -> QWidget:
    from careerdesk.ui.resumes.view import ResumesTab

    return ResumesTab(ctx)


TAB = TabSpec(key="resumes", title="Résumés", order=55, factory=build)
