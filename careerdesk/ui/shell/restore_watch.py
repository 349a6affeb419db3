"""A running window notices a restore made elsewhere and reloads (issue 19).

Every restore leaves a new "restore generation" in the data (``core/storage/restore.py``).
The watcher reads it every few seconds on the task runner's read pool (never on the GUI
thread); when it changes, the data under the window was replaced by another CareerDesk
window or a ``careerdesk restore`` command, so it publishes ``DataRestored`` (every view
reloads, as after a restore from this window), keeps a profile that still exists selected and
says what happened. The window's own restores pause the watcher and hand it the new
generation, so they do not count twice.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from careerdesk.core.kernel.events import DataRestored
from careerdesk.core.storage.restore import restore_generation
from careerdesk.ui.shell.context import UiContext

log = logging.getLogger(__name__)

POLL_MS = 3000
_UNSEEN = object()


def reload_after_restore(ctx: UiContext) -> None:
    """After a restore (from this window or elsewhere): every view reloads, and the learner
    stays selected if they are still in the data, else the first one (or nobody) is."""
    app = ctx.app
    app.bus.publish(DataRestored(profile_id=None))
    profiles = app.profiles.list()
    if ctx.profile_id not in {p.id for p in profiles}:
        first = profiles[0] if profiles else None
        ctx.set_profile(first.id if first else None, first)


class RestoreWatcher(QObject):
    """Polls the restore generation of ``ctx.app``'s database; reloads when it changes."""

    def __init__(self, ctx: UiContext, interval_ms: int = POLL_MS) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self._seen: object = _UNSEEN
        self._paused = 0
        self._polling = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        """Read the current generation and poll from now on (the app calls this once the
        database is open)."""
        self.poll()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def pause(self) -> None:
        """This window is restoring: ignore the change it is about to make."""
        self._paused += 1

    def resume(self, generation: str | None) -> None:
        """This window's restore finished with ``generation``; watch for the next one."""
        self._paused = max(0, self._paused - 1)
        self._seen = generation

    def unpause(self) -> None:
        """This window's restore failed: nothing changed, watch on as before."""
        self._paused = max(0, self._paused - 1)

    def poll(self) -> None:
        if self._polling or self._paused or not self.ctx.ready:
            return
        self._polling = True
        db = self.ctx.app.db
        self.ctx.runner.run(
            lambda _s: restore_generation(db),
            name="restore-watch",
            on_success=self._checked,
            on_error=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        # A busy or briefly unreachable database: try again at the next tick.
        self._polling = False
        log.debug("restore watch: %r", exc)

    def _checked(self, generation: str | None) -> None:
        self._polling = False
        if self._paused:
            return
        if self._seen is _UNSEEN:
            self._seen = generation
            return
        if generation == self._seen:
            return
        self._seen = generation
        log.info("the data was restored by another CareerDesk; reloading")
        reload_after_restore(self.ctx)
        self.ctx.status(
            "Your data was restored from a backup in another CareerDesk window or command; "
            "showing the restored data.",
            15000,
        )


def restore_watcher(ctx: UiContext) -> RestoreWatcher:
    """The context's one watcher (``Startup`` starts it when the database is open)."""
    return ctx.shared(RestoreWatcher, lambda: RestoreWatcher(ctx))
