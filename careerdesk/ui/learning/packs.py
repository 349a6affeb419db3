"""File → Import → Content pack…: install a pack for every profile (docs/packs.md).

The chooser is the app's one file dialog helper; the import (copying and checking the
videos, writing the rows) runs on the task runner's write lane with a progress dialog and
Cancel, which leaves nothing behind. Success and failure are said in a message box. Not
offered in a kiosk: there, the advisor installs packs with ``careerdesk content import``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from careerdesk.ui.common import file_dialogs
from careerdesk.ui.common.progress import run_with_progress

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

    def done(result: PackImport) -> None:
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
        from careerdesk.core.kernel.errors import UserError

        if isinstance(exc, UserError):
            QMessageBox.warning(parent, "Nothing was imported", exc.message)
        else:
            ctx.report(exc)

    # Cancel: the service removes what it copied, nothing is imported.
    run_with_progress(
        ctx.runner,
        parent,
        lambda progress: service.import_pack(path, progress),
        label=f"Importing {path.name}…",
        title="Import content pack",
        name="import-content-pack",
        write=True,
        on_success=done,
        on_error=failed,
    )
