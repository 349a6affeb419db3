"""The learning path: a card per item (state, reason, open / play / mark done), grouped by
the skill gap it serves, with the hours, what changed since the last path, and regenerate."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.learning.playable import PLAYS_IN_TEXT, study_time_text
from careerdesk.core.learning.service import LearningPathView, PathChanges, PathItemView
from careerdesk.ui.common import formatting, theme
from careerdesk.ui.common.text import (
    KIND_TEXT,
    STATE_COLORS,
    STATE_TEXT,
    chip,
    rich,
    short_date,
)


class PathItemCard(QFrame):
    """One item: state badge, title, kind/level/hours, its reason and the actions."""

    open_clicked = Signal(int)
    play_clicked = Signal(int)
    state_clicked = Signal(int, str)

    def __init__(self, item: PathItemView) -> None:
        super().__init__()
        self.item = item
        self.setObjectName("pathItem")
        done = item.state == "DONE"
        self.setStyleSheet(
            f"#pathItem {{ border: 1px solid {theme.hex_of('border')}; border-radius: 6px;"
            f" background: {theme.hex_of('success_bg') if done else 'palette(base)'}; }}"
        )
        v = QVBoxLayout(self)
        v.setContentsMargins(12, 8, 12, 8)
        v.setSpacing(4)
        top = QHBoxLayout()
        color = STATE_COLORS.get(item.state, theme.STATUS_HUES["NOT_STARTED"])
        self.badge = QLabel(STATE_TEXT.get(item.state, item.state))
        self.badge.setStyleSheet(
            f"color: {theme.text_on(color)}; background: {color}; border-radius: 8px;"
            " padding: 1px 8px;"
            "font-weight: 600;"
        )
        title = QLabel(f"<b>{item.position + 1}. {rich(item.title)}</b>")
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)
        facts = [KIND_TEXT.get(item.kind, item.kind), item.level, study_time_text(item.est_hours)]
        if item.watched_fraction > 0 and item.state != "DONE":
            facts.append(f"watched {formatting.share(item.watched_fraction)}")
        meta = QLabel(" ".join(chip(f) for f in facts))
        meta.setTextFormat(Qt.TextFormat.RichText)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(title, 1)
        top.addWidget(meta, 0, Qt.AlignmentFlag.AlignTop)
        v.addLayout(top)
        reason = QLabel(rich(item.reason))
        reason.setTextFormat(Qt.TextFormat.RichText)
        reason.setWordWrap(True)
        theme.set_tone(reason, "muted")
        v.addWidget(reason)
        actions = QHBoxLayout()
        # Where it plays, in words: a video here is watched in the Player (and the watched
        # share counts); a web page opens in the browser and is marked done by hand.
        self.where = QLabel(PLAYS_IN_TEXT.get(item.plays_in, item.plays_in))
        self.where.setObjectName("playsIn")
        self.where.setProperty("playsIn", item.plays_in)
        self.where.setStyleSheet("font-weight: 600;" if item.playable else "")
        actions.addWidget(self.where)
        actions.addStretch(1)
        self.open_btn = QPushButton(
            "Open in browser" if item.plays_in == "browser" else "Open document"
        )
        self.open_btn.setVisible(not item.playable)
        self.open_btn.setEnabled(bool(item.url) or item.plays_in == "document")
        self.open_btn.setToolTip(item.url or "")
        self.open_btn.clicked.connect(lambda: self.open_clicked.emit(item.content_id))
        actions.addWidget(self.open_btn)
        self.play_btn = QPushButton("▶ Play here")
        self.play_btn.setToolTip("Opens it in the Player tab; what you watch counts.")
        self.play_btn.setVisible(item.playable)
        self.play_btn.clicked.connect(lambda: self.play_clicked.emit(item.content_id))
        actions.addWidget(self.play_btn)
        if done:
            self.done_btn = QPushButton("Mark not done")
            self.done_btn.clicked.connect(
                lambda: self.state_clicked.emit(item.content_id, "IN_PROGRESS")
            )
        else:
            self.done_btn = QPushButton("✔ Mark done")
            self.done_btn.clicked.connect(lambda: self.state_clicked.emit(item.content_id, "DONE"))
        actions.addWidget(self.done_btn)
        v.addLayout(actions)


def changes_html(changes: PathChanges, when: str = "") -> str:
    """The what-changed summary and its lists."""
    text = f"<b>What changed{when}:</b> {rich(changes.describe())}"
    lists = []
    for label, items in (("Added", changes.added), ("Removed", changes.removed)):
        if items:
            names = ", ".join(rich(i.title) for i in items[:8])
            more = f" and {len(items) - 8} more" if len(items) > 8 else ""
            lists.append(f"<br><b>{label}:</b> {names}{more}")
    return text + "".join(lists)


class PathPanel(QWidget):
    """The whole path; emits what the learner asks for, the tab does it."""

    open_clicked = Signal(int)
    play_clicked = Signal(int)
    state_clicked = Signal(int, str)
    regenerate_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.path: LearningPathView | None = None
        self.cards: list[PathItemCard] = []
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.title = QLabel("<h3 style='margin:0'>Your learning path</h3>")
        self.regen_btn = QPushButton("Regenerate path")
        self.regen_btn.setToolTip(
            "Build a new path from your current levels; progress on items is kept."
        )
        self.regen_btn.clicked.connect(self.regenerate_clicked.emit)
        head.addWidget(self.title, 1)
        head.addWidget(self.regen_btn)
        v.addLayout(head)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        v.addWidget(self.meta)
        self.bar = QProgressBar()
        self.bar.setFixedHeight(14)
        v.addWidget(self.bar)
        self.stale = QLabel()
        self.stale.setWordWrap(True)
        theme.set_notice(self.stale, "warning")
        v.addWidget(self.stale)
        self.changes = QLabel()
        self.changes.setWordWrap(True)
        self.changes.setTextFormat(Qt.TextFormat.RichText)
        theme.set_notice(self.changes, "info")
        v.addWidget(self.changes)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setFixedHeight(10)
        self.busy.setVisible(False)
        v.addWidget(self.busy)

        self.empty = QWidget()
        e = QVBoxLayout(self.empty)
        self.empty_text = QLabel(
            "No learning path yet. CareerDesk builds one from the gaps between your levels and "
            "your target role: free courses, videos, articles and exercises, in order, with the "
            "reason for each."
        )
        self.empty_text.setWordWrap(True)
        self.build_btn = QPushButton("Build my learning path")
        self.build_btn.clicked.connect(self.regenerate_clicked.emit)
        e.addWidget(self.empty_text)
        e.addWidget(self.build_btn, 0, Qt.AlignmentFlag.AlignLeft)
        e.addStretch(1)
        v.addWidget(self.empty)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.list_widget = QWidget()
        self.list_layout = QVBoxLayout(self.list_widget)
        self.list_layout.setContentsMargins(0, 4, 6, 4)
        self.list_layout.setSpacing(8)
        self.scroll_area.setWidget(self.list_widget)
        v.addWidget(self.scroll_area, 1)
        self.show_path(None)

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.regen_btn.setEnabled(not busy)
        self.build_btn.setEnabled(not busy)

    def show_path(self, path: LearningPathView | None, *, show_changes: bool = False) -> None:
        # Keep the scroll position when the same path is redrawn (an item changed state).
        same = path is not None and self.path is not None and path.id == self.path.id
        scroll_to = self.scroll_area.verticalScrollBar().value() if same else 0
        self.path = path
        has = path is not None
        for w in (self.meta, self.bar, self.scroll_area, self.regen_btn):
            w.setVisible(has)
        self.empty.setVisible(not has)
        self.stale.setVisible(bool(path and path.stale_reason))
        # After a regeneration in this session the summary is news; otherwise it is history.
        self.changes.setVisible(bool(path and path.changes and path.changes.previous_path_id))
        self._fresh_changes = show_changes
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        while self.list_layout.count():
            layout_item = self.list_layout.takeAt(0)
            widget = layout_item.widget() if layout_item is not None else None
            if widget is not None:
                widget.deleteLater()
        if path is None:
            return
        n = len(path.items)
        self.meta.setText(
            f"Built {short_date(path.created_at)} for <b>{rich(path.role_title)}</b> · {n} items · "
            f"{path.done} done · {path.in_progress} in progress · "
            f"{'every gap closed' if path.complete else f'{path.gaps_open} gaps open'}<br>"
            f"About <b>{path.total_hours:.0f} h</b> of study to reach the role's levels "
            f"(CareerDesk's estimates) · this path: {path.content_hours:.0f} h of material"
        )
        self.bar.setRange(0, max(1, n))
        self.bar.setValue(path.done)
        self.bar.setFormat(f"{path.done} of {n} done")
        if path.stale_reason:
            self.stale.setText(f"{path.stale_reason} Regenerate to update the path.")
        if path.changes is not None:
            when = (
                ""
                if self._fresh_changes
                else f" (when it was built on {short_date(path.created_at)})"
            )
            self.changes.setText(changes_html(path.changes, when))
        if not path.items:
            done = QLabel(
                "Nothing to learn for this role right now: your levels meet every requirement. "
                "Take an assessment to confirm them, or pick a more demanding role."
            )
            done.setWordWrap(True)
            self.list_layout.addWidget(done)
        gaps = {g.skill_id: g for g in path.gaps}
        current_skill = None
        for item in path.items:
            if item.skill != current_skill:
                current_skill = item.skill
                g = gaps.get(item.skill)
                if g is not None:
                    where = "not rated" if g.source is None else g.level_text
                    header = QLabel(
                        f"<b>{rich(g.skill_name)}</b> — you {where}, needed {g.target} "
                        f"(importance {g.importance}/5) · about {g.hours:.0f} h"
                    )
                    header.setTextFormat(Qt.TextFormat.RichText)
                    header.setWordWrap(True)  # a long skill line must not widen the list
                    header.setStyleSheet("margin-top: 6px;")
                    self.list_layout.addWidget(header)
            card = PathItemCard(item)
            card.open_clicked.connect(self.open_clicked.emit)
            card.play_clicked.connect(self.play_clicked.emit)
            card.state_clicked.connect(self.state_clicked.emit)
            self.cards.append(card)
            self.list_layout.addWidget(card)
        self.list_layout.addStretch(1)
        bar = self.scroll_area.verticalScrollBar()
        QTimer.singleShot(0, bar, lambda: bar.setValue(scroll_to))

    def card_for(self, content_id: int) -> PathItemCard:
        return next(c for c in self.cards if c.item.content_id == content_id)
