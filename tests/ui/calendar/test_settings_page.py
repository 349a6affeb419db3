"""Settings → Calendar: renders, connects, syncs in the background, exports, disconnects."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from careerdesk.core.calendar import CalendarSyncService, RetryPolicy
from careerdesk.core.calendar.sync import CalendarSync
from careerdesk.ui.settings.dialog import SettingsDialog, discover_pages
from careerdesk.ui.settings.pages.calendar import CalendarPage
from tests.calendar_support import (
    FakeSource,
    deadline,
    fake_calendar_fixture,  # noqa: F401  (fixture)
    interview,
    store_credentials,
)
from tests.fakes.calendar_server import FakeCalendar


@pytest.fixture
def source(ui_ctx) -> FakeSource:  # type: ignore[no-untyped-def]
    fake_source = FakeSource()
    ui_ctx.app.service(CalendarSyncService).register_source(fake_source)
    ui_ctx.app.service(CalendarSync).timeout_s = 5.0
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    fake_source.put(interview(ui_ctx.profile_id, 1, soon))
    fake_source.put(deadline(ui_ctx.profile_id, 2, (soon + timedelta(days=3)).date()))
    return fake_source


@pytest.fixture(autouse=True)
def no_shipped_client(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """As in a source checkout, whatever a developer may have put in the resources."""
    from careerdesk.integrations.google import auth as google_auth

    monkeypatch.setattr(google_auth, "_shipped_resource", lambda: tmp_path / "absent.json")


def _page(ui_ctx, qtbot) -> CalendarPage:  # type: ignore[no-untyped-def]
    page = CalendarPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def test_the_page_is_discovered_and_renders_disconnected(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert [(p.title, p.order) for p in discover_pages() if p.title == "Calendar"] == [
        ("Calendar", 30)
    ]
    dialog = SettingsDialog(ui_ctx)
    qtbot.addWidget(dialog)
    titles = [dialog.pages.tabText(i) for i in range(dialog.pages.count())]
    assert "Calendar" in titles
    page = _page(ui_ctx, qtbot)
    assert page.account.text() == "Not connected"
    assert not page.sync_btn.isEnabled() and not page.disconnect_btn.isEnabled()
    # A source checkout ships no OAuth client: the user brings their own.
    assert page.connect_btn.text() == "&Choose client file and connect…"
    assert page.status_label.text().startswith("Not connected — changes are kept")
    assert "Never synced" in page.status_label.text()
    assert "careerdesk-profile-" in page.file_box.file_path.text()
    assert page.keyring_note.text().startswith("Your Google sign-in is kept in")


def test_without_a_keyring_the_page_says_session_only(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    import keyring
    from keyring.backends import fail

    from careerdesk.integrations.secrets import KeyringSecretStore

    keyring.set_keyring(fail.Keyring())
    ui_ctx.app.secrets = KeyringSecretStore()
    page = _page(ui_ctx, qtbot)
    assert "session only" in page.keyring_note.text()


def test_sync_now_runs_in_the_background(  # type: ignore[no-untyped-def]
    ui_ctx, qtbot, source: FakeSource, fake_calendar: FakeCalendar
) -> None:
    store_credentials(ui_ctx.app, fake_calendar)
    page = _page(ui_ctx, qtbot)
    qtbot.waitUntil(lambda: page.calendar_box.count() == 2, timeout=5000)
    assert page.account.text() == "Connected (me@example.com)"
    # The pull hangs on the "network" until the GUI thread's timer has ticked 5 times and
    # releases it: the sync can only finish if the event loop kept running meanwhile.
    fake_calendar.hang(60, op="list")
    ticks = 0

    def tick() -> None:
        nonlocal ticks
        ticks += 1
        if ticks == 5:
            fake_calendar.release_hangs()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(20)
    page.sync_btn.click()
    # The click returned while the pull still hangs: nothing could have finished yet.
    assert ticks == 0
    assert not page.sync_btn.isEnabled() and page.progress.isVisible()
    qtbot.waitUntil(lambda: page.sync_btn.isEnabled(), timeout=20000)
    timer.stop()
    assert ticks >= 5
    assert page.status_label.text().startswith("Last sync just now · nothing waiting")
    assert len(fake_calendar.events()) == 2


def test_errors_show_in_the_status_line(  # type: ignore[no-untyped-def]
    ui_ctx, qtbot, source: FakeSource, fake_calendar: FakeCalendar
) -> None:
    store_credentials(ui_ctx.app, fake_calendar)
    ui_ctx.app.service(CalendarSyncService).retry = RetryPolicy(attempts=1)
    page = _page(ui_ctx, qtbot)
    fake_calendar.fail(403, reason="rateLimitExceeded", op="insert", times=100)
    page.sync_btn.click()
    qtbot.waitUntil(lambda: page.sync_btn.isEnabled(), timeout=10000)
    text = page.status_label.text()
    assert "2 changes waiting" in text and "limiting how fast" in text


def test_choosing_a_calendar(ui_ctx, qtbot, fake_calendar: FakeCalendar) -> None:  # type: ignore[no-untyped-def]
    store_credentials(ui_ctx.app, fake_calendar)
    page = _page(ui_ctx, qtbot)
    qtbot.waitUntil(lambda: page.calendar_box.count() == 2, timeout=5000)
    assert page.calendar_box.itemText(0) == "Me (primary)"
    page.calendar_box.setCurrentIndex(1)
    page.calendar_box.activated.emit(1)
    assert ui_ctx.app.settings.calendar.calendar_id == "work@example.com"


def test_export_from_the_page(  # type: ignore[no-untyped-def]
    ui_ctx, qtbot, source: FakeSource, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "mine"
    from careerdesk.ui.common import file_dialogs

    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: target)
    page = _page(ui_ctx, qtbot)
    page.file_box.export_btn.click()
    qtbot.waitUntil(lambda: page.file_box.export_result.text().startswith("✓"), timeout=5000)
    assert "2 events" in page.file_box.export_result.text()
    assert (tmp_path / "mine.ics").exists()


def test_connect_and_disconnect_from_the_page(  # type: ignore[no-untyped-def]
    ui_ctx, qtbot, fake_calendar: FakeCalendar, tmp_path: Path, monkeypatch
) -> None:
    from tests.integrations.test_google_auth import _browser_that_consents, _client_config

    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    client_file = tmp_path / "client.json"
    client_file.write_text(json.dumps(_client_config(fake_calendar)))
    page = _page(ui_ctx, qtbot)
    page.start_sign_in(client_file, open_url=_browser_that_consents)
    assert page.cancel_btn.isVisible()
    qtbot.waitUntil(lambda: page.account.text().startswith("Connected"), timeout=10000)
    qtbot.waitUntil(lambda: page.calendar_box.count() == 2, timeout=5000)
    assert "Connected to Google Calendar" in page.sign_in_hint.text()
    assert not page.cancel_btn.isVisible()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.disconnect_btn.click()
    qtbot.waitUntil(lambda: page.account.text() == "Not connected", timeout=5000)
    assert fake_calendar.revoked and "revoked" in page.sign_in_hint.text()


def test_window_hook_adds_export_and_pushes_in_the_background(  # type: ignore[no-untyped-def]
    main_window, ui_ctx, qtbot, source: FakeSource, fake_calendar: FakeCalendar
) -> None:
    from careerdesk.ui.calendar.actions import CalendarAutoSync, install_calendar

    store_credentials(ui_ctx.app, fake_calendar)
    auto = install_calendar(main_window, ui_ctx)
    texts = [a.text() for a in main_window.export_menu.actions()]
    assert texts.count("&Calendar (.ics)…") == 1  # installed with the pipeline, once
    assert install_calendar(main_window, ui_ctx) is auto
    auto.stop()
    auto = CalendarAutoSync(ui_ctx, push_delay_ms=50)
    ui_ctx.app.service(CalendarSync).refresh(ui_ctx.profile_id)  # queues 2 and announces it
    qtbot.waitUntil(lambda: len(fake_calendar.events()) == 2, timeout=10000)
    auto.stop()


def test_closing_the_page_during_a_sync_is_safe(  # type: ignore[no-untyped-def]
    ui_ctx, qtbot, source: FakeSource, fake_calendar: FakeCalendar
) -> None:
    store_credentials(ui_ctx.app, fake_calendar)
    page = CalendarPage(ui_ctx)
    ui_ctx.runner.wait_idle(5)
    fake_calendar.hang(0.5, op="list")
    page.sync_btn.click()
    page.deleteLater()
    qtbot.wait(10)
    assert ui_ctx.runner.wait_idle(10)
    assert len(fake_calendar.events()) == 2  # the work finished and was recorded
    assert ui_ctx.app.service(CalendarSyncService).pending_count(ui_ctx.profile_id) == 0
