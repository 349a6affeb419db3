"""The settings dialog: one page per module of ``careerdesk.ui.settings.pages`` (``PAGE``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from careerdesk.core.kernel.plugins import SETTINGS_PAGES, discover
from careerdesk.ui.shell.context import UiContext


@dataclass(frozen=True)
class SettingsPage:
    title: str
    order: int
    factory: Callable[[UiContext], QWidget]


def discover_pages() -> list[SettingsPage]:
    pages = [p.value for p in discover(SETTINGS_PAGES) if isinstance(p.value, SettingsPage)]
    return sorted(pages, key=lambda p: (p.order, p.title))


class SettingsDialog(QDialog):
    """Changes apply as they are made (each page saves its own section)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Settings")
        self.setMinimumSize(560, 420)
        layout = QVBoxLayout(self)
        self.pages = QTabWidget()
        for page in discover_pages():
            self.pages.addTab(page.factory(ctx), page.title)
        layout.addWidget(self.pages)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def done(self, result: int) -> None:
        self.ctx.app.save_settings()
        super().done(result)
