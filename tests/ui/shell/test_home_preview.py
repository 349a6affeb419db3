"""A returning learner's Home painted from what it last showed, until the live Home has loaded."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.app import App
from careerdesk.ui.home.preview import HomePreview, capture
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.main_window import MainWindow


class _Dial(QWidget):
    """Stands for a widget CareerDesk paints itself (the readiness gauge)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFixedSize(40, 30)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(200, 40, 40))


def _home() -> QWidget:
    home = QWidget()
    layout = QVBoxLayout(home)
    layout.setContentsMargins(24, 18, 24, 18)
    layout.addWidget(QLabel("<h2>Hello, Sam</h2>"))
    card = QFrame()
    card.setFrameShape(QFrame.Shape.StyledPanel)
    grid = QGridLayout(card)
    grid.addWidget(QLabel("Location:"), 0, 0)
    grid.addWidget(QLabel("Leeds <not a tag>"), 0, 1)
    bar = QProgressBar()
    bar.setRange(0, 4)
    bar.setValue(3)
    grid.addWidget(bar, 1, 0, 1, 2)
    layout.addWidget(card)
    row = QHBoxLayout()
    row.addWidget(QPushButton("Take an assessment"))
    row.addWidget(_Dial())
    layout.addLayout(row)
    secret = QLabel("hidden text")
    secret.hide()
    layout.addWidget(secret)
    layout.addStretch(1)
    return home


def test_the_preview_shows_the_same_texts_cards_and_pictures_read_only(qtbot) -> None:  # type: ignore[no-untyped-def]
    home = _home()
    qtbot.addWidget(home)
    home.resize(600, 400)
    home.show()
    qtbot.waitExposed(home)
    document = json.loads(json.dumps(capture(home)))  # it is stored as JSON

    preview = HomePreview(document)
    qtbot.addWidget(preview)
    texts = [label.text() for label in preview.findChildren(QLabel) if label.text()]
    assert texts == ["<h2>Hello, Sam</h2>", "Location:", "Leeds <not a tag>"]
    plain = next(lb for lb in preview.findChildren(QLabel) if lb.text().startswith("Leeds"))
    assert plain.textFormat().name == "PlainText"  # "<not a tag>" stays text, as it was shown
    assert len(preview.findChildren(QFrame)) >= 1
    (bar,) = preview.findChildren(QProgressBar)
    assert bar.value() == 75  # 3 of 0–4
    (button,) = preview.findChildren(QPushButton)
    assert button.text() == "Take an assessment"
    assert not button.isEnabled()  # nothing is clickable until the live Home takes over
    pictures = [lb for lb in preview.findChildren(QLabel) if not lb.pixmap().isNull()]
    assert len(pictures) == 1
    image = pictures[0].pixmap().toImage()
    assert image.pixelColor(5, 5) == QColor(200, 40, 40)
    assert "hidden text" not in json.dumps(document)


def test_a_damaged_document_paints_an_empty_preview_rather_than_failing(qtbot) -> None:  # type: ignore[no-untyped-def]
    for document in ({}, {"root": "x"}, {"root": {"box": [1, {"label": 3}, {"picture": "!!"}]}}):
        preview = HomePreview(document)
        qtbot.addWidget(preview)
        assert [lb.text() for lb in preview.findChildren(QLabel) if lb.text()] == []


@pytest.fixture
def early_window(qtbot) -> Iterator[tuple[UiContext, MainWindow]]:  # type: ignore[no-untyped-def]
    ctx = UiContext(kiosk=False, early_window_state=(None, None))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    yield ctx, window
    if ctx.ready:
        ctx.runner.wait_idle(10)
        ctx.shutdown()


def test_the_preview_stays_until_the_live_home_has_its_data_then_gives_way(
    qtbot, sqlite_app: App, early_window: tuple[UiContext, MainWindow]
) -> None:  # type: ignore[no-untyped-def]
    ctx, window = early_window
    profile = sqlite_app.profiles.create("Sam")
    window.show_home_preview(HomePreview({"root": {"label": "Hello, Sam (as last shown)"}}))
    window.show()
    qtbot.waitExposed(window)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Home"
    preview = window.findChild(HomePreview)
    assert preview is not None and preview.isVisible()
    assert window.home_capture() is None  # nothing live to keep yet

    with qtbot.waitSignal(
        ctx.screen_ready, check_params_cb=lambda key: key == "home", timeout=20000
    ):
        ctx.attach(sqlite_app)
        ctx.set_profile(profile.id)
        # The live Home is built behind the preview: the learner never sees it empty.
        assert window.findChild(HomePreview) is not None
    qtbot.waitUntil(lambda: window.findChild(HomePreview) is None, timeout=5000)
    home = window.tab_widget("home")
    assert home.isVisible()
    kept = json.dumps(window.home_capture())
    assert "Hello, Sam" in kept and "as last shown" not in kept


def test_at_start_up_the_window_is_wired_in_turns_around_the_preview_it_keeps(
    qtbot, sqlite_app: App, early_window: tuple[UiContext, MainWindow]
) -> None:  # type: ignore[no-untyped-def]
    """What ``Startup`` does: attach with ``populate_in_turns``, then open the profile.

    The early tabs (and the preview in the Home tab) are kept, not built again; until the
    window is wired the File menu stays off; then the live Home takes the preview's place."""
    ctx, window = early_window
    profile = sqlite_app.profiles.create("Sam")
    sqlite_app.settings.last_profile_id = profile.id
    window.show_home_preview(HomePreview({"root": {"label": "Hello, Sam (as last shown)"}}))
    window.show()
    qtbot.waitExposed(window)
    early = [window.tabs.widget(i) for i in range(window.tabs.count())]
    preview = window.findChild(HomePreview)
    window.populate_in_turns = True
    with qtbot.waitSignal(window.populated, timeout=20000):
        ctx.attach(sqlite_app)
        assert not window.file_menu.isEnabled()  # nothing is wired in the attach itself
    assert window.file_menu.isEnabled()
    # The same tab objects, the preview never moved (advisor tools are off by default).
    assert [window.tabs.widget(i) for i in range(window.tabs.count())] == early
    assert window.findChild(HomePreview) is preview
    assert window.tab_titles() == [
        "Home",
        "Assessments",
        "Learning",
        "Player",
        "Insights",
        "Pipeline",
        "Résumés",
        "Skill charts",
    ]
    assert [a.text() for a in window.view_menu.actions()][:2] == ["Home", "Assessments"]
    # The live Home was built behind the preview card by card, in the Home's order
    # (readiness 0, next steps 20, follow-ups 30, target role 50), above the milestones.
    home = window.tabs.widget(0).content
    assert list(home.cards) == ["readiness", "next", "followups", "target_role"]
    layout = home._content_layout
    in_layout = [layout.itemAt(i).widget() for i in range(layout.count() - 1)]
    assert in_layout == [*home.cards.values(), home.workflow]
    assert home.deferred == []
    assert not window.populate_in_turns  # later rebuilds build at once
    with qtbot.waitSignal(
        ctx.screen_ready, check_params_cb=lambda key: key == "home", timeout=20000
    ):
        ctx.set_profile(profile.id)
    qtbot.waitUntil(lambda: window.findChild(HomePreview) is None, timeout=5000)
    assert window.tab_widget("home").isVisible()
    assert "Hello, Sam" in json.dumps(window.home_capture())


def test_the_advisor_tab_is_added_to_the_kept_tabs_when_advisor_tools_are_on(
    qtbot, sqlite_app: App, early_window: tuple[UiContext, MainWindow]
) -> None:  # type: ignore[no-untyped-def]
    ctx, window = early_window
    sqlite_app.settings.advisor.show_tools = True
    window.show_home_preview(HomePreview({"root": {"label": "Hello (as last shown)"}}))
    home_tab = window.tabs.widget(0)
    window.populate_in_turns = True
    with qtbot.waitSignal(window.populated, timeout=20000):
        ctx.attach(sqlite_app)
    assert window.tab_titles()[-1] == "Advisor" and len(window.tab_titles()) == 9
    assert window.tabs.widget(0) is home_tab
