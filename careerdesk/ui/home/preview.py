"""The Home as last shown, painted at start-up before the database is open (docs/performance.md).

:func:`capture` reads what the live Home shows — its headings, texts, progress bars and
buttons, card by card, in layout order — into plain JSON; :class:`HomePreview` paints that
again, read-only, in the same order and with the same card frames. The window shows the
preview in the Home tab until the live Home has loaded its own data, then swaps it out
(:mod:`careerdesk.core.kernel.home_snapshot` decides when a snapshot may be shown at all).

Qt and the standard library only: this module is imported before the window's first paint.
"""

from __future__ import annotations

import base64
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

Block = dict[str, Any]

# A picture of a widget CareerDesk paints itself (the readiness gauge, a table) is kept only
# up to this size: the preview is for a glance, not a copy of every pixel.
MAX_PICTURE_BYTES = 200_000


def _margins(layout: QLayout) -> list[int]:
    m = layout.contentsMargins()
    return [m.left(), m.top(), m.right(), m.bottom()]


def _item_block(layout: QLayout, index: int) -> Block | None:
    item = layout.itemAt(index)
    if item is None:
        return None
    child_layout = item.layout()
    if child_layout is not None:
        return _layout_block(child_layout)
    widget = item.widget()
    if widget is not None:
        return _widget_block(widget)
    if item.spacerItem() is not None:
        return {"stretch": True}
    return None


def _alignment(layout: QLayout, index: int) -> int:
    item = layout.itemAt(index)
    return int(item.alignment().value) if item is not None else 0


def _layout_block(layout: QLayout) -> Block | None:
    """A layout as a box (or a grid) of blocks, with its margins and spacing."""
    frame: Block = {"m": _margins(layout), "s": max(0, layout.spacing())}
    if isinstance(layout, QGridLayout):
        cells = []
        for i in range(layout.count()):
            block = _item_block(layout, i)
            if block is not None:
                position: Any = layout.getItemPosition(i)  # (row, column, row span, col span)
                block["al"] = _alignment(layout, i)
                cells.append([*(int(v) for v in position), block])
        stretch = [layout.columnStretch(c) for c in range(layout.columnCount())]
        gaps = {"hs": layout.horizontalSpacing(), "vs": layout.verticalSpacing()}
        return {"grid": cells, "cs": stretch, **gaps, **frame} if cells else None
    items, stretches = [], []
    for i in range(layout.count()):
        block = _item_block(layout, i)
        if block is not None:
            block["al"] = _alignment(layout, i)
            items.append(block)
            stretches.append(layout.stretch(i) if isinstance(layout, QBoxLayout) else 0)
    if not any("stretch" not in b for b in items):
        return None
    horizontal = isinstance(layout, QBoxLayout) and layout.direction() in (
        QBoxLayout.Direction.LeftToRight,
        QBoxLayout.Direction.RightToLeft,
    )
    return {"box": items, "h": horizontal, "st": stretches, **frame}


def _picture(widget: QWidget) -> Block | None:
    pixmap = widget.grab()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    if data.size() > MAX_PICTURE_BYTES:
        return None
    return {
        "picture": base64.b64encode(bytes(data.data())).decode("ascii"),
        "w": widget.width(),
        "h": widget.height(),
        "dpr": pixmap.devicePixelRatio(),
    }


def _widget_block(widget: QWidget) -> Block | None:
    """What ``widget`` shows, as a block; a hidden widget shows nothing."""
    # isHidden, not isVisible: the live Home may itself be on a tab that is not current.
    if widget.isHidden():
        return None
    if isinstance(widget, QLabel):
        text = widget.text()
        if not text.strip():
            return None
        rich = widget.textFormat() == Qt.TextFormat.RichText or (
            widget.textFormat() == Qt.TextFormat.AutoText and QtGuiNamespace.mightBeRichText(text)
        )
        return {
            "label": text,
            "rich": rich,
            "wrap": widget.wordWrap(),
            "align": int(widget.alignment().value),
            "style": widget.styleSheet(),
            # Headings are set by font, not markup (ui/home): keep size and weight.
            "pt": widget.font().pointSizeF(),
            "bold": widget.font().bold(),
        }
    if isinstance(widget, QProgressBar):
        span = max(1, widget.maximum() - widget.minimum())
        percent = round(100 * (widget.value() - widget.minimum()) / span)
        return {"progress": percent, "format": widget.text()}
    if isinstance(widget, QAbstractButton):
        return {"button": widget.text()} if widget.text() else None
    if isinstance(widget, QScrollArea):
        body = widget.widget()
        inner = _widget_block(body) if body is not None else None
        return {"scroll": inner} if inner is not None else None
    layout = widget.layout()
    if layout is None:
        # Painted by CareerDesk itself (a gauge) or a view (a table): keep its picture.
        return _picture(widget) if widget.width() > 0 and widget.height() > 0 else None
    block = _layout_block(layout)
    framed = isinstance(widget, QFrame) and widget.frameShape() != QFrame.Shape.NoFrame
    if block is not None and framed:
        return {"card": block}
    return block


def capture(home: QWidget) -> dict[str, Any]:
    """What ``home`` shows, as a JSON-ready document."""
    return {"root": _widget_block(home)}


class HomePreview(QWidget):
    """A read-only painting of a captured Home: the same texts and pictures in the same
    cards, boxes and margins."""

    def __init__(self, document: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homePreview")
        self.setAccessibleName("Home (loading your latest data)")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        root = document.get("root")
        widget = _build(root) if isinstance(root, dict) else None
        if widget is not None:
            outer.addWidget(widget, 1)
        else:
            outer.addStretch(1)


def _apply_frame(layout: QLayout, block: Block) -> None:
    m = block.get("m")
    if isinstance(m, list) and len(m) == 4 and all(isinstance(v, int) for v in m):
        layout.setContentsMargins(*m)
    if isinstance(block.get("s"), int):
        layout.setSpacing(block["s"])


def _build_layout(block: Block) -> QLayout | None:
    if isinstance(block.get("grid"), list):
        grid = QGridLayout()
        _apply_frame(grid, block)
        for key, setter in (("hs", grid.setHorizontalSpacing), ("vs", grid.setVerticalSpacing)):
            if isinstance(block.get(key), int) and block[key] >= 0:
                setter(block[key])
        for cell in block["grid"]:
            if not (isinstance(cell, list) and len(cell) == 5 and isinstance(cell[4], dict)):
                continue
            row, col, row_span, col_span, inner = cell
            part = _build(inner)
            if part is not None:
                grid.addWidget(part, row, col, row_span, col_span, _item_alignment(inner))
        for col, stretch in enumerate(block.get("cs") or []):
            if isinstance(stretch, int):
                grid.setColumnStretch(col, stretch)
        return grid
    if isinstance(block.get("box"), list):
        box: QBoxLayout = QHBoxLayout() if block.get("h") else QVBoxLayout()
        _apply_frame(box, block)
        stretches = block.get("st") or []
        for i, inner in enumerate(block["box"]):
            if not isinstance(inner, dict):
                continue
            stretch = stretches[i] if i < len(stretches) and isinstance(stretches[i], int) else 0
            if inner.get("stretch"):
                box.addStretch(max(1, stretch))
                continue
            part = _build(inner)
            if part is None:
                continue
            box.addWidget(part, stretch, _item_alignment(inner))
        return box
    return None


def _item_alignment(block: Block) -> Qt.AlignmentFlag:
    value = block.get("al")
    return Qt.AlignmentFlag(value) if isinstance(value, int) else Qt.AlignmentFlag(0)


def _build(block: Block) -> QWidget | None:
    """The read-only widget for one captured block."""
    if isinstance(block.get("card"), dict):
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inner = _build_layout(block["card"])
        if inner is not None:
            frame.setLayout(inner)
        return frame
    if "grid" in block or "box" in block:
        layout = _build_layout(block)
        if layout is None:
            return None
        holder = QWidget()
        holder.setLayout(layout)
        return holder
    if isinstance(block.get("scroll"), dict):
        body = _build(block["scroll"])
        if body is None:
            return None
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        return scroll
    if isinstance(block.get("label"), str):
        label = QLabel(block["label"])
        # A stored text is shown as the live Home showed it: rich only where it was.
        label.setTextFormat(
            Qt.TextFormat.RichText if block.get("rich") else Qt.TextFormat.PlainText
        )
        label.setWordWrap(bool(block.get("wrap")))
        if isinstance(block.get("align"), int) and block["align"]:
            label.setAlignment(Qt.AlignmentFlag(block["align"]))
        if isinstance(block.get("style"), str) and block["style"]:
            label.setStyleSheet(block["style"])
        font = QFont(label.font())
        if isinstance(block.get("pt"), int | float) and block["pt"] > 0:
            font.setPointSizeF(float(block["pt"]))
        font.setBold(bool(block.get("bold")))
        label.setFont(font)
        return label
    if isinstance(block.get("progress"), int):
        bar = QProgressBar()
        bar.setRange(0, 100)
        bar.setValue(block["progress"])
        if isinstance(block.get("format"), str):
            bar.setFormat(block["format"])
        return bar
    if isinstance(block.get("button"), str):
        # Not live yet: a button does nothing until the real Home takes over.
        button = QPushButton(block["button"])
        button.setEnabled(False)
        return button
    if isinstance(block.get("picture"), str):
        pixmap = QPixmap()
        try:
            pixmap.loadFromData(base64.b64decode(block["picture"], validate=True), "PNG")
        except ValueError:
            return None
        if isinstance(block.get("dpr"), int | float) and block["dpr"] > 0:
            pixmap.setDevicePixelRatio(float(block["dpr"]))
        picture = QLabel()
        picture.setPixmap(pixmap)
        picture.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if isinstance(block.get("h"), int):
            picture.setMinimumHeight(block["h"])
        return picture
    return None
