"""Settings → Background refresh installs and removes the same scheduler entry as
``careerdesk schedule``, in the background, with a stand-in for systemctl (the app's factory
for ScheduleService is replaced, so no real program runs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerdesk.core.scheduling.models import RefreshCommand
from careerdesk.core.scheduling.service import ScheduleService
from careerdesk.wiring import FACTORIES
from tests.core.scheduling.fakes import FakeSystemd

KEY = "careerdesk.core.scheduling.service.ScheduleService"
COMMAND = RefreshCommand(
    argv=["/opt/CareerDesk/careerdesk", "refresh-recommendations", "--all"], working_dir=None
)


@pytest.fixture
def systemd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeSystemd:
    fake = FakeSystemd(tmp_path / "xdg" / "systemd" / "user")

    def build(app):  # type: ignore[no-untyped-def]
        return ScheduleService(
            fake,
            platform="linux",
            command=COMMAND,
            home=tmp_path / "home",
            env={"XDG_CONFIG_HOME": str(tmp_path / "xdg")},
            log_dir=app.paths.log_dir,
        )

    monkeypatch.setitem(FACTORIES, KEY, build)
    return fake


def test_the_toggle_installs_and_removes_the_timer(ui_ctx, systemd, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.settings.dialog import SettingsDialog
    from careerdesk.ui.settings.pages.schedule import SchedulePage

    dialog = SettingsDialog(ui_ctx)
    qtbot.addWidget(dialog)
    titles = [dialog.pages.tabText(i) for i in range(dialog.pages.count())]
    assert "Background refresh" in titles
    assert systemd.calls == []  # nothing is asked until the page is shown

    page = SchedulePage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(page.toggle.isEnabled, timeout=5000)
    assert not page.toggle.isChecked()
    assert page.state.text().splitlines()[0] == (
        "Scheduled refresh: not installed (systemd user timer careerdesk-refresh.timer)."
    )

    page.toggle.click()
    qtbot.waitUntil(lambda: page.toggle.isEnabled() and page.toggle.isChecked(), timeout=5000)
    unit_dir = tmp_path / "xdg" / "systemd" / "user"
    assert sorted(p.name for p in unit_dir.iterdir()) == [
        "careerdesk-refresh.service",
        "careerdesk-refresh.timer",
    ]
    assert systemd.enabled == {"careerdesk-refresh.timer"}
    assert page.state.text().splitlines()[0] == (
        "Scheduled refresh: installed (systemd user timer careerdesk-refresh.timer), active."
    )
    assert "next run: Thu 2026-12-03 18:04:12 UTC" in page.state.text()

    page.toggle.click()
    qtbot.waitUntil(lambda: page.toggle.isEnabled() and not page.toggle.isChecked(), timeout=5000)
    assert list(unit_dir.iterdir()) == [] and systemd.enabled == set()


def test_a_refusal_is_shown_and_the_toggle_goes_back(ui_ctx, systemd, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.settings.pages.schedule import SchedulePage

    page = SchedulePage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(page.toggle.isEnabled, timeout=5000)
    systemd.bus = False
    page.toggle.click()
    qtbot.waitUntil(lambda: page.state.text().startswith("✗"), timeout=5000)
    assert page.state.text().startswith(
        "✗ `systemctl --user daemon-reload` failed (exit code 1): Failed to connect to bus"
    )
    assert not page.toggle.isChecked() and page.toggle.isEnabled()
    assert not (tmp_path / "xdg").exists()


def test_a_service_that_cannot_be_built_is_explained(ui_ctx, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.core.kernel.errors import UserError
    from careerdesk.ui.settings.pages.schedule import SchedulePage

    def refuse(app):  # type: ignore[no-untyped-def]
        raise UserError("Move CareerDesk to the Applications folder, open it from there.")

    monkeypatch.setitem(FACTORIES, KEY, refuse)
    page = SchedulePage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.state.text() == (
        "✗ Move CareerDesk to the Applications folder, open it from there."
    )
    assert not page.toggle.isEnabled()
