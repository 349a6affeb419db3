"""Every screen fits, is named and is readable (issue 18; docs/design.md).

Opens every tab and the main dialogs with the demo profile at 1024×700 and 1440×900, in
the light and the dark theme, and fails on:

- text that does not fit: a label, button, tab or item-view header section (a table's or
  tree's column, or a row label) narrower than its text
  (word-wrapped labels: taller text than the label), unless the widget is marked as eliding
  on purpose (``theme.ELIDES`` property);
- an interactive widget without an accessible name (Qt's own: a button's text, a buddy
  label, or ``accessibleName``), as a screen reader would find it;
- text under 4.5:1 contrast against the background it is drawn on (palette colours and
  colours inside rich text), WCAG AA; disabled widgets are exempt, as WCAG says.

Hidden widgets (other pages of a stack, collapsed sections) are not checked: the user
cannot see them on that screen.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAccessible, QColor, QFontMetrics, QPalette, QTextDocument
from PySide6.QtGui import Qt as QtGuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSlider,
    QStyle,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QWidget,
)

from careerdesk.ui.common import theme
from tests.ui.screens import demo_window, main_dialogs

SIZES = ((1024, 700), (1440, 900))
TOLERANCE = 2  # px: anti-aliasing and rounding in the metrics
SPAN_COLOUR = re.compile(r"(?<![-\w])color\s*:\s*(#[0-9a-fA-F]{6})[^>]*>([^<]*)")
# A coloured mark ("●" before a state's name) is a graphic: WCAG asks 3:1 of it, not 4.5:1.
MARKS = set("●◐○■□▲▼◆✔✘✓✗★☆•")
INTERACTIVE = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QTextEdit,
    QPlainTextEdit,
    QSlider,
    QAbstractItemView,
    QAbstractButton,
)


def _process(rounds: int = 5) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents()


def _visible(w: QWidget) -> bool:
    return w.isVisible() and w.width() > 0 and w.height() > 0


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _elides(w: QWidget) -> bool:
    """Marked as eliding on purpose (the widget itself or a parent)."""
    node: QWidget | None = w
    while node is not None:
        if node.property(theme.ELIDES):
            return True
        node = node.parentWidget()
    return False


def _where(w: QWidget) -> str:
    path: list[str] = []
    node: QWidget | None = w
    while node is not None and len(path) < 4:
        path.append(node.objectName() or type(node).__name__)
        node = node.parentWidget()
    return "/".join(reversed(path))


# -- fit -------------------------------------------------------------------------------------
def label_fits(label: QLabel) -> str | None:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    rect = label.contentsRect()
    margin = label.margin() * 2 + label.indent() if label.indent() > 0 else label.margin() * 2
    width = rect.width() - margin
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        if need > label.height() + TOLERANCE:
            return f"wrapped text needs {need}px height, has {label.height()}"
        return None
    if label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGuiQt.mightBeRichText(text)
    ):
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        need = int(doc.idealWidth())
    else:
        metrics = QFontMetrics(label.font())
        need = max(metrics.horizontalAdvance(line) for line in text.splitlines() or [""])
    if need > width + TOLERANCE:
        return f"text needs {need}px, has {width}"
    return None


def button_fits(button: QAbstractButton) -> str | None:
    text = _plain(button.text())
    if not text:
        return None
    metrics = QFontMetrics(button.font())
    need = max(metrics.horizontalAdvance(line) for line in text.splitlines())
    if not button.icon().isNull():
        need += button.iconSize().width() + 4
    if isinstance(button, QPushButton):
        need += 2 * button.style().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button)
        if button.menu() is not None:
            need += 12
    elif isinstance(button, QCheckBox | QRadioButton):
        need += button.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, button) + 4
    else:
        need += 6
    if need > button.width() + TOLERANCE:
        return f"button text needs {need}px, has {button.width()}"
    return None


def tab_bar_fits(bar: QTabBar) -> list[str]:
    problems = []
    metrics = QFontMetrics(bar.font())
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        rect = bar.tabRect(i)
        text = _plain(bar.tabText(i))
        need = metrics.horizontalAdvance(text)
        if rect.width() < need + TOLERANCE:
            problems.append(f"tab {text!r} needs {need}px, has {rect.width()}")
        if rect.right() > bar.width() + TOLERANCE:
            problems.append(f"tab {text!r} is off the end of its bar (tabs overflow)")
    return problems


def header_fits(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None:
        return []
    problems = []
    metrics = QFontMetrics(header.font())
    orientation = header.orientation()
    across = orientation == Qt.Orientation.Horizontal
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionSize(section) == 0:
            continue
        if header.sectionViewportPosition(section) >= (
            header.viewport().width() if across else header.viewport().height()
        ):
            continue  # scrolled out of sight (a long table's lower rows)
        text = str(model.headerData(section, orientation) or "")
        if not text:
            continue
        lines = text.splitlines() or [""]
        need = max(metrics.horizontalAdvance(line) for line in lines) + 8  # section padding
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            need += 12
        # A column's label must fit its width; a row's label (a table read sideways, such
        # as the offer comparison) must fit the header's width.
        has = header.sectionSize(section) if across else header.width()
        if has + TOLERANCE < need:
            what = "column" if across else "row"
            problems.append(f"{what} {text!r} needs {need}px, has {has}")
    return problems


# -- names -----------------------------------------------------------------------------------
def accessible_name(w: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(w)
    name = iface.text(QAccessible.Text.Name) if iface is not None else ""
    return (name or w.accessibleName()).strip()


def needs_name(w: QWidget) -> bool:
    if not isinstance(w, INTERACTIVE) or not w.isEnabled():
        return False
    if isinstance(w, QToolButton) and w.parentWidget() is not None:
        parent = w.parentWidget()
        # the arrows and scroll buttons that Qt adds to tab bars, spin boxes, scroll areas
        if isinstance(parent, QTabBar | QAbstractSpinBox | QAbstractScrollArea):
            return False
    if w.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(w, QAbstractButton):
        return False
    # the editor inside a combo or spin box: its owner carries the name
    return not (
        isinstance(w, QLineEdit) and isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox)
    )


# -- contrast --------------------------------------------------------------------------------
def background_of(w: QWidget) -> QColor:
    """The colour behind ``w``: the nearest widget (itself first) that paints its own."""
    node: QWidget | None = w
    while node is not None:
        viewport_of = node.parentWidget()
        if (
            node.autoFillBackground()
            or "background" in node.styleSheet()
            or node.isWindow()
            or (
                isinstance(viewport_of, QAbstractScrollArea)
                and viewport_of.viewport() is node
                and node.autoFillBackground()
            )
        ):
            return _over_parent(node, node.palette().color(node.backgroundRole()))
        if isinstance(node, QAbstractItemView | QLineEdit | QTextEdit | QPlainTextEdit):
            return _over_parent(node, node.palette().color(QPalette.ColorRole.Base))
        node = node.parentWidget()
    return w.palette().color(QPalette.ColorRole.Window)


def _over_parent(node: QWidget, colour: QColor) -> QColor:
    """A translucent background ("rgba(0,0,0,0.05)") as seen over what is behind it."""
    parent = node.parentWidget()
    if colour.alpha() == 255 or parent is None:
        return colour
    under = background_of(parent)
    a = colour.alphaF()
    return QColor(
        round(colour.red() * a + under.red() * (1 - a)),
        round(colour.green() * a + under.green() * (1 - a)),
        round(colour.blue() * a + under.blue() * (1 - a)),
    )


def label_contrast(label: QLabel) -> list[str]:
    if not label.isEnabled() or not label.text().strip():
        return []
    bg = background_of(label)
    colours = [(label.palette().color(label.foregroundRole()), theme.AA_TEXT)]
    for colour, content in SPAN_COLOUR.findall(label.text()):
        graphic = bool(content.strip()) and set(content.strip()) <= MARKS
        colours.append((QColor(colour), theme.AA_GRAPHIC if graphic else theme.AA_TEXT))
    problems = []
    for fg, minimum in colours:
        ratio = theme.contrast_ratio(fg, bg)
        if ratio < minimum:
            problems.append(f"contrast {ratio:.2f} ({fg.name()} on {bg.name()})")
    return problems


# -- the walk --------------------------------------------------------------------------------
def check_window(root: QWidget, screen: str) -> list[str]:
    problems: list[str] = []

    def report(w: QWidget, what: str) -> None:
        text = ""
        if isinstance(w, QLabel | QAbstractButton):
            text = f" {w.text()[:40]!r}"
        problems.append(f"{screen}: {_where(w)}{text}: {what}")

    for w in [root, *root.findChildren(QWidget)]:
        if not _visible(w):
            continue
        if isinstance(w, QLabel):
            if not _elides(w) and (why := label_fits(w)):
                report(w, why)
            for why in label_contrast(w):
                report(w, why)
        elif (
            isinstance(w, QAbstractButton)
            and not isinstance(w, QToolButton)
            and not _elides(w)
            and (why := button_fits(w))
        ):
            report(w, why)
        if isinstance(w, QTabBar) and not _elides(w):
            for why in tab_bar_fits(w):
                report(w, why)
        if isinstance(w, QHeaderView) and not _elides(w):
            for why in header_fits(w):
                report(w, why)
        if (
            isinstance(w, QAbstractScrollArea)
            and not isinstance(w, QAbstractItemView | QTextEdit | QPlainTextEdit)
            and w.horizontalScrollBar().isVisible()
            and not w.property(theme.SCROLLS_SIDEWAYS)
        ):
            # Content wider than its view: whatever is on the right is cut off.
            report(w, "content wider than its view (a sideways scroll bar)")
        if needs_name(w) and not accessible_name(w):
            report(w, "interactive widget without an accessible name")
    return problems


__all__ = ["demo_window"]  # the fixture, shared with the keyboard and date-field tests


def _wait(window: Any) -> None:
    _process()
    window.ctx.runner.wait_idle(10)
    _process()


def _check_all(window: Any, mode: str) -> list[str]:
    problems: list[str] = []
    keys = [h.key for h in window._headers]
    dialogs_seen: set[tuple[str, tuple[int, int]]] = set()
    for width, height in SIZES:
        window.resize(width, height)
        for key in keys:
            window.show_tab(key)
            _wait(window)
            problems += check_window(window, f"{mode} {width}x{height} tab {key}")
        for name, dialog in main_dialogs(window):
            # A dialog opens at its own size, capped by the screen: at both window sizes it
            # is usually the same dialog, checked once.
            size = (min(dialog.sizeHint().width(), width), min(dialog.sizeHint().height(), height))
            if (name, size) in dialogs_seen:
                dialog.deleteLater()
                continue
            dialogs_seen.add((name, size))
            dialog.resize(*size)
            dialog.show()
            _wait(window)
            pages = dialog.findChild(QTabWidget)
            if name == "settings" and pages is not None:
                for i in range(pages.count()):
                    pages.setCurrentIndex(i)
                    _wait(window)
                    problems += check_window(dialog, f"{mode} {width}x{height} {name} page {i}")
            else:
                problems += check_window(dialog, f"{mode} {width}x{height} {name}")
            dialog.reject() if name != "settings" else dialog.hide()
            dialog.deleteLater()
    return problems


def test_every_screen_fits_is_named_and_readable(demo_window: Any) -> None:
    # One window for both themes: building the demo profile costs more than the checks.
    window = demo_window
    problems: list[str] = []
    for mode in ("light", "dark"):
        theme.apply(mode)  # a switch rebuilds the tabs (MainWindow._theme_changed)
        problems += _check_all(window, mode)
    unique = sorted(set(problems))
    assert not unique, f"{len(unique)} problems:\n" + "\n".join(unique)


def test_the_checks_catch_what_they_must(qtbot: Any) -> None:
    # Hand-made faults: each must be reported, and the fixed twin must not.
    from PySide6.QtWidgets import QFormLayout, QVBoxLayout

    theme.apply("light")
    try:
        root = QWidget()
        qtbot.addWidget(root)
        layout = QVBoxLayout(root)
        clipped = QLabel("A label far too long for the little room it was given")
        clipped.setFixedWidth(60)
        narrow = QPushButton("A long button caption")
        narrow.setFixedWidth(50)
        grey = QLabel("Low-contrast helper text")
        grey.setStyleSheet("color: #aaaaaa")
        span = QLabel("<span style='color:#bbbbbb'>faint words</span>")
        unnamed = QLineEdit()
        form = QFormLayout()
        named = QLineEdit()
        form.addRow("Company:", named)  # a buddy label names it
        dot = QLabel("<span style='color:#767676'>●</span> mark")  # 4.5 on white, 3+ for marks
        from PySide6.QtWidgets import QScrollArea

        wide = QScrollArea()
        wide.setWidgetResizable(True)
        inner = QLabel("A heading that does not wrap and is much wider than its view " * 2)
        wide.setWidget(inner)
        wide.setFixedHeight(60)
        from PySide6.QtWidgets import QTableWidget

        table = QTableWidget(2, 2)
        table.setHorizontalHeaderLabels(["A heading much wider than its column", "B"])
        table.setVerticalHeaderLabels(["First-year total", "Reply by"])
        table.horizontalHeader().resizeSection(0, 40)
        table.verticalHeader().setFixedWidth(30)
        table.setAccessibleName("Probe table")
        table.setCornerButtonEnabled(False)
        for w in (clipped, narrow, grey, span, unnamed, dot, wide, table):
            layout.addWidget(w)
        layout.addLayout(form)
        root.resize(400, 500)
        root.show()
        qtbot.waitExposed(root)
        found = "\n".join(check_window(root, "probe"))
        assert "A label far too long" in found and "text needs" in found
        assert "'A long button caption': button text needs" in found
        assert "'Low-contrast helper text': contrast" in found
        assert "faint words" in found
        assert found.count("without an accessible name") == 1  # the unnamed edit only
        assert "mark" not in found
        assert "content wider than its view" in found
        assert "column 'A heading much wider than its column' needs" in found
        assert "row 'First-year total' needs" in found and "column 'B'" not in found
        clipped.setProperty(theme.ELIDES, True)
        assert "A label far too long" not in "\n".join(check_window(root, "probe"))
    finally:
        QApplication.instance().setStyleSheet("")  # type: ignore[union-attr]
