"""The ".ics" part of Settings → Calendar: export a file, and the file apps subscribe to."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from careerdesk.core.calendar.sync import CalendarSync
from careerdesk.ui.common import desktop, file_dialogs
from careerdesk.ui.common.messages import plain_error
from careerdesk.ui.shell.context import UiContext

log = logging.getLogger(__name__)

SUBSCRIBE_NOTE = (
    "Calendar apps that subscribe to a file (Thunderbird, Outlook, Apple Calendar) see your "
    "upcoming events there; CareerDesk keeps it up to date."
)


def run_while_alive(
    widget: QWidget,
    ctx: UiContext,
    fn: Callable[[Any], Any],
    *,
    name: str,
    on_success: Callable[..., None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    **kwargs: Any,
) -> None:
    """``ctx.runner.run`` whose callbacks are skipped once ``widget`` is gone.

    The settings dialog can be closed while a sync or a sign-in is still running; the work
    finishes (and is recorded) but must not touch deleted widgets.
    """

    def alive(callback: Callable[..., None] | None) -> Callable[..., None]:
        def call(*args: Any) -> None:
            if shiboken6.isValid(widget):
                if callback is not None:
                    callback(*args)
            elif args and isinstance(args[0], BaseException):
                log.info("%s finished after its page closed: %s", name, args[0])

        return call

    ctx.runner.run(fn, name=name, on_success=alive(on_success), on_error=alive(on_error), **kwargs)


class CalendarFileBox(QGroupBox):
    """Export .ics… (in the background) and the per-profile subscribed file."""

    def __init__(self, ctx: UiContext, sync: CalendarSync) -> None:
        super().__init__("Calendar file (.ics)")
        self.setProperty("section", True)  # a heading and space, no frame (docs/design.md)
        self.setFlat(True)
        self.ctx = ctx
        self.sync = sync
        form = QFormLayout(self)
        export_row = QHBoxLayout()
        self.export_btn = QPushButton("&Export .ics…")
        self.export_result = QLabel()
        self.export_result.setWordWrap(True)
        export_row.addWidget(self.export_btn)
        export_row.addWidget(self.export_result, 1)
        form.addRow("", export_row)
        self.file_path = QLabel()
        self.file_path.setWordWrap(True)
        self.file_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Subscribe to:", self.file_path)
        file_row = QHBoxLayout()
        self.copy_btn = QPushButton("Copy path")
        self.open_folder_btn = QPushButton("Open folder")
        self.update_file_btn = QPushButton("Update file now")
        for button in (self.copy_btn, self.open_folder_btn, self.update_file_btn):
            file_row.addWidget(button)
        file_row.addStretch(1)
        form.addRow("", file_row)
        note = QLabel(SUBSCRIBE_NOTE)
        note.setWordWrap(True)
        form.addRow(note)
        self.export_btn.clicked.connect(self.export_ics)
        self.copy_btn.clicked.connect(self._copy_path)
        self.open_folder_btn.clicked.connect(self._open_folder)
        self.update_file_btn.clicked.connect(self.update_file)

    def refresh(self) -> None:
        profile_id = self.ctx.profile_id
        has_profile = profile_id is not None
        for button in (self.export_btn, self.update_file_btn, self.copy_btn):
            button.setEnabled(has_profile)
        self.file_path.setText(
            str(self.sync.ics.subscribed_path(profile_id))
            if profile_id is not None
            else "Choose a profile."
        )

    def export_ics(self) -> None:
        """Ask where, then write the profile's upcoming events there in the background."""
        profile_id = self.ctx.profile_id
        if profile_id is None:
            return
        found = file_dialogs.save_file(
            self,
            "Export calendar",
            purpose="calendar-export",
            suggested="careerdesk.ics",
            filter="iCalendar files (*.ics)",
        )
        if found is None:
            return
        path = str(found)
        target = Path(path if path.lower().endswith(".ics") else path + ".ics")
        self.export_result.setText("Exporting…")

        def done(count: int) -> None:
            self.export_result.setText(f"✓ {count} event{'s' if count != 1 else ''} → {target}")

        def failed(exc: BaseException) -> None:
            text = plain_error(exc, "export the calendar")
            self.export_result.setText(f"✗ {text}")

        run_while_alive(
            self,
            self.ctx,
            lambda _s: self.sync.export_ics(profile_id, target),
            name="calendar-export",
            on_success=done,
            on_error=failed,
        )

    def update_file(self) -> None:
        """Queue CareerDesk's changes and rewrite the subscribed file (write lane)."""
        profile_id = self.ctx.profile_id
        if profile_id is None:
            return
        run_while_alive(
            self,
            self.ctx,
            lambda _s: self.sync.refresh(profile_id),
            name="calendar-refresh",
            write=True,
            on_success=lambda _r: self.export_result.setText("✓ Calendar file updated."),
            on_error=lambda exc: self.export_result.setText(
                f"✗ {plain_error(exc, 'update the calendar file')}"
            ),
        )

    def _copy_path(self) -> None:
        QGuiApplication.clipboard().setText(self.file_path.text())
        self.ctx.status("Path copied", 3000)

    def _open_folder(self) -> None:
        desktop.open_folder(self.ctx.app.paths.data_dir, self)
