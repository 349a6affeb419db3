"""A background job shown in a modal progress dialog with Cancel (docs/ARCHITECTURE.md).

Imports (content packs, applications) all follow the same wiring: a window-modal dialog
that appears only if the work takes longer than 300 ms, progress reports that first check
for Cancel (so a cancelled job stops at its next report and its own transaction or
staging folder leaves nothing behind), and the dialog closed whatever the outcome. The
work itself still runs through the task runner (``ui/shell/tasks.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

if TYPE_CHECKING:
    from careerdesk.ui.shell.tasks import TaskHandle, TaskRunner

T = TypeVar("T")

#: What a job is given to report with: ``progress(fraction 0..1, message)``; it raises
#: the runner's ``Cancelled`` once the user pressed Cancel.
Progress = Callable[[float, str], None]


def progress_dialog(parent: QWidget, label: str, title: str | None = None) -> QProgressDialog:
    """A window-modal 0–100 % dialog with Cancel, shown only for work over 300 ms."""
    dlg = QProgressDialog(label, "Cancel", 0, 100, parent)
    dlg.setWindowTitle(title or label)
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(300)
    dlg.setAutoClose(True)
    return dlg


def run_with_progress(
    runner: TaskRunner,
    parent: QWidget,
    job: Callable[[Progress], T],
    *,
    label: str,
    title: str | None = None,
    name: str,
    write: bool = False,
    on_success: Callable[[T], object],
    on_error: Callable[[BaseException], object],
) -> TaskHandle:
    """Run ``job(progress)`` on the runner behind a progress dialog with Cancel.

    The dialog is closed before ``on_success`` or ``on_error`` runs, and on cancel.
    """
    dlg = progress_dialog(parent, label, title)

    def work(state: Any) -> T:
        def progress(fraction: float, message: str) -> None:
            state.check()  # raises Cancelled after Cancel: the job stops at its next report
            state.progress(fraction, message)

        return job(progress)

    def done(result: T) -> None:
        dlg.close()
        on_success(result)

    def failed(exc: BaseException) -> None:
        dlg.close()
        on_error(exc)

    def progressed(fraction: float, message: str) -> None:
        dlg.setValue(int(fraction * 100))
        dlg.setLabelText(message)

    handle = runner.run(
        work,
        name=name,
        write=write,
        on_success=done,
        on_error=failed,
        on_progress=progressed,
        on_cancelled=dlg.close,
    )
    dlg.canceled.connect(handle.cancel)
    return handle
