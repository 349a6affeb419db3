"""Keeps a kiosk window locked: full screen, no menus for learners, no closing, no Esc.

The guard is one application-wide event filter: it sees every input event (which it reports
as activity for the idle timer) and the window's close, state and key events, which it
intercepts. Menus are hidden *and* their actions disabled, so shortcuts die with them (a
hidden menu bar alone keeps shortcuts alive on some platforms, and on macOS a global menu
bar cannot be hidden at all — the kiosk uses an in-window one).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QWidget

_INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
}


def menu_actions(actions: list[QAction]) -> list[QAction]:
    """Every action reachable from a menu bar, submenus included."""
    out: list[QAction] = []
    for action in actions:
        out.append(action)
        menu = action.menu()
        if isinstance(menu, QMenu):  # QAction.menu() is typed as a bare QObject
            out.extend(menu_actions(menu.actions()))
    return out


class KioskGuard(QObject):
    """``on_exit_request`` runs (deferred) on a close attempt or Alt+F4; ``on_input`` on any
    user input; ``unlocked()`` says whether the advisor is signed in (then the window may
    leave full screen)."""

    def __init__(
        self,
        window: QMainWindow,
        *,
        on_exit_request: Callable[[], None],
        on_input: Callable[[], None],
        unlocked: Callable[[], bool],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.allow_close = False
        self._on_exit_request = on_exit_request
        self._on_input = on_input
        self._unlocked = unlocked
        self._menu_states: dict[QAction, bool] = {}
        window.menuBar().setNativeMenuBar(False)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def detach(self) -> None:
        """Stop watching the whole application (the kiosk window closed for good)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def lock_menus(self, locked: bool) -> None:
        """Learners get no menus: hide the bar and disable every action in it."""
        bar = self.window.menuBar()
        bar.setVisible(not locked)
        if locked:
            for action in menu_actions(bar.actions()):
                self._menu_states.setdefault(action, action.isEnabled())
                action.setEnabled(False)
        else:
            for action, enabled in self._menu_states.items():
                if shiboken6.isValid(action):  # View → tab actions die with their tabs
                    action.setEnabled(enabled)
            self._menu_states.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        etype = event.type()
        if etype in _INPUT_EVENTS:
            self._on_input()
        if watched is self.window:
            if etype == QEvent.Type.Close and not self.allow_close:
                # A filtered close event still counts as accepted unless ignored.
                event.ignore()
                QTimer.singleShot(0, self._on_exit_request)
                return True
            if (
                etype == QEvent.Type.WindowStateChange
                and not self._unlocked()
                and not self.window.isFullScreen()
            ):
                QTimer.singleShot(0, self.window.showFullScreen)
        if etype == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._filter_key(watched, event)
        return False

    def _filter_key(self, watched: QObject, event: QKeyEvent) -> bool:
        in_window = isinstance(watched, QWidget) and watched.window() is self.window
        if not in_window:
            return False  # dialogs keep Esc (it cancels them)
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 and mods & Qt.KeyboardModifier.AltModifier:
            QTimer.singleShot(0, self._on_exit_request)
            return True
        return key in (Qt.Key.Key_Escape, Qt.Key.Key_F11)
