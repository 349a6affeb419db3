"""Settings → Background refresh: the OS scheduler entry that refreshes career
recommendations every 6 hours while CareerDesk is closed (docs/scheduling.md).

The same :class:`ScheduleService` as ``careerdesk schedule install|remove|status``, through
the app (the page never runs a program itself). The scheduler is asked only when the page is
first shown, and every call runs on the task runner: ``systemctl``/``launchctl``/``schtasks``
may take a moment, and the GUI thread never waits.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.scheduling.models import ScheduleStatus
from careerdesk.core.scheduling.rules import describe_status
from careerdesk.core.scheduling.service import ScheduleService
from careerdesk.ui.common.messages import plain_error
from careerdesk.ui.settings.dialog import SettingsPage
from careerdesk.ui.shell.context import UiContext

log = logging.getLogger(__name__)


class SchedulePage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._loaded = False
        self._installed = False
        layout = QVBoxLayout(self)
        intro = QLabel(
            "While CareerDesk is open it refreshes career recommendations every 6 hours. "
            "Turn this on to let your computer's own scheduler do it while CareerDesk is "
            "closed too. Only stale recommendations are regenerated; with a Gemini key set "
            "up, that may send the learner's course, interests and location to Gemini."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.toggle = QCheckBox("Refresh career recommendations while CareerDesk is closed")
        self.toggle.setEnabled(False)
        self.toggle.clicked.connect(self._apply)  # clicks only: setChecked() does not apply
        layout.addWidget(self.toggle)
        self.state = QLabel("Checking…")
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.state)
        layout.addStretch(1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.reload()

    def _service(self) -> ScheduleService | None:
        """The app's service, or None (with the reason shown) when it cannot be built, e.g.
        a macOS app still running from its download location."""
        try:
            return self.ctx.service(ScheduleService)
        except UserError as exc:
            self.toggle.setEnabled(False)
            self.state.setText(f"✗ {exc.message}")
            return None

    def reload(self) -> None:
        """Ask the scheduler for the entry's state, in the background."""
        svc = self._service()
        if svc is None:
            return
        self.toggle.setEnabled(False)
        self.ctx.runner.run(
            lambda _s: svc.status(),
            name="schedule-status",
            on_success=self._show,
            on_error=self._failed,
        )

    def _apply(self, on: bool) -> None:
        svc = self._service()
        if svc is None:
            return
        self.toggle.setEnabled(False)
        self.state.setText("Setting it up…" if on else "Removing it…")

        def work(_state: object) -> ScheduleStatus:
            if on:
                svc.install()
            else:
                svc.remove()
            return svc.status()

        self.ctx.runner.run(
            work, name="schedule-change", on_success=self._show, on_error=self._failed
        )

    def _show(self, status: ScheduleStatus) -> None:
        self._installed = status.installed
        self.toggle.setChecked(status.installed)
        self.toggle.setEnabled(True)
        self.state.setText("\n".join(describe_status(status, hint=False)))

    def _failed(self, exc: BaseException) -> None:
        # The checkbox goes back to what is really installed; the reason is shown as given.
        self.toggle.setChecked(self._installed)
        if isinstance(exc, UserError):
            svc = self._service()
            self.toggle.setEnabled(svc is not None and svc.supported)
            self.state.setText(f"✗ {exc.message}")
            return
        self.toggle.setEnabled(True)
        self.state.setText(f"✗ {plain_error(exc, 'change the scheduled refresh')}")


PAGE = SettingsPage("Background refresh", 70, SchedulePage)
