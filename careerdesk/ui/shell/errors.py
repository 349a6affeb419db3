"""Expected errors become short messages; bugs become a report with the traceback."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from careerdesk import APP_NAME, __version__
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kernel.ports import AIError
from careerdesk.logging_setup import scrub

log = logging.getLogger(__name__)


class ErrorReportDialog(QDialog):
    """Shows an unexpected error with a copyable report (scrubbed of secrets)."""

    def __init__(self, exc: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME}: something went wrong")
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        self.report = scrub(f"{APP_NAME} {__version__}\n{tb}")
        layout = QVBoxLayout(self)
        label = QLabel(
            "CareerDesk hit an unexpected problem. Your saved data is safe; the action that "
            "failed was not completed.\nIf it keeps happening, copy this report and send it to "
            "the developers."
        )
        label.setWordWrap(True)
        layout.addWidget(label)
        text = QPlainTextEdit(self.report)
        text.setReadOnly(True)
        text.setMinimumSize(560, 220)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Copy report", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(self.report))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_error(exc: BaseException, parent: QWidget | None = None, title: str = APP_NAME) -> None:
    """Tell the user about ``exc`` the right way for its kind."""
    if isinstance(exc, UserError | AIError):
        QMessageBox.warning(parent, title, exc.message)
    else:
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        ErrorReportDialog(exc, parent).exec()


def install_excepthook() -> None:
    """Route uncaught exceptions in Qt callbacks to the log and the report dialog."""

    def hook(etype: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(etype, KeyboardInterrupt):
            sys.__excepthook__(etype, value, tb)
            return
        log.error("uncaught exception", exc_info=(etype, value, tb))
        if QApplication.instance() is not None:
            try:
                show_error(value, QApplication.activeWindow())
            except Exception:
                log.exception("could not show the error dialog")

    sys.excepthook = hook
