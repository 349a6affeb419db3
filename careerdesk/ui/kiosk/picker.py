"""The kiosk's start screen: big, touch-friendly learner tiles and an advisor button.

The picker shows learners' profile names only (no other details). Choosing a tile emits
``learner_chosen``; the controller asks for the learner's PIN when they have one.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk import APP_NAME
from careerdesk.core.profiles.service import ProfileInfo

TILE_SIZE = QSize(220, 112)
COLUMNS = 4
SEARCH_FROM = 12  # show a filter box once there are this many learners

_TILE_STYLE = (
    "QToolButton { font-size: 20px; border: 2px solid palette(mid); border-radius: 12px; "
    "padding: 10px; background: palette(base); }"
    "QToolButton:hover { border-color: palette(highlight); }"
    "QToolButton:pressed { background: palette(midlight); }"
)


class LearnerPicker(QWidget):
    """Tiles for every learner, "I'm new here" and a small "Advisor" button."""

    learner_chosen = Signal(int)
    new_learner_requested = Signal()
    advisor_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPicker")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 36, 48, 24)
        outer.setSpacing(18)

        title = QLabel("Who's using CareerDesk?")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(title)
        subtitle = QLabel("Tap your name to continue. Your data is kept private to you.")
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sub_font = QFont(subtitle.font())
        sub_font.setPointSizeF(sub_font.pointSizeF() * 1.3)
        subtitle.setFont(sub_font)
        outer.addWidget(subtitle)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Type part of your name…")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(44)
        self.search.setFont(sub_font)
        self.search.textChanged.connect(self._apply_filter)
        outer.addWidget(self.search, 0, Qt.AlignmentFlag.AlignHCenter)
        self.search.setMinimumWidth(420)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(18)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll_area.setWidget(self.grid_host)
        outer.addWidget(self.scroll_area, 1)

        self.empty = QLabel(
            "No learners yet. Tap “I'm new here” to create your profile, "
            "or ask an advisor to set one up."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setFont(sub_font)
        outer.addWidget(self.empty)

        self.busy = QLabel("Saving the last session…")
        self.busy.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy.setVisible(False)
        outer.addWidget(self.busy)

        row = QHBoxLayout()
        self.new_button = QPushButton("I'm new here")
        self.new_button.setMinimumSize(220, 64)
        self.new_button.setFont(sub_font)
        self.new_button.clicked.connect(self.new_learner_requested)
        row.addStretch(1)
        row.addWidget(self.new_button)
        row.addStretch(1)
        self.advisor_button = QPushButton("Advisor")
        self.advisor_button.setMinimumHeight(44)
        self.advisor_button.setToolTip("Advisor sign-in (PIN)")
        self.advisor_button.clicked.connect(self.advisor_requested)
        row.addWidget(self.advisor_button)
        outer.addLayout(row)
        footer = QLabel(APP_NAME)
        footer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        footer.setEnabled(False)
        outer.addWidget(footer)

        self.tiles: dict[int, QToolButton] = {}
        self._names: dict[int, str] = {}
        self.setup_mode = False

    def set_setup(self, setting_up: bool) -> None:
        """Before the advisor PIN exists no learner may be shown anything: the picker says
        the kiosk is being set up and offers nothing to tap (issue 18)."""
        self.setup_mode = setting_up
        for widget in (self.scroll_area, self.new_button, self.advisor_button, self.search):
            widget.setVisible(not setting_up)
        self.empty.setVisible(setting_up)
        if setting_up:
            self.empty.setText("This kiosk is being set up by an advisor.")

    def clear_search(self) -> None:
        """The next person starts with an empty filter (nothing typed carries over)."""
        self.search.clear()

    def set_learners(self, profiles: list[ProfileInfo]) -> None:
        """Show one tile per learner (name only; "(PIN)" marks a PIN-protected profile)."""
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles, self._names = {}, {}
        for p in profiles:
            tile = QToolButton()
            tile.setText(f"{p.name}\n(PIN)" if p.has_pin else p.name)
            tile.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            tile.setFixedSize(TILE_SIZE)
            tile.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            tile.setStyleSheet(_TILE_STYLE)
            tile.setAccessibleName(p.name)
            tile.clicked.connect(lambda _c=False, pid=p.id: self.learner_chosen.emit(pid))
            self.tiles[p.id] = tile
            self._names[p.id] = p.name.lower()
        if self.setup_mode:
            return
        self.empty.setText(
            "No learners yet. Tap “I'm new here” to create your profile, "
            "or ask an advisor to set one up."
        )
        self.search.setVisible(len(profiles) >= SEARCH_FROM)
        self.empty.setVisible(not profiles)
        self._apply_filter()

    def _apply_filter(self) -> None:
        needle = self.search.text().strip().lower() if self.search.isVisible() else ""
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
            tile.setVisible(False)
        shown = [pid for pid in self.tiles if needle in self._names[pid]]
        for i, pid in enumerate(shown):
            self.grid.addWidget(self.tiles[pid], i // COLUMNS, i % COLUMNS)
            self.tiles[pid].setVisible(True)

    def set_busy(self, busy: bool) -> None:
        """While the previous session is being saved, nothing can be chosen."""
        self.busy.setVisible(busy)
        self.grid_host.setEnabled(not busy)
        self.new_button.setEnabled(not busy)
        self.advisor_button.setEnabled(not busy)
