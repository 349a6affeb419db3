"""A question's text on screen: prose labels and monospace code blocks (line breaks kept).

The bank marks code up with ``` fences and `backticks` (core/reference/markup.py). Prose
becomes word-wrapped rich-text labels (inline code in a fixed-pitch font); each code block a
label in the system's fixed-pitch font showing the code exactly as written.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from careerdesk.core.reference.markup import segments
from careerdesk.ui.common.text import rich


def prose_html(text: str) -> str:
    """Prose as rich text: `inline code` marked, line breaks kept."""
    return rich(text).replace("\n", "<br>")


def blocks_html(text: str) -> str:
    """The whole marked-up text as rich text (the review's text browser): code in <pre>."""
    parts = []
    for seg in segments(text):
        if seg.kind == "code":
            parts.append(f"<pre style='font-family: monospace'>{escape(seg.text)}</pre>")
        else:
            parts.append(prose_html(seg.text))
    return "".join(parts)


class CodeBlock(QLabel):
    """One code block: fixed-pitch, plain text, never re-wrapped (its lines are the code's)."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.setObjectName("codeBlock")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setText(code)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName("Code")
        self.setAccessibleDescription(code)
        # Palette roles, not colours: the theme decides what an alternate base looks like.
        self.setStyleSheet(
            "#codeBlock { background: palette(alternate-base); border: 1px solid palette(mid);"
            " border-radius: 4px; padding: 8px 10px; }"
        )
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)


class QuestionText(QWidget):
    """Marked-up text shown as prose labels and :class:`CodeBlock` widgets, in order."""

    def __init__(self, *, prose_style: str = "") -> None:
        super().__init__()
        self._prose_style = prose_style
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self.parts: list[QLabel] = []
        self.text = ""

    def set_text(self, text: str) -> None:
        self.text = text
        for part in self.parts:
            # Hidden at once: the deferred delete only comes when the event loop gets to it.
            part.hide()
            self._layout.removeWidget(part)
            part.deleteLater()
        self.parts = []
        for seg in segments(text):
            label: QLabel
            if seg.kind == "code":
                label = CodeBlock(seg.text)
                self._layout.addWidget(label, 0, Qt.AlignmentFlag.AlignLeft)
            else:
                label = QLabel(prose_html(seg.text))
                label.setObjectName("questionProse")
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setWordWrap(True)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
                if self._prose_style:
                    label.setStyleSheet(self._prose_style)
                self._layout.addWidget(label)
            self.parts.append(label)
        self.setAccessibleName(" ".join(s.text for s in segments(text)))

    def code_blocks(self) -> list[CodeBlock]:
        return [p for p in self.parts if isinstance(p, CodeBlock)]
