"""A desktop notification when a follow-up falls due while the app is open.

Uses the system tray (QSystemTrayIcon) where the platform has one; otherwise (offscreen, some
Linux desktops) the message goes to the status bar. Tray availability is injectable so both
paths are tested.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from careerdesk.core.pipeline.intel.followup_models import FollowUpItem
from careerdesk.core.pipeline.intel.followup_service import FollowUpService
from careerdesk.ui.shell.context import UiContext

CHECK_MS = 60_000


class DueNotifier(QObject):
    """Checks for newly due follow-ups every minute (and on demand) and announces them once."""

    def __init__(
        self,
        ctx: UiContext,
        *,
        tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
        interval_ms: int = CHECK_MS,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.tray_available = tray_available
        self.tray: QSystemTrayIcon | None = None
        self.last_message = ""
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        pid = self.ctx.profile_id
        if pid is None or not self.ctx.ready:
            return
        svc = self.ctx.service(FollowUpService)
        self.ctx.runner.run(
            lambda _s: svc.take_new_due(pid),
            write=True,
            name="followups-notify",
            on_success=self.announce,
        )

    def announce(self, items: list[FollowUpItem]) -> None:
        if not items:
            return
        first = items[0]
        title = "Follow-up due" if len(items) == 1 else f"{len(items)} follow-ups due"
        text = f"{first.company} — {first.title}: {first.template_name}"
        if len(items) > 1:
            text += f" and {len(items) - 1} more"
        self.last_message = f"{title}: {text}"
        if self.tray_available():
            if self.tray is None:
                icon = QApplication.windowIcon()
                if icon.isNull():
                    style = QApplication.style()
                    icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
                self.tray = QSystemTrayIcon(QIcon(icon), self)
                self.tray.show()
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10_000)
        else:
            self.ctx.status(self.last_message, 15_000)

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()


def install(ctx: UiContext, **kwargs: Any) -> DueNotifier:
    """One notifier per context (the Home card installs it)."""

    def build() -> DueNotifier:
        notifier = DueNotifier(ctx, **kwargs)
        # A write that announces, not the Home's data: after the first screen is shown.
        ctx.after_first_screen(notifier.check)
        return notifier

    return ctx.shared(DueNotifier, build)
