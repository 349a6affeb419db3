"""A tab's page that scrolls as a whole when the window is smaller than its content.

Home and Insights lay their sections out in one column inside a frameless scroll area, so a
1024x700 window still reaches every section (docs/design.md: spacing comes from the theme's
steps, passed in by the page).
"""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QFrame, QScrollArea, QVBoxLayout, QWidget


def scrolled_column(outer: QBoxLayout, *, margins: tuple[int, int], spacing: int) -> QVBoxLayout:
    """Add a frameless, resizable scroll area to ``outer``; return the column inside it
    (``margins``: horizontal and vertical, in pixels)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    outer.addWidget(scroll)
    body = QWidget()
    scroll.setWidget(body)
    layout = QVBoxLayout(body)
    h, v = margins
    layout.setContentsMargins(h, v, h, v)
    layout.setSpacing(spacing)
    return layout
