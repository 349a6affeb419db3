"""Qt fixtures: a UiContext on a fresh SQLite app with one profile."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from careerdesk.app import App


@pytest.fixture
def ui_ctx(sqlite_app: App, qtbot) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from careerdesk.ui.shell.context import UiContext

    profile = sqlite_app.profiles.create("Tester")
    ctx = UiContext(sqlite_app, profile_id=profile.id)
    yield ctx
    ctx.runner.wait_idle(10)
    ctx.shutdown()


@pytest.fixture
def main_window(ui_ctx, qtbot) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from careerdesk.ui.shell.main_window import MainWindow

    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    ui_ctx.runner.wait_idle(10)
