"""Every screen works from the keyboard, and focus is always visible (issue 18).

For each tab with the demo profile (and the main dialogs), the test presses Tab from the
first focusable widget and records where focus goes, as a keyboard user would. It fails on:

- an enabled, visible interactive widget that Tab never reaches (no focus, or only by click);
- a widget that keeps Tab for itself (a text box without ``tabChangesFocus``: a trap);
- a focused widget that looks the same as unfocused (no visible focus indicator), checked
  on one widget of each kind per screen by comparing its pixels with and without focus.

The focus colour must stand out 3:1 against every surface in both themes (WCAG 1.4.11).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

from careerdesk.ui.common import theme
from tests.ui.screens import demo_window, main_dialogs

__all__ = ["demo_window"]

INTERACTIVE = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QTextEdit,
    QPlainTextEdit,
    QAbstractItemView,
    QAbstractButton,
    QTabBar,
)
MAX_STEPS = 400
# The Player keeps its transport controls out of the Tab order on purpose: a focused button
# or check box would take Space (play/pause) and the arrows (seek) for itself. Each of them
# has its own key instead (README, "Player"), written out here and checked to exist as a
# shortcut on the tab: a control that leaves the Tab order without a key still fails.
KEY_INSTEAD_OF_TAB = {
    ("player", "Play next automatically"): "A",
    ("player", "Full screen"): "F",
    ("player", "Mute"): "M",
    ("player", "Next item"): "Shift+N",
    ("player", "Previous item"): "Shift+P",
}


def _process() -> None:
    for _ in range(3):
        QCoreApplication.processEvents()


def _shown(w: QWidget) -> bool:
    """Visible on screen: shown, with a size, and not scrolled entirely out of its view."""
    if not (w.isVisible() and w.width() > 0 and w.height() > 0):
        return False
    return not w.visibleRegion().isEmpty()


def _qt_internal(w: QWidget) -> bool:
    """Parts Qt adds inside other widgets: their owner is what takes focus."""
    parent = w.parentWidget()
    if isinstance(w, QToolButton) and isinstance(
        parent, QTabBar | QAbstractSpinBox | QAbstractScrollArea
    ):
        return True
    if isinstance(w, QLineEdit) and isinstance(parent, QComboBox | QAbstractSpinBox):
        return True
    if isinstance(w, QScrollBar | QHeaderView):
        return True  # a table's header and scroll bars: the table itself takes focus
    # A read-only text view without links is text, not a control (a label that scrolls).
    return bool(
        isinstance(w, QTextEdit)
        and w.isReadOnly()
        and w.textInteractionFlags() & Qt.TextInteractionFlag.TextBrowserInteraction
        == Qt.TextInteractionFlag.NoTextInteraction
    )


def interactive(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, INTERACTIVE) and w.isEnabled() and _shown(w) and not _qt_internal(w)
    ]


def _tab_stops(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled() and _shown(w)
    ]


def walk(root: QWidget) -> tuple[list[QWidget], list[str]]:
    """Press Tab until focus comes back round; the widgets reached and any traps."""
    root.activateWindow()
    root.setFocus(Qt.FocusReason.OtherFocusReason)
    first = root.focusWidget() or root
    if not first.hasFocus():
        root.focusNextChild()
    _process()
    reached: list[QWidget] = []
    traps: list[str] = []
    start = QApplication.focusWidget()
    current = start
    for _ in range(MAX_STEPS):
        if current is None:
            break
        reached.append(current)
        after = current
        QTest.keyClick(current, Qt.Key.Key_Tab)
        _process()
        after = QApplication.focusWidget()
        if after is current:
            if len(_tab_stops(root)) > 1:  # alone in its window, Tab has nowhere to go
                traps.append(f"{type(current).__name__} {_name(current)!r} keeps Tab")
            QWidget.focusNextPrevChild(current, True)  # step over the trap (Qt's own move)
            _process()
            after = QApplication.focusWidget()
        if after is start or after is None:
            break
        current = after
    return reached, traps


def _name(w: QWidget) -> str:
    if w.accessibleName():
        return w.accessibleName()
    return w.text() if isinstance(w, QAbstractButton) else ""


def _owner(w: QWidget) -> QWidget:
    """The focus proxy chain's end: a combo box focuses its line edit, and so on."""
    parent = w.parentWidget()
    if isinstance(w, QLineEdit) and isinstance(parent, QComboBox | QAbstractSpinBox):
        return parent
    return w


def _image(w: QWidget) -> QImage:
    w.repaint()
    return w.grab().toImage()


def focus_is_visible(w: QWidget) -> bool:
    """The widget's pixels differ between focused and not focused."""
    w.setFocus(Qt.FocusReason.TabFocusReason)
    _process()
    focused = _image(w)
    w.clearFocus()
    _process()
    plain = _image(w)
    return focused != plain


def check_screen(root: QWidget, screen: str) -> list[str]:
    problems: list[str] = []
    reached, traps = walk(root)
    problems += [f"{screen}: {t}" for t in traps]
    seen = {id(_owner(w)) for w in reached} | {id(w) for w in reached}
    for w in reached:
        # Buttons of one exclusive group (the Board / Table / … switch) are one stop, as
        # radio buttons are: Tab reaches the checked one and the arrow keys the others.
        group = w.group() if isinstance(w, QAbstractButton) else None
        if group is not None and group.exclusive():
            seen |= {id(b) for b in group.buttons()}
    keys = {
        sc.key().toString()
        for sc in root.findChildren(QShortcut)
        if sc.isEnabled() and not sc.key().isEmpty()
    }
    for w in interactive(root):
        if id(w) in seen:
            continue
        name = _name(w)
        key = KEY_INSTEAD_OF_TAB.get((screen.split(" tab ")[-1], name))
        if key is None:
            problems.append(f"{screen}: {type(w).__name__} {name!r} is not reached by Tab")
        elif key not in keys:
            problems.append(f"{screen}: {name!r} is neither reached by Tab nor has its key {key}")
    kinds: set[type] = set()
    for w in reached:
        owner = _owner(w)
        if type(owner) in kinds or owner is root or not _shown(owner):
            continue
        kinds.add(type(owner))
        if not focus_is_visible(owner):
            name = _name(owner)
            problems.append(f"{screen}: {type(owner).__name__} {name!r} shows no focus")
    return problems


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_focus_colour_stands_out_on_every_surface(mode: str) -> None:
    p = theme.PALETTES[mode]
    ring = p.role(theme.FOCUS_ROLE)
    for surface in (*theme.SURFACES, "info_bg", "warning_bg", "danger_bg", "success_bg"):
        ratio = theme.contrast_ratio(ring, p.role(surface))
        assert ratio >= 3.0, f"{mode}: focus ring {ring} on {surface} is {ratio:.2f}:1"


def test_the_style_sheet_has_focus_rules_in_the_focus_colour() -> None:
    for p in (theme.LIGHT, theme.DARK):
        sheet = theme.style_sheet(p)
        for selector in ("QPushButton:focus", "QLineEdit:focus", "QCheckBox:focus"):
            assert selector in sheet
        assert f"2px solid {p.accent}" in sheet


def test_every_tab_and_dialog_works_from_the_keyboard(demo_window: Any) -> None:
    window = demo_window
    window.resize(1440, 900)
    problems: list[str] = []
    for mode in ("light", "dark"):
        theme.apply(mode)
        for header in [h.key for h in window._headers]:
            window.show_tab(header)
            _process()
            window.ctx.runner.wait_idle(10)
            _process()
            problems += check_screen(window, f"{mode} tab {header}")
        for name, dialog in main_dialogs(window):
            dialog.show()
            _process()
            problems += check_screen(dialog, f"{mode} {name}")
            dialog.hide()
            dialog.deleteLater()
    unique = sorted(set(problems))
    assert not unique, f"{len(unique)} problems:\n" + "\n".join(unique)


def test_the_walk_finds_traps_unreached_and_invisible_focus(qtbot: Any) -> None:
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    theme.apply("light")
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    ok = QPushButton("Reachable")
    no_tab = QPushButton("Click only")
    no_tab.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    trap = QPlainTextEdit()
    trap.setAccessibleName("Notes")
    after = QLineEdit()
    after.setAccessibleName("After the trap")
    from careerdesk.ui.common.date_field import DateField

    empty_day = DateField(optional=True)  # "Not set": Qt's own date edit would keep Tab
    empty_day.setAccessibleName("Apply by")
    for w in (ok, no_tab, trap, after, empty_day):
        layout.addWidget(w)
    root.show()
    qtbot.waitExposed(root)
    found = "\n".join(check_screen(root, "probe"))
    assert "'Click only' is not reached by Tab" in found
    assert "QPlainTextEdit 'Notes' keeps Tab" in found
    assert "Reachable" not in found and "After the trap" not in found
    assert "Apply by" not in found
    # Without the focus rules a bare line edit on Fusion still changes (its frame turns
    # the highlight colour); a widget that paints the same either way is reported.
    still = QLabelLike()
    layout.addWidget(still)
    _process()
    assert not focus_is_visible(still)


class QLabelLike(QWidget):
    """A focusable widget that paints nothing different when focused."""

    def __init__(self) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(40, 20)
