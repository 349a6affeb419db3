"""The settings dialog: one page per module in ``settings_pages`` (each exposes ``PAGE``)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from careerdesk.ui.context import UiContext


@dataclass(frozen=True)
class SettingsPage:
    title: str
    order: int
    factory: Callable[[UiContext], QWidget]


def discover_pages() -> list[SettingsPage]:
    from careerdesk.ui.dialogs import settings_pages as pkg

    pages = []
    for info in pkgutil.iter_modules(pkg.__path__):
        module = importlib.import_module(f"{pkg.__name__}.{info.name}")
        page = getattr(module, "PAGE", None)
        if isinstance(page, SettingsPage):
            pages.append(page)
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
