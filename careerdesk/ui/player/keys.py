"""The Player's keyboard: one set of shortcuts on the tab, and the same keys on the video
view for while it is a full-screen window of its own; drag and drop of local files.

Kept apart from :mod:`.player_widget` (the tab itself) like :mod:`.advance` and
:mod:`.actions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QKeySequence, QShortcut

if TYPE_CHECKING:
    from careerdesk.ui.player.player_widget import PlayerTab

SKIP_SHORT_S, SKIP_LONG_S = 5.0, 10.0


class PlayerKeys:
    """The shortcuts of one PlayerTab (see the module docstring)."""

    def __init__(self, tab: PlayerTab) -> None:
        self.tab = tab
        view, s = tab.view, tab.session
        keys: list[tuple[str, Any]] = [
            ("Space", s.toggle),
            ("K", s.toggle),
            ("Left", lambda: s.skip(-SKIP_SHORT_S)),
            ("Right", lambda: s.skip(SKIP_SHORT_S)),
            ("J", lambda: s.skip(-SKIP_LONG_S)),
            ("L", lambda: s.skip(SKIP_LONG_S)),
            ("M", view.mute_button.toggle),
            ("F", view.toggle_full_screen),
            ("A", view.auto_advance.toggle),
            ("Shift+N", lambda: tab.play_neighbour(+1)),
            ("Shift+P", lambda: tab.play_neighbour(-1)),
            ("<", lambda: self.step_rate(-1)),
            (">", lambda: self.step_rate(+1)),
        ]
        # The same keys on the view, enabled only while it is a full-screen window of its own
        # (two enabled shortcuts for one key in one window would cancel each other out).
        self.tab_shortcuts: list[QShortcut] = []
        self.full_shortcuts: list[QShortcut] = []
        for key, slot in keys:
            for owner, bucket in ((tab, self.tab_shortcuts), (view, self.full_shortcuts)):
                shortcut = QShortcut(QKeySequence(key), owner)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
                shortcut.setEnabled(owner is tab)
                bucket.append(shortcut)
        leave = QShortcut(QKeySequence(Qt.Key.Key_Escape), view)
        leave.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        leave.activated.connect(lambda: view.set_full_screen(False))
        view.full_screen_changed.connect(self.on_full_screen)

    def on_full_screen(self, on: bool) -> None:
        for shortcut in self.full_shortcuts:
            shortcut.setEnabled(on)
        for shortcut in self.tab_shortcuts:
            shortcut.setEnabled(not on)

    def step_rate(self, step: int) -> None:
        combo = self.tab.view.speed
        combo.setCurrentIndex(max(0, min(combo.count() - 1, combo.currentIndex() + step)))


def local_paths(mime: QMimeData) -> list[str]:
    """The local files and folders a drag carries (links and text are not for the Player)."""
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]
