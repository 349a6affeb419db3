"""The calendar picker of Settings → Calendar: which of the account's calendars to sync to.

Listing runs through the task runner (network); the choice is kept in the settings and the
events move to the new calendar on the next sync (docs/calendar.md).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from careerdesk.core.calendar.errors import CalendarError
from careerdesk.core.calendar.models import CalendarInfo
from careerdesk.core.calendar.sync import CalendarSync
from careerdesk.ui.calendar.file_box import run_while_alive
from careerdesk.ui.shell.context import UiContext


class CalendarPicker(QWidget):
    """A combo box of writable calendars and a Reload button.

    ``on_change`` runs after a listing (success or not) so the page can update its state;
    ``on_error`` gets a sentence when the listing failed.
    """

    def __init__(
        self,
        ctx: UiContext,
        sync: CalendarSync,
        *,
        on_change: Callable[[], None],
        on_error: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.ctx, self.sync = ctx, sync
        self._on_change, self._on_error = on_change, on_error
        self.calendars: list[CalendarInfo] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QComboBox()
        self.box.setMinimumWidth(260)
        self.box.setAccessibleName("Calendar to sync to")
        self.reload_btn = QPushButton("Reload list")
        layout.addWidget(self.box, 1)
        layout.addWidget(self.reload_btn)
        self.reload_btn.clicked.connect(self.load)
        self.box.activated.connect(self._chosen)

    def primary(self) -> CalendarInfo | None:
        return next((c for c in self.calendars if c.primary), None)

    def update_state(self, connected: bool) -> None:
        """Enable what makes sense; without a listing, show the calendar in the settings."""
        self.box.setEnabled(connected and bool(self.calendars))
        self.reload_btn.setEnabled(connected)
        if not self.calendars:
            self.box.clear()
            self.box.addItem(self.ctx.app.settings.calendar.calendar_id)

    def forget(self) -> None:
        """The account was disconnected: its calendars are no longer known."""
        self.calendars = []

    def load(self) -> None:
        """List the account's writable calendars in the background."""
        self.reload_btn.setEnabled(False)
        profile_id = self.ctx.profile_id

        def loaded(calendars: list[CalendarInfo]) -> None:
            self.calendars = list(calendars)
            self._fill()
            self._on_change()

        def failed(exc: BaseException) -> None:
            self._on_change()
            text = exc.message if isinstance(exc, CalendarError) else str(exc)
            self._on_error(f"✗ Could not list your calendars: {text}")

        run_while_alive(
            self,
            self.ctx,
            lambda _s: self.sync.list_calendars(profile_id=profile_id),
            name="calendar-list",
            on_success=loaded,
            on_error=failed,
        )

    def _fill(self) -> None:
        chosen = self.ctx.app.settings.calendar.calendar_id
        self.box.blockSignals(True)
        self.box.clear()
        index = 0
        for i, cal in enumerate(self.calendars):
            label = f"{cal.summary} (primary)" if cal.primary else cal.summary
            self.box.addItem(label, "primary" if cal.primary else cal.id)
            if (cal.primary and chosen == "primary") or cal.id == chosen:
                index = i
        self.box.setCurrentIndex(index)
        self.box.blockSignals(False)

    def _chosen(self, index: int) -> None:
        calendar_id = self.box.itemData(index)
        if calendar_id and calendar_id != self.ctx.app.settings.calendar.calendar_id:
            # Saved with the other settings when the dialog closes; events move on next sync.
            self.ctx.app.settings.calendar.calendar_id = calendar_id
            self.ctx.status("Events will move to the chosen calendar on the next sync", 6000)
