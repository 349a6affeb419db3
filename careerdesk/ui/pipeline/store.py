"""The pipeline rows of the current profile, loaded once and kept fresh for every view.

The board and the table both read from one ``PipelineStore``: a full load runs in the
background (``ctx.runner``); a change to one application (a domain event) refetches just that
row, so a board of 10,000 cards does not reload because one card moved.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QObject, Signal

from careerdesk.core.kernel.events import DataRestored, DomainEvent
from careerdesk.core.pipeline.events import ApplicationChanged, ApplicationsImported
from careerdesk.core.pipeline.models import ApplicationRow
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.ui.shell.context import UiContext

FIRST_PAGE = 200


class PipelineStore(QObject):
    """Rows by id for the current profile; signals when they change."""

    reset = Signal()  # everything replaced (profile switch, import, first load)
    row_changed = Signal(object)  # ApplicationRow (new or updated)
    row_removed = Signal(int)  # application id
    loading = Signal(bool)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.rows: dict[int, ApplicationRow] = {}
        self.loaded = False
        self.complete = False  # False while only the first page is loaded
        self.load_seconds = 0.0
        self._generation = 0
        self._row_seq: dict[int, int] = {}  # latest fetch per row: older answers are dropped
        self.svc = ctx.service(ApplicationService)
        ctx.events.domain_event.connect(self._on_event)
        ctx.profile_changed.connect(lambda _pid: self.reload())

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Load the current profile's rows in the background, the newest first.

        The first ``FIRST_PAGE`` rows come in a quick query of their own, so a big pipeline
        paints at once; the full list follows and replaces them (``complete`` turns True).
        """
        self._generation += 1
        generation = self._generation
        pid = self.ctx.profile_id
        if pid is None:
            self.rows, self.loaded, self.complete = {}, True, True
            self.reset.emit()
            return
        self.loading.emit(True)
        started = time.perf_counter()

        def full(rows: list[ApplicationRow]) -> None:
            if generation != self._generation:
                return  # a newer load (or a profile switch) superseded this one
            self.load_seconds = time.perf_counter() - started
            self.complete = True
            self.set_rows(rows)
            self.loading.emit(False)

        def first(rows: list[ApplicationRow]) -> None:
            if generation != self._generation:
                return
            if len(rows) < FIRST_PAGE:
                full(rows)  # that was everything
                return
            self.complete = False
            self.set_rows(rows)
            self.ctx.runner.run(
                lambda _s: self.svc.list(pid),
                name="pipeline-load",
                on_success=full,
                on_error=failed,
            )

        def failed(exc: BaseException) -> None:
            self.loading.emit(False)
            self.ctx.report(exc)

        self.ctx.runner.run(
            lambda _s: self.svc.list(pid, limit=FIRST_PAGE),
            name="pipeline-first-page",
            on_success=first,
            on_error=failed,
        )

    def set_rows(self, rows: list[ApplicationRow]) -> None:
        self.rows = {r.id: r for r in rows}
        self.loaded = True
        self.reset.emit()

    def all(self) -> list[ApplicationRow]:
        return list(self.rows.values())

    # -- keeping fresh ---------------------------------------------------------------------
    def _on_event(self, event: DomainEvent) -> None:
        if isinstance(event, DataRestored):
            self.reload()
            return
        if event.profile_id != self.ctx.profile_id or self.ctx.profile_id is None:
            return
        if isinstance(event, ApplicationsImported):
            self.reload()
        elif isinstance(event, ApplicationChanged):
            self.refresh_row(event.application_id, deleted=event.change == "deleted")

    def refresh_row(self, app_id: int, *, deleted: bool = False) -> None:
        seq = self._row_seq[app_id] = self._row_seq.get(app_id, 0) + 1
        if deleted:
            if self.rows.pop(app_id, None) is not None:
                self.row_removed.emit(app_id)
            return
        generation = self._generation

        def done(row: Any) -> None:
            stale = generation != self._generation or seq != self._row_seq.get(app_id)
            if stale or row is None:
                return
            self.rows[row.id] = row
            self.row_changed.emit(row)

        def fetch(_state: Any) -> ApplicationRow | None:
            try:
                return self.svc.row(app_id)
            except Exception:
                return None  # deleted meanwhile: its own "deleted" event follows

        self.ctx.runner.run(fetch, name="pipeline-row", on_success=done)

    def apply_local(self, row: ApplicationRow) -> None:
        """Show a change at once (optimistic board move); the real row follows by event."""
        self.rows[row.id] = row
        self.row_changed.emit(row)
