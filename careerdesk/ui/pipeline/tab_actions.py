"""The Pipeline tab's actions on one application or the whole list: company card, delete,
paste a posting, import and export (split from ``pipeline_widget.py``; docs/pipeline.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from careerdesk.core.pipeline.service import ApplicationService
    from careerdesk.ui.pipeline.detail import DetailPanel
    from careerdesk.ui.pipeline.store import PipelineStore
    from careerdesk.ui.postings.capture import PostingCapture
    from careerdesk.ui.shell.context import UiContext


class PipelineActions(QWidget):
    """Mixed into ``PipelineTab``, which provides the attributes below."""

    ctx: UiContext
    svc: ApplicationService
    store: PipelineStore
    detail: DetailPanel
    capture: PostingCapture

    def current_id(self) -> int | None:
        raise NotImplementedError

    # -- postings and company cards (docs/postings.md) ---------------------------------------
    def paste_posting(self) -> None:
        """Ctrl+Shift+V: propose an application from the job posting on the clipboard."""
        if self.ctx.profile_id is not None:
            self.capture.paste_clipboard()

    def company_card(self, company: str) -> None:
        from careerdesk.ui.companies import open_card

        open_card(self.ctx, company, self.window())

    def company_card_current(self) -> None:
        app_id = self.detail.app_id if self.detail.isVisible() else None
        row = self.store.rows.get(app_id if app_id is not None else self.current_id() or -1)
        if row is not None:
            self.company_card(row.company)

    def delete_current(self) -> None:
        app_id = self.current_id()
        if app_id is not None:
            self.delete(app_id)

    def delete(self, app_id: int) -> None:
        row = self.store.rows.get(app_id)
        if row is None:
            return
        answer = QMessageBox.warning(
            self,
            "Delete application",
            f"Delete {row.company} — {row.title}?\n\nIts history, interviews, offers, contacts "
            "and documents list go with it. This cannot be undone.",
            QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ctx.runner.run(
            lambda _s: self.svc.delete(app_id),
            write=True,
            name="delete",
            on_success=lambda _r: self.ctx.status(f"Deleted {row.company} — {row.title}", 5000),
        )

    # -- import / export (File menu) -------------------------------------------------------
    def import_applications(self, path: Path | None = None) -> None:
        from careerdesk.ui.pipeline.transfer import import_file

        import_file(self.ctx, self, path)

    def export_applications(self, fmt: str, path: Path | None = None) -> None:
        from careerdesk.ui.pipeline.transfer import export_file

        export_file(self.ctx, self, fmt, path)
