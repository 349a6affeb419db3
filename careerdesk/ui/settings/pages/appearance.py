"""Settings → Appearance: light, dark, or following the system (docs/design.md)."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QVBoxLayout, QWidget

from careerdesk.ui.common import theme
from careerdesk.ui.settings.dialog import SettingsPage
from careerdesk.ui.shell.context import UiContext

CHOICES = (
    ("system", "Same as my computer"),
    ("light", "Light"),
    ("dark", "Dark"),
)


class AppearancePage(QWidget):
    """The choice applies at once and is saved with the other settings."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Colours:"))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        chosen = ctx.app.settings.appearance.theme
        for mode, label in CHOICES:
            button = QRadioButton(label)
            button.setChecked(mode == chosen)
            button.toggled.connect(lambda on, m=mode: self._toggled(on, m))
            self.group.addButton(button)
            self.buttons[mode] = button
            layout.addWidget(button)
        hint = QLabel(
            "“Same as my computer” switches between light and dark when your computer does."
        )
        hint.setWordWrap(True)
        theme.set_tone(hint, "muted")
        layout.addWidget(hint)
        layout.addStretch(1)

    def _toggled(self, on: bool, mode: str) -> None:
        if on:  # the button switched off fires too
            self.choose(mode)

    def choose(self, mode: str) -> None:
        self.ctx.app.settings.appearance.theme = mode
        theme.apply(mode)
        self.ctx.app.save_settings()


PAGE = SettingsPage("Appearance", 15, AppearancePage)
