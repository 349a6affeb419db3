"""The follow-up list (Home card and Pipeline view): compose, mark sent, snooze, reply, skip.

"Compose" opens the mail client through a ``mailto:`` link handed to the desktop gate
(``ui/common/desktop.py``; refused in a kiosk; no SMTP, no credentials). A template that
cannot be filled shows what is missing and nothing is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kernel.events import DataRestored, DomainEvent
from careerdesk.core.pipeline.events import ApplicationChanged, FollowUpsChanged
from careerdesk.core.pipeline.intel.followup_models import FollowUpItem
from careerdesk.core.pipeline.intel.followup_service import FollowUpService
from careerdesk.ui.common import desktop, formatting, theme
from careerdesk.ui.shell.context import UiContext

REFRESH_MS = 5 * 60_000
# Per-application timing (docs/intel.md, Follow-ups); None goes back to the profile's.
TIMING_CHOICES: tuple[tuple[str | None, str], ...] = (
    ("fixed", "Calendar days (3, 7, 14)"),
    ("business", "Business days (skip weekends)"),
    ("backoff", "Back-off (gaps double)"),
    (None, "Same as my templates"),
)
SCENARIO_LABELS = {
    "post_application": "After applying",
    "thank_you": "Thank-you note",
    "no_response": "No response nudge",
    "offer": "Offer follow-up",
}


def when_text(due: datetime, now: datetime) -> str:
    days = (due.date() - now.date()).days
    if days < -1:
        return f"{-days} days overdue"
    if days == -1:
        return "due yesterday"
    if days == 0:
        return "due today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days ({formatting.day_month(due)})"


def open_url(url: str, parent: QWidget | None = None) -> bool:
    """Hand a ``mailto:`` link to the desktop through the one gate (refused in a kiosk)."""
    return desktop.compose_mail(url, parent)


class FollowUpList(QWidget):
    shown = Signal()  # the list shows the current profile's follow-ups
    """Due (and optionally upcoming) follow-ups of the current profile with their actions."""

    def __init__(self, ctx: UiContext, *, upcoming: bool, limit: int = 0) -> None:
        super().__init__()
        self.ctx = ctx
        self.upcoming = upcoming
        self.limit = limit
        self.items: list[FollowUpItem] = []
        self._seq = 0
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        v.addWidget(self.empty)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Follow-ups")
        self.tree.setHeaderLabels(["When", "Application", "Follow-up"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 230)
        self.tree.setColumnWidth(1, 260)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.itemActivated.connect(lambda _i, _c: self.compose())
        v.addWidget(self.tree, 1)
        self.error = QLabel()  # a template that cannot be filled: what is missing
        self.error.setWordWrap(True)
        theme.set_tone(self.error, "danger")
        self.error.hide()
        v.addWidget(self.error)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("compose", "Compose email", self.compose),
            ("sent", "Mark sent", self.mark_sent),
            ("snooze", "Snooze 1 day", lambda: self.snooze(1)),
            ("reply", "They replied", self.reply),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            self.buttons[key] = b
            row.addWidget(b)
        row.addStretch(1)
        v.addLayout(row)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        # Time passing makes steps due without any event: look again every few minutes.
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        ctx.events.domain_event.connect(self._on_event)
        ctx.profile_changed.connect(lambda _pid: self.refresh())
        self.refresh()

    @property
    def service(self) -> FollowUpService:
        return self.ctx.service(FollowUpService)

    def _on_event(self, event: DomainEvent) -> None:
        if isinstance(event, DataRestored) or (
            event.profile_id == self.ctx.profile_id
            and isinstance(event, FollowUpsChanged | ApplicationChanged)
        ):
            self.refresh()

    def refresh(self) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            self._show(self._seq, None, [])
            return
        self._seq += 1
        seq = self._seq
        svc = self.service
        fetch: Callable[[Any], list[FollowUpItem]] = (
            (lambda _s: svc.pending(pid)) if self.upcoming else (lambda _s: svc.due(pid))
        )
        self.ctx.runner.run(
            fetch, name="followups-list", on_success=lambda items: self._show(seq, pid, items)
        )

    def _show(self, seq: int, pid: int | None, items: list[FollowUpItem]) -> None:
        if seq != self._seq or pid != self.ctx.profile_id:
            return
        now = self.service.clock.now() if pid is not None else datetime.now()
        self.items = items[: self.limit] if self.limit else items
        self.tree.clear()
        for item in self.items:
            due = item.effective_due
            step = f" (step {item.step + 1} of {item.steps})" if item.steps > 1 else ""
            snoozed = "  · snoozed" if item.snoozed_until else ""
            # A later step waits for the one before it (sent or skipped), whatever its date.
            when = when_text(due, now) if item.is_next else f"after step {item.step}"
            if not item.is_next and due > now:
                when = f"{when_text(due, now)}, after step {item.step}"
            row = QTreeWidgetItem(
                [
                    when + snoozed,
                    f"{item.company} — {item.title}",
                    SCENARIO_LABELS.get(item.scenario, item.template_name) + step,
                ]
            )
            if item.is_next and due <= now:
                font = row.font(0)
                font.setBold(True)
                row.setFont(0, font)
            row.setData(0, Qt.ItemDataRole.UserRole, item.id)
            self.tree.addTopLevelItem(row)
        more = len(items) - len(self.items)
        if not items:
            self.empty.setText(
                "No follow-ups due. They start by themselves when you move an application to "
                "Applied, record an interview's outcome or receive an offer."
                if pid is not None
                else "Choose a profile to see its follow-ups."
            )
        else:
            due_n = sum(1 for i in items if i.is_next and i.effective_due <= now)
            extra = f" (showing {len(self.items)}; more in Pipeline → Follow-ups)" if more else ""
            later = f", {len(items) - due_n} coming up" if self.upcoming else ""
            self.empty.setText(f"{due_n} due now{later}{extra}.")
        self.tree.setVisible(bool(items))
        first = self.tree.topLevelItem(0) if self.items else None
        if first is not None:
            self.tree.setCurrentItem(first)
        self._enable()
        self.shown.emit()

    def current(self) -> FollowUpItem | None:
        row = self.tree.currentItem()
        if row is None:
            return None
        fid = row.data(0, Qt.ItemDataRole.UserRole)
        return next((i for i in self.items if i.id == fid), None)

    def _enable(self) -> None:
        has = self.current() is not None
        for b in self.buttons.values():
            b.setEnabled(has)

    def _menu(self, pos: Any) -> None:
        if self.current() is None:
            return
        menu = QMenu(self)
        menu.addAction("Compose email…", self.compose)
        menu.addAction("Mark sent", self.mark_sent)
        snooze = menu.addMenu("Snooze")
        for days, text in ((1, "1 day"), (3, "3 days"), (7, "1 week")):
            snooze.addAction(text, partial(self.snooze, days))
        menu.addAction("They replied (stop this sequence)", self.reply)
        menu.addAction("Skip this step", self.skip)
        timing = menu.addMenu("Timing for this application")
        for strategy, text in TIMING_CHOICES:
            timing.addAction(text, partial(self.set_timing, strategy))
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def _write(self, fn: Callable[[Any], Any], done: str) -> None:
        self.ctx.runner.run(
            fn, write=True, name="followup", on_success=lambda _r: self.ctx.status(done)
        )

    def compose(self) -> None:
        item = self.current()
        if item is None:
            return
        svc = self.service

        def opened(msg: Any) -> None:
            if open_url(msg.url):
                self.ctx.status(
                    f"Opened your mail client: “{msg.subject}”. Mark it sent after sending."
                )
            else:
                self.ctx.status("No mail client answered the mailto: link.")

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError):
                self.error.setText(str(exc))
                self.error.show()
            else:
                self.ctx.report(exc)

        self.error.hide()
        self.ctx.runner.run(
            lambda _s: svc.compose(item.id),
            name="followup-compose",
            on_success=opened,
            on_error=failed,
        )

    def mark_sent(self) -> None:
        item = self.current()
        if item is not None:
            svc = self.service
            self._write(lambda _s: svc.mark_sent(item.id), "Follow-up marked as sent.")

    def snooze(self, days: int) -> None:
        item = self.current()
        if item is not None:
            svc = self.service
            self._write(lambda _s: svc.snooze(item.id, days=days), f"Snoozed for {days} day(s).")

    def reply(self) -> None:
        item = self.current()
        if item is not None:
            svc = self.service
            self._write(
                lambda _s: svc.record_reply(item.application_id),
                f"Reply from {item.company} logged: its follow-ups are cancelled.",
            )

    def skip(self) -> None:
        item = self.current()
        if item is not None:
            svc = self.service
            self._write(lambda _s: svc.skip(item.id), "Step skipped.")

    def set_timing(self, strategy: str | None) -> None:
        """Re-plan the selected application's pending steps with another timing."""
        item = self.current()
        if item is not None:
            svc = self.service
            label = dict(TIMING_CHOICES)[strategy].split(" (")[0].lower()
            self._write(
                lambda _s: svc.set_strategy(item.application_id, strategy),
                f"{item.company}: follow-ups now use {label}.",
            )
