"""The detail panel: one application's fields, timeline, interviews, offers, people and files.

Edits made here go on the panel's ``QUndoStack``: Ctrl+Z / Ctrl+Shift+Z undo and redo them
until the panel closes or shows another application (then the stack is cleared, because the
learner has moved on). The panel reloads its application whenever a domain event says it
changed, whoever changed it.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.events import DomainEvent
from careerdesk.core.pipeline import history
from careerdesk.core.pipeline.events import ApplicationChanged
from careerdesk.core.pipeline.models import ApplicationDetail
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State
from careerdesk.ui.common import formatting, theme
from careerdesk.ui.pipeline import style, undo
from careerdesk.ui.pipeline.detail_fields import FieldsForm
from careerdesk.ui.pipeline.detail_header import DetailHeader
from careerdesk.ui.pipeline.detail_lists import InterviewsTab, OffersTab, PeopleTab
from careerdesk.ui.shell.context import UiContext

KIND_COLORS = {
    history.CREATED: theme.EVENT_HUES["created"],
    history.STATE: theme.EVENT_HUES["state"],
    history.REVERTED: theme.EVENT_HUES["reverted"],
    history.NOTE: theme.EVENT_HUES["note"],
}


def timeline_html(detail: ApplicationDetail) -> str:
    """The timeline, newest first, grouped by day; notes have a "remove" link."""
    parts: list[str] = []
    day = None
    muted = theme.hex_of("muted")
    for e in history.visible_timeline(detail.events):
        local = e.at.astimezone()
        if local.date() != day:
            day = local.date()
            parts.append(f"<h4 style='margin:10px 0 4px 0'>{formatting.long_date(day)}</h4>")
        color = KIND_COLORS.get(e.kind, theme.EVENT_HUES["other"])
        text = html.escape(history.describe(e))
        extra = ""
        if e.kind == history.NOTE:
            text = "Note"
            extra = (
                f"<div style='margin-left:18px; white-space:pre-wrap'>{html.escape(e.note)}</div>"
                f"<div style='margin-left:18px'><a href='note:{e.id}'>remove</a></div>"
            )
        elif e.note:
            extra = (
                f"<div style='margin-left:18px; color:{muted}'><i>{html.escape(e.note)}</i></div>"
            )
        who = (
            ""
            if e.actor == "user"
            else f" <span style='color:{muted}'>· {html.escape(e.actor)}</span>"
        )
        dot = f"<span style='color:{theme.mark(color)}'>●</span>"
        clock = f"<span style='color:{muted}'>{formatting.time(local)}</span>"
        parts.append(f"<div>{dot} {clock} {text}{who}</div>{extra}")
    return "".join(parts) or "<p>No events yet.</p>"


def _has_own_history(widget: QObject) -> bool:
    """Does this text field have typing of its own to undo or redo?"""
    if isinstance(widget, QLineEdit):
        return widget.isUndoAvailable() or widget.isRedoAvailable()
    if isinstance(widget, QPlainTextEdit):
        doc = widget.document()
        return doc.isUndoAvailable() or doc.isRedoAvailable()
    return True


class DetailPanel(QFrame):
    """Shows one application. ``closed`` fires when the learner closes it (Esc or ✕)."""

    closed = Signal()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.svc = ctx.service(ApplicationService)
        self.app_id: int | None = None
        self.detail: ApplicationDetail | None = None
        self._load_seq = 0
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # No fixed minimum width: the layout's own minimum includes the whole tab bar (tabs
        # never scroll out of sight, see below), whatever the font size.
        self.undo_stack = QUndoStack(self)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z")]
        )
        close_action = QAction("Close", self, shortcut=QKeySequence(Qt.Key.Key_Escape))
        close_action.triggered.connect(self.close_panel)
        for action in (self.undo_action, self.redo_action, close_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

        layout = QVBoxLayout(self)
        self.header = DetailHeader(
            self.undo_action, self.redo_action, self.open_company_card, self.close_panel
        )
        # The names the rest of the panel (and its tests) use.
        self.heading = self.header.company
        self.chip = self.header.chip
        self.move_button = self.header.move_button
        self.move_menu = self.header.move_menu
        self.summary = self.header.summary
        self.company_button = self.header.company_button
        layout.addWidget(self.header)

        self.tabs = QTabWidget()
        # Tabs never scroll out of sight: without scroll buttons the tab bar's width is the
        # panel's minimum width, so every tab stays visible however narrow the window is.
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideNone)
        self.fields = FieldsForm()
        self.fields.edit_requested.connect(self._edit)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.fields)
        self.tabs.addTab(scroll, "Details")
        self.tabs.addTab(self._timeline_tab(), "Timeline")
        self.interviews = InterviewsTab(ctx, self.push)
        self.offers = OffersTab(ctx, self.push)
        self.people = PeopleTab(ctx, self.push)
        self.tabs.addTab(self.interviews, "Interviews")
        self.tabs.addTab(self.offers, "Offers")
        self.tabs.addTab(self.people, "People")
        # Pipeline intelligence: the job's fit verdict, analysed when the tab is shown.
        from careerdesk.ui.pipeline.fit_panel import FitPanel

        self.fit = FitPanel(ctx)
        self.tabs.addTab(self.fit, "Fit")
        self.tabs.currentChanged.connect(lambda _i: self._show_fit())
        layout.addWidget(self.tabs, 1)
        for editor in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            editor.installEventFilter(self)
        ctx.events.domain_event.connect(self._on_event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Let Ctrl+Z reach the panel's history when the focused field has nothing to undo.

        A text field claims Ctrl+Z for its own typing; once a field's change is saved and
        the learner moved on, its own undo is empty and Ctrl+Z should undo the saved edit.
        """
        undo_keys = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and any(event.matches(k) for k in undo_keys)
            and not _has_own_history(watched)
        ):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def _timeline_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        row = QHBoxLayout()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText("Add a note: a call, an e-mail, a thought… (Ctrl+Enter)")
        self.note_edit.setFixedHeight(56)
        self.note_edit.setTabChangesFocus(True)
        add = QPushButton("Add note")
        add.clicked.connect(self.add_note)
        send = QAction(self.note_edit, shortcut=QKeySequence("Ctrl+Return"))
        send.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        send.triggered.connect(self.add_note)
        self.note_edit.addAction(send)
        row.addWidget(self.note_edit, 1)
        row.addWidget(add, 0, Qt.AlignmentFlag.AlignTop)
        v.addLayout(row)
        self.timeline = QTextBrowser()
        self.timeline.setOpenLinks(False)
        self.timeline.anchorClicked.connect(self._on_anchor)
        v.addWidget(self.timeline, 1)
        return w

    # -- showing ---------------------------------------------------------------------------
    def _show_fit(self) -> None:
        if self.tabs.currentWidget() is self.fit and self.fit.app_id != self.app_id:
            self.fit.show_application(self.app_id)

    def show_application(self, app_id: int) -> None:
        """Show ``app_id``; switching to another application clears the undo history."""
        if app_id != self.app_id:
            self.undo_stack.clear()
            self.app_id = app_id
            self.detail = None
            self.header.show_loading()
        self.show()
        self._show_fit()
        self.reload()

    def reload(self) -> None:
        if self.app_id is None:
            return
        self._load_seq += 1
        seq, app_id = self._load_seq, self.app_id

        def done(detail: Any) -> None:
            if seq == self._load_seq and app_id == self.app_id and detail is not None:
                self.populate(detail)

        def fetch(_s: Any) -> ApplicationDetail | None:
            try:
                return self.svc.get(app_id)
            except Exception:
                return None  # deleted meanwhile: the "deleted" event closes the panel

        self.ctx.runner.run(fetch, name="pipeline-detail", on_success=done)

    def populate(self, detail: ApplicationDetail) -> None:
        self.detail = detail
        bits = []
        if detail.applied_on:
            bits.append(f"Applied {style.date_text(detail.applied_on)}")
        if detail.next_action:
            bits.append(detail.next_action)
        self.header.show_state(detail.company, detail.title, detail.state, " · ".join(bits))
        self.move_menu.clear()
        for target in detail.allowed_moves:
            act = self.move_menu.addAction(target.label)
            act.triggered.connect(lambda _c=False, t=target: self.request_move(t))
        self.move_button.setEnabled(bool(detail.allowed_moves))
        self.move_button.setToolTip(
            "" if detail.allowed_moves else f"{detail.state.label} is final (Ctrl+Z undoes a move)"
        )
        self.fields.show_detail(detail)
        self.timeline.setHtml(timeline_html(detail))
        self.interviews.show_detail(detail)
        self.offers.show_detail(detail)
        self.people.show_detail(detail)
        self.tabs.setTabText(2, f"Interviews ({len(detail.interviews)})")
        self.tabs.setTabText(3, f"Offers ({len(detail.offers)})")

    def open_company_card(self) -> None:
        """The company card of the application shown (shared by all its applications)."""
        from careerdesk.ui.companies import open_card

        if self.detail is not None:
            open_card(self.ctx, self.detail.company, self.window())

    def close_panel(self) -> None:
        self.undo_stack.clear()
        self.app_id = None
        self.detail = None
        self.hide()
        self.closed.emit()

    def _on_event(self, event: DomainEvent) -> None:
        if isinstance(event, ApplicationChanged) and event.application_id == self.app_id:
            if event.change == "deleted":
                self.close_panel()
            else:
                self.reload()

    # -- edits (all undoable) --------------------------------------------------------------
    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    def _edit(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        if self.app_id is not None:
            self.push(undo.edit_fields(self.ctx, self.app_id, old, new))

    def request_move(self, target: State) -> None:
        if self.detail is not None:
            self.push(undo.move(self.ctx, self.detail.id, self.detail.state, target))

    def add_note(self) -> None:
        text = self.note_edit.toPlainText().strip()
        if text and self.app_id is not None:
            self.push(undo.add_note(self.ctx, self.app_id, text))
            self.note_edit.clear()

    def _on_anchor(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if kind == "note" and self.detail is not None and value.isdigit():
            note = next((e for e in self.detail.events if e.id == int(value)), None)
            if note is not None:
                self.push(undo.remove_note(self.ctx, self.detail.id, note.id, note.note))
