"""Settings → AI: the Gemini key (kept in the OS keyring), model, and a connection test."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.ports import GEMINI_API_KEY, AIError
from careerdesk.ui.settings.dialog import SettingsPage
from careerdesk.ui.shell.context import UiContext

MODELS = ("gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.5-pro")


class AIPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        app = ctx.app
        layout = QVBoxLayout(self)
        intro = QLabel(
            "CareerDesk works fully offline. With a Gemini API key it can also write quiz "
            "questions, feedback and career paths. Prompts are sent to Google only when a "
            "feature that uses Gemini runs; the key is stored in your system's keyring."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        layout.addWidget(self.keyring_note)
        form = QFormLayout()
        self.enabled = QCheckBox("Use Gemini when a key is set")
        self.enabled.setChecked(app.settings.ai.enabled)
        self.enabled.toggled.connect(self._set_enabled)
        form.addRow(self.enabled)
        self.key_status = QLabel()
        form.addRow("API key:", self.key_status)
        key_row = QHBoxLayout()
        self.key_edit = QLineEdit()
        self.key_edit.setAccessibleName("Gemini API key")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText("Paste a Gemini API key")
        self.save_key = QPushButton("Save key")
        self.remove_key = QPushButton("Remove key")
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.save_key)
        key_row.addWidget(self.remove_key)
        form.addRow("", key_row)
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.addItems(MODELS)
        self.model.setCurrentText(app.settings.ai.model)
        self.model.currentTextChanged.connect(self._set_model)
        form.addRow("Model:", self.model)
        test_row = QHBoxLayout()
        self.test_btn = QPushButton("Test connection")
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        test_row.addWidget(self.test_btn)
        test_row.addWidget(self.test_result, 1)
        form.addRow("", test_row)
        layout.addLayout(form)
        layout.addStretch(1)
        self.save_key.clicked.connect(self._save_key)
        self.remove_key.clicked.connect(self._remove_key)
        self.test_btn.clicked.connect(self._test)
        self._refresh()

    def _refresh(self) -> None:
        store = self.ctx.app.secrets
        if store.persistent:
            self.keyring_note.setText(f"Your key is kept in: {store.backend_name}.")
        else:
            self.keyring_note.setText(
                "⚠ No secure keyring is available on this system, so a key you enter is kept "
                "for this session only and forgotten when CareerDesk closes. (You can also set "
                "the GEMINI_API_KEY environment variable.)"
            )
        has_key = bool(store.get(GEMINI_API_KEY))
        self.key_status.setText("Saved" if has_key else "Not saved yet")
        self.remove_key.setEnabled(has_key)
        self.test_btn.setEnabled(self.ctx.app.ai.available())

    def _set_enabled(self, on: bool) -> None:
        self.ctx.app.settings.ai.enabled = on
        self.ctx.app.reset_ai()
        self._refresh()

    def _set_model(self, model: str) -> None:
        if model.strip():
            self.ctx.app.settings.ai.model = model.strip()
            self.ctx.app.reset_ai()

    def _save_key(self) -> None:
        key = self.key_edit.text().strip()
        if not key:
            self.test_result.setText("Paste a key first.")
            return
        try:
            self.ctx.app.secrets.set(GEMINI_API_KEY, key)
        except Exception as exc:
            self.ctx.report(exc)
            return
        self.key_edit.clear()
        self.ctx.app.reset_ai()
        self.test_result.setText("Key saved.")
        self._refresh()

    def _remove_key(self) -> None:
        self.ctx.app.secrets.delete(GEMINI_API_KEY)
        self.ctx.app.reset_ai()
        self.test_result.setText("Key removed.")
        self._refresh()

    def _test(self) -> None:
        self.test_btn.setEnabled(False)
        self.test_result.setText("Testing…")
        app = self.ctx.app

        def ok(message: str) -> None:
            self.test_result.setText(f"✓ {message}")
            self.test_btn.setEnabled(True)

        def failed(exc: BaseException) -> None:
            text = exc.message if isinstance(exc, AIError) else str(exc)
            self.test_result.setText(f"✗ {text}")
            self.test_btn.setEnabled(True)

        self.ctx.runner.run(
            lambda _s: app.test_ai_connection(), name="ai-test", on_success=ok, on_error=failed
        )


PAGE = SettingsPage("AI", 10, AIPage)
