"""Settings → Data: where everything lives, and the backup rotation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from careerdesk.app import database_url
from careerdesk.core.storage import backup as backups
from careerdesk.ui.common import desktop
from careerdesk.ui.settings.dialog import SettingsPage
from careerdesk.ui.shell.context import UiContext


class DataPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        app = ctx.app
        layout = QVBoxLayout(self)
        form = QFormLayout()
        url = database_url(app.paths)
        db_text = (
            str(app.paths.db_path)
            if url.startswith("sqlite")
            else "shared database (CAREERDESK_DB_URL)"
        )
        for label, value in (
            ("Data folder:", str(app.paths.data_dir)),
            ("Database:", db_text),
            ("Backups:", str(app.paths.backup_dir)),
            ("Logs:", str(app.paths.log_dir)),
        ):
            field = QLabel(value)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, field)
        count = len(backups.list_backups(app.paths.backup_dir))
        form.addRow("Backups kept now:", QLabel(str(count)))
        b = app.settings.backup
        for label, attr, maximum in (
            ("Keep daily backups:", "keep_daily", 60),
            ("Keep weekly backups:", "keep_weekly", 52),
            ("Keep monthly backups:", "keep_monthly", 36),
        ):
            spin = QSpinBox()
            spin.setRange(1 if attr == "keep_daily" else 0, maximum)
            spin.setValue(getattr(b, attr))
            spin.valueChanged.connect(lambda v, a=attr: setattr(b, a, v))
            form.addRow(label, spin)
        layout.addLayout(form)
        note = QLabel(
            "To keep your data somewhere else (a USB stick, a synced folder), start CareerDesk "
            "with the CAREERDESK_HOME environment variable set to that folder."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        open_btn = QPushButton("Open data folder")
        open_btn.clicked.connect(lambda: desktop.open_folder(app.paths.data_dir, self))
        layout.addWidget(open_btn)
        layout.addStretch(1)


PAGE = SettingsPage("Data", 90, DataPage)
