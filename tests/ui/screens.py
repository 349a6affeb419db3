"""The demo profile's main window and main dialogs, shared by the screen-wide UI tests
(test_screens_fit, test_keyboard, test_date_fields)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QDialog

from careerdesk.ui.common import theme


@pytest.fixture
def demo_window(demo_app: Any, qtbot: Any) -> Iterator[Any]:
    from careerdesk.demo import DEMO_NAME
    from careerdesk.ui.common import scope
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

    profile = demo_app.profiles.by_name(DEMO_NAME)
    ctx = UiContext(demo_app, profile_id=profile.id)
    scope.bind(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    ctx.runner.wait_idle(10)
    ctx.shutdown()
    # Free the window before putting the light theme back: re-styling every widget of a
    # fully built demo window cost 7 s per test, for a window nobody looks at again.
    window.hide()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply("light")
    app.setStyleSheet("")


def main_dialogs(window: Any) -> Iterator[tuple[str, QDialog]]:
    from careerdesk.core.pipeline.service import ApplicationService
    from careerdesk.ui.pipeline.new_dialog import NewApplicationDialog
    from careerdesk.ui.profiles.details_dialog import ProfileDetailsDialog
    from careerdesk.ui.profiles.dialog import ProfilesDialog
    from careerdesk.ui.settings.dialog import SettingsDialog
    from careerdesk.ui.shell.about import AboutDialog

    ctx = window.ctx
    yield "about", AboutDialog(window)
    yield "profiles", ProfilesDialog(ctx, window)
    yield "profile details", ProfileDetailsDialog(ctx, ctx.profile_id, window)
    svc = ctx.service(ApplicationService)
    yield "new application", NewApplicationDialog(svc, ctx.profile_id, window)
    settings = SettingsDialog(ctx, window)
    yield "settings", settings
