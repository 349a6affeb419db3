"""File → Import → Content pack…: install a pack for every profile (docs/packs.md).

The chooser is the app's one file dialog helper; the import (copying and checking the
videos, writing the rows) runs on the task runner's write lane with a progress dialog and
Cancel, which leaves nothing behind. Success and failure are said in a message box. Not
offered in a kiosk: there, the advisor installs packs with ``careerdesk content import``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from careerdesk.ui.common import file_dialogs

if TYPE_CHECKING:
    from careerdesk.core.packs.models import PackImport
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

FILTER = "Content pack (careerdesk-pack.json *.zip);;All files (*)"


def install_pack_import(window: MainWindow, ctx: UiContext) -> None:
    """Add File → Import → Content pack… (not in a kiosk: see the module docstring)."""
    if ctx.kiosk:
        return
    action = QAction("Content &pack (videos for every profile)…", window)
    action.triggered.connect(lambda: import_pack(ctx, window))
    window.import_menu.addAction(action)


def import_pack(ctx: UiContext, parent: QWidget, path: Path | None = None) -> None:
    """Ask for a pack (its careerdesk-pack.json or a .zip) and install it in the background."""
    if path is None:
        path = file_dialogs.open_file(
            parent,
            "Import a content pack: choose its careerdesk-pack.json or .zip",
            purpose="content-pack-import",
            filter=FILTER,
        )
        if path is None:
            return
    from careerdesk.core.packs.service import PackService

    service = ctx.service(PackService)
    dlg = QProgressDialog(f"Importing {path.name}…", "Cancel", 0, 100, parent)
    dlg.setWindowTitle("Import content pack")
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(300)
    dlg.setAutoClose(True)

    def work(state: Any) -> PackImport:
        def progress(fraction: float, message: str) -> None:
            state.check()  # Cancel: the service removes what it copied, nothing is imported
            state.progress(fraction, message)

        return service.import_pack(path, progress)

    def done(result: PackImport) -> None:
        dlg.close()
        ctx.status(result.summary(), 10_000)
        more = (
            "\n\nIts videos were copied into CareerDesk's data folder, so the pack keeps "
            "working without the drive it came from. Regenerate a learning path (Learning "
            "tab) to use its items: videos that play here come first."
            if result.created
            else ""
        )
        QMessageBox.information(parent, "Content pack", result.summary() + more)

    def failed(exc: BaseException) -> None:
        dlg.close()
        from careerdesk.core.kernel.errors import UserError

        if isinstance(exc, UserError):
            QMessageBox.warning(parent, "Nothing was imported", exc.message)
        else:
            ctx.report(exc)

    def progressed(fraction: float, message: str) -> None:
        dlg.setValue(int(fraction * 100))
        dlg.setLabelText(message)

    handle = ctx.runner.run(
        work,
        name="import-content-pack",
        write=True,
        on_success=done,
        on_error=failed,
        on_progress=progressed,
        on_cancelled=dlg.close,
    )
    dlg.canceled.connect(handle.cancel)
