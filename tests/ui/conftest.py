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
    from careerdesk.ui.common import scope

    scope.bind(ctx)  # the desktop gate and file dialogs consult this test's context
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


@pytest.fixture
def launches() -> Iterator[list[str]]:
    """Record what the desktop gate hands to the desktop (nothing really opens)."""
    from careerdesk.ui.common import desktop

    opened: list[str] = []

    def record(url):  # type: ignore[no-untyped-def]
        opened.append(url.toString())
        return True

    previous = desktop.set_launcher(record)
    yield opened
    desktop.set_launcher(previous)


@pytest.fixture(autouse=True)
def _one_locale() -> Iterator[None]:
    """UI text is formatted through QLocale (ui/common/formatting.py): pin it, so expected
    strings do not depend on the machine running the tests."""
    from PySide6.QtCore import QLocale

    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(previous)
