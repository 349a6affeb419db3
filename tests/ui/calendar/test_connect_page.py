"""Settings → Calendar, issue 26: one button with a shipped client, bring-your-own explained
without one, what CareerDesk writes and reads, and the kiosk rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerdesk.core.calendar.sync import CalendarSync
from careerdesk.integrations.google import auth as google_auth
from careerdesk.integrations.secrets import GOOGLE_CALENDAR_CREDENTIALS
from careerdesk.ui.settings.pages.calendar import CalendarPage
from tests.calendar_support import (
    fake_calendar_fixture,  # noqa: F401  (fixture)
)
from tests.fakes.calendar_server import FakeCalendar
from tests.integrations.test_google_auth import _browser_that_consents, _client_config


def _page(ui_ctx, qtbot) -> CalendarPage:  # type: ignore[no-untyped-def]
    page = CalendarPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def _ship(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fake: FakeCalendar | None) -> None:
    path = tmp_path / google_auth.SHIPPED_CLIENT
    if fake is not None:
        path.write_text(json.dumps(_client_config(fake)), encoding="utf-8")
    monkeypatch.setattr(google_auth, "_shipped_resource", lambda: path)


def test_the_page_says_what_is_written_and_that_nothing_else_is_read(  # type: ignore[no-untyped-def]
    ui_ctx, qtbot, monkeypatch, tmp_path
) -> None:
    _ship(monkeypatch, tmp_path, None)
    page = _page(ui_ctx, qtbot)
    text = page.consent.text()
    for words in ("interviews", "deadlines", "follow-ups", "reminders", "Nothing else is read"):
        assert words in text


def test_with_a_shipped_client_connect_is_one_button(  # type: ignore[no-untyped-def]
    ui_ctx, qtbot, monkeypatch, tmp_path, fake_calendar: FakeCalendar
) -> None:
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    _ship(monkeypatch, tmp_path, fake_calendar)
    page = _page(ui_ctx, qtbot)
    assert page.connect_btn.text() == "&Connect Google Calendar"
    assert "Google's consent page" in page.sign_in_hint.text()
    assert "OAuth client" not in page.sign_in_hint.text()
    asked: list[object] = []
    real_start = page.start_sign_in
    page.start_sign_in = lambda client_file, **kw: asked.append(client_file)  # type: ignore[method-assign]
    page.connect_btn.click()
    assert asked == [None]  # no file dialog: the shipped client is used
    real_start(None, open_url=_browser_that_consents)
    qtbot.waitUntil(lambda: page.account.text().startswith("Connected"), timeout=10000)
    assert fake_calendar.auth_requests[0]["code_challenge_method"] == "S256"
    assert page.connect_btn.text() == "&Reconnect…"


def test_without_a_shipped_client_the_steps_are_explained(  # type: ignore[no-untyped-def]
    ui_ctx, qtbot, monkeypatch, tmp_path
) -> None:
    _ship(monkeypatch, tmp_path, None)
    page = _page(ui_ctx, qtbot)
    assert page.connect_btn.text() == "&Choose client file and connect…"
    hint = page.sign_in_hint.text()
    assert "Desktop app" in hint and "five minutes" in hint
    assert "docs/calendar.md#bring-your-own-oauth-client" in hint  # the steps, linked
    assert "developers.google.com" in hint
    assert page.sign_in_hint.openExternalLinks()


def test_kiosk_google_is_off_until_the_advisor_allows_it(  # type: ignore[no-untyped-def]
    ui_ctx, qtbot, monkeypatch, tmp_path, fake_calendar: FakeCalendar
) -> None:
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    _ship(monkeypatch, tmp_path, fake_calendar)
    ui_ctx.app.settings.kiosk.enabled = True
    page = _page(ui_ctx, qtbot)
    assert page.kiosk_allow.isVisible() and not page.kiosk_allow.isChecked()
    assert "off on this kiosk" in page.kiosk_note.text()
    assert not page.google_box.isEnabled()
    page.kiosk_allow.setChecked(True)
    assert ui_ctx.app.settings.calendar.kiosk_google
    assert page.google_box.isEnabled() and page.connect_btn.isEnabled()
    assert "<b>Tester</b>'s own" in page.kiosk_note.text()
    page.start_sign_in(None, open_url=_browser_that_consents)
    qtbot.waitUntil(lambda: page.account.text().startswith("Connected"), timeout=10000)
    store = ui_ctx.app.secrets
    assert store.get(f"{GOOGLE_CALENDAR_CREDENTIALS}:profile-{ui_ctx.profile_id}")
    assert not store.get(GOOGLE_CALENDAR_CREDENTIALS)
    # Another learner chosen: not connected (the sign-in was Tester's own).
    other = ui_ctx.app.profiles.create("Robin").id
    ui_ctx.set_profile(other)
    assert page.account.text() == "Not connected"
    assert not ui_ctx.app.service(CalendarSync).connected(other)


def test_outside_kiosk_mode_there_is_no_kiosk_switch(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(ui_ctx, qtbot)
    assert not page.kiosk_allow.isVisible() and not page.kiosk_note.isVisible()
