"""The company card window: reachable from board, table and detail panel; edit; research."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from careerdesk.core.companies.service import CompanyService
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State
from careerdesk.ui.companies import open_card
from tests.fakes.github_server import FakeGitHub


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGitHub]:
    with FakeGitHub() as fake:
        fake.add_org("acme", [("Python", False), ("Python", False), ("Go", False)])
        monkeypatch.setenv("CAREERDESK_GITHUB_BASE_URL", fake.base_url)
        yield fake


@pytest.fixture
def acme(ui_ctx) -> int:  # type: ignore[no-untyped-def]
    svc = ui_ctx.service(ApplicationService)
    a = svc.create(
        ui_ctx.profile_id,
        {
            "company": "Acme Ltd",
            "title": "Data Analyst",
            "state": State.APPLIED,
            "location": "Leeds",
            "description": "We use SQL, Python and Tableau daily.",
        },
    )
    svc.create(ui_ctx.profile_id, {"company": "ACME", "title": "Data Engineer"})
    return a.id


@pytest.fixture(autouse=True)
def close_cards(ui_ctx) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Close card windows a test left open (they delete themselves on close)."""
    yield
    from careerdesk.ui import companies

    for window in companies.open_windows():
        window._loaded_fields = None  # no unsaved-changes question at teardown
        window.close()
    ui_ctx.runner.wait_idle(5)


def _card(qtbot, window):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.card is not None, timeout=5000)
    return window.card


def test_card_shows_history_stack_and_saves_edits(qtbot, ui_ctx, acme: int) -> None:  # type: ignore[no-untyped-def]
    window = open_card(ui_ctx, "acme")
    card = _card(qtbot, window)
    assert card.name == "Acme Ltd" and len(card.history) == 2
    assert "Data Analyst" in window.history.text() and "Data Engineer" in window.history.text()
    assert "Tableau" in window.stack.text()
    assert window.location.text() == "Leeds"
    assert "website" in window.unknown.text()
    before = window.completeness.value()
    window.website.setText("acme.example")
    window.industry.setText("Retail")
    window.links.setPlainText("https://acme.example/careers")
    assert window.is_dirty()
    window.save()
    qtbot.waitUntil(
        lambda: not window.is_dirty() and window.completeness.value() > before, timeout=5000
    )
    stored = ui_ctx.service(CompanyService).card(ui_ctx.profile_id, "Acme")
    assert stored.fields.website == "https://acme.example" and stored.fields.industry == "Retail"
    assert open_card(ui_ctx, "ACME Ltd") is window  # one window per company
    window.close()


def test_bad_value_is_shown_not_saved(qtbot, ui_ctx, acme: int) -> None:  # type: ignore[no-untyped-def]
    window = open_card(ui_ctx, "Acme")
    _card(qtbot, window)
    window.github_org.setText("not valid!")
    window.save()
    qtbot.waitUntil(lambda: "github_org" in window.error.text(), timeout=5000)
    assert not ui_ctx.service(CompanyService).card(ui_ctx.profile_id, "Acme").saved


def test_unsaved_changes_are_asked_about(qtbot, ui_ctx, acme: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_card(ui_ctx, "Acme")
    _card(qtbot, window)
    window.notes.setPlainText("Met Sam at a meetup")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    window.close()
    assert window.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    window.close()
    svc = ui_ctx.service(CompanyService)
    qtbot.waitUntil(lambda: svc.card(ui_ctx.profile_id, "Acme").fields.notes != "", timeout=5000)


def test_github_research_button(qtbot, ui_ctx, acme: int, github: FakeGitHub, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_card(ui_ctx, "Acme")
    _card(qtbot, window)
    assert "github.com/acme" in window.languages.text()
    window.github_button.click()
    qtbot.waitUntil(lambda: window.card.github is not None, timeout=10000)
    assert "Python" in window.languages.text() and "fetched" in window.languages.text()
    assert window.github_button.text() == "Refresh from GitHub"
    github.respond(429, {"message": "slow down"}, {"Retry-After": "60"})
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warned.append(text))
    window.github_button.click()
    qtbot.waitUntil(lambda: bool(warned), timeout=10000)
    assert "rate limit" in warned[0]
    assert "Python" in window.languages.text()  # the cached result is still shown
    window.close()


def test_summary_without_key_explains(qtbot, ui_ctx, acme: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("GEMINI_API_KEY", raising=False)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warned.append(text))
    window = open_card(ui_ctx, "Acme")
    _card(qtbot, window)
    window.summary_button.click()
    qtbot.waitUntil(lambda: bool(warned), timeout=10000)
    assert "Settings → AI" in warned[0]
    window.close()


def test_reachable_from_menu_shortcut_and_detail_panel(qtbot, ui_ctx, acme: int, tab) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: len(tab.store.rows) == 2, timeout=5000)
    tab.show_view("table")
    tab.table.select_id(acme) if hasattr(tab.table, "select_id") else None
    tab.open_detail(acme)
    qtbot.waitUntil(lambda: tab.detail.detail is not None, timeout=5000)
    tab.detail.company_button.click()
    windows = [
        w for w in QApplication.topLevelWidgets() if w.windowTitle().endswith("company card")
    ]
    assert windows and windows[0].isVisible()
    windows[0].close()
    qtbot.keyClick(
        tab, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    windows = [
        w
        for w in QApplication.topLevelWidgets()
        if w.windowTitle().endswith("company card") and w.isVisible()
    ]
    assert windows
    windows[0].close()
