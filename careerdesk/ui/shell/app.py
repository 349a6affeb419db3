"""GUI bootstrap: the window paints at once; the database opens in the background.

Opening the database means importing SQLAlchemy, checking the file and possibly migrating it
(after a backup) — disk work that must not freeze a window the user is looking at. So the
main window is shown first with "Opening your data…", the App is built on the write lane,
and the tabs appear when it is ready. Start-up faults (damaged or newer database, unwritable
folder) become dialogs; nothing is changed without the user's say.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from datetime import date
from importlib.resources import as_file
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from careerdesk import APP_ID, APP_NAME, __version__
from careerdesk.core.kernel import home_snapshot, timeline
from careerdesk.core.kernel.errors import DatabaseCorruptError, DatabaseTooNewError, UserError
from careerdesk.core.kernel.paths import DB_URL_ENV, AppPaths
from careerdesk.core.kernel.window_state import read_window_state
from careerdesk.logging_setup import setup_logging
from careerdesk.resources_access import resource
from careerdesk.ui.common import formatting
from careerdesk.ui.shell.errors import install_excepthook, show_error
from careerdesk.ui.shell.turns import TURN_MS
from careerdesk.ui.shell.warmup import (
    StallMonitor,
    favour_gui_thread,
    hold_collector,
    settle_imports,
    stop_favouring_gui_thread,
    warm_up,
)

if TYPE_CHECKING:
    from careerdesk.app import App
    from careerdesk.core.profiles.service import ProfileInfo
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

EXIT_REFUSED = 2
FIRST_PAINT_PROBE_ENV = "CAREERDESK_EXIT_AFTER_FIRST_PAINT"


def _qt_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    if not isinstance(app, QApplication):  # a bare QCoreApplication cannot show widgets
        raise RuntimeError("A non-GUI Qt application already exists")
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    icon = resource("icons", "careerdesk.png")
    if icon.is_file():
        with as_file(icon) as path:
            app.setWindowIcon(QIcon(str(path)))
    return app


def handle_corrupt(exc: DatabaseCorruptError, paths: AppPaths) -> bool:
    """Offer to restore the newest backup over a damaged database. True if it was restored."""
    from pathlib import Path

    from careerdesk.core.storage import restore

    newest, _skipped = restore.newest_restorable(paths.backup_dir)
    unverified = False
    if newest is None:  # only backups from older versions, without a checksum file
        newest, _skipped = restore.newest_restorable(paths.backup_dir, allow_unverified=True)
        unverified = newest is not None
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, exc.message)
    restore_button = None
    if newest is not None:
        note = (
            " It has no checksum file (made by an older CareerDesk), so it cannot be verified."
            if unverified
            else ""
        )
        box.setInformativeText(
            f"The newest intact backup is from {formatting.date_time(newest.taken_at)}.{note} "
            "Restore it? The damaged file is kept aside, not deleted."
        )
        restore_button = box.addButton("Restore newest backup", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText("There is no backup to restore. The damaged file was left as it is.")
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if newest is not None and box.clickedButton() is restore_button:
        aside = restore.restore_over_corrupt(
            Path(exc.path), newest.path, allow_unverified=unverified
        )
        QMessageBox.information(
            None, APP_NAME, f"Backup restored. The damaged file is kept as\n{aside}"
        )
        return True
    return False


def choose_start_profile(
    app: App, ctx: UiContext, profiles: list[ProfileInfo] | None = None
) -> int | None:
    """The last profile if it still exists, else ask with the profile picker.

    ``profiles`` is the list read on the worker that opened the database (start-up), so the
    GUI thread does not query it again."""
    if profiles is None:
        profiles = app.profiles.list()
    last = app.settings.last_profile_id
    if last is not None and any(p.id == last for p in profiles):
        return last
    from careerdesk.ui.profiles.dialog import ProfilesDialog

    dialog = ProfilesDialog(ctx, ctx.window, first_start=not profiles)
    if dialog.exec() and dialog.selected_id is not None:
        return dialog.selected_id
    return None


def open_start_profile(app: App, ctx: UiContext, profiles: list[ProfileInfo] | None = None) -> None:
    """Open the learner's profile at start; an empty data folder starts the guided set-up
    (name, goal, skills, first learning path) instead of an empty profile picker."""
    if profiles is None:
        profiles = app.profiles.list()
    if not profiles:
        from careerdesk.ui.profiles.first_run import start_first_run

        start_first_run(ctx, ctx.window, first_start=True)
        return
    chosen = choose_start_profile(app, ctx, profiles)
    ctx.set_profile(chosen, next((p for p in profiles if p.id == chosen), None))


class Startup(QObject):
    """Opens the App in the background and attaches it to the context, handling faults."""

    def __init__(self, ctx: UiContext, paths: AppPaths) -> None:
        super().__init__()
        self.ctx = ctx
        self.paths = paths
        self.exit_code = 0

    def start(self) -> None:
        paths = self.paths

        def open_app(_state: object) -> tuple[App, list[ProfileInfo]]:
            from careerdesk.app import build_app
            from careerdesk.ui.shell.warmup import prepare_first_screen

            timeline.mark("database-open-start")
            app = build_app(paths)
            timeline.mark("database-open-done")
            return app, prepare_first_screen(app)

        self.ctx.runner.run(
            open_app,
            name="open-database",
            write=True,
            on_success=self._opened,
            on_error=self._failed,
        )

    def _opened(self, opened: tuple[App, list[ProfileInfo]]) -> None:
        """The database is open: wire the window to it, then open the learner's profile.

        With the main window, one step per event-loop turn (``MainWindow.populated`` says
        when the tabs are wired), so the window keeps painting and answering meanwhile."""
        app, profiles = opened
        ctx = self.ctx
        window = ctx.window
        timeline.mark("attach-start")
        if window is None or ctx.kiosk:
            ctx.attach(app)
            self._populated(app, profiles)
            return
        window.populate_in_turns = True

        def populated() -> None:
            window.populated.disconnect(populated)
            self._populated(app, profiles)

        window.populated.connect(populated)
        ctx.attach(app)

    def _populated(self, app: App, profiles: list[ProfileInfo]) -> None:
        from careerdesk.ui.shell.restore_watch import restore_watcher

        ctx = self.ctx
        timeline.mark("tabs-built")
        # Notice a restore made by another window or `careerdesk restore` and reload.
        restore_watcher(ctx).start()
        if not ctx.kiosk:  # a kiosk starts at its learner picker instead
            # In a turn of its own: every screen built so far loads the learner's data.
            QTimer.singleShot(TURN_MS, lambda: self._open_profile(app, profiles))
        # The daily backup runs a little after start-up, in the background.
        QTimer.singleShot(
            1500,
            lambda: ctx.runner.run(
                lambda _s: app.daily_backup_if_due(), name="daily-backup", write=True
            ),
        )

    def _open_profile(self, app: App, profiles: list[ProfileInfo]) -> None:
        open_start_profile(app, self.ctx, profiles)
        timeline.mark("profile-set")

    def _failed(self, exc: BaseException) -> None:
        log.error("cannot open the database: %s", exc)
        if isinstance(exc, DatabaseCorruptError):
            if handle_corrupt(exc, self.paths):
                self.start()
                return
            self._quit(EXIT_REFUSED)
        elif isinstance(exc, DatabaseTooNewError | UserError):
            QMessageBox.critical(self.ctx.window, APP_NAME, exc.message)
            self._quit(EXIT_REFUSED)
        else:
            show_error(exc, self.ctx.window)
            self._quit(1)

    def _quit(self, code: int) -> None:
        self.exit_code = code
        QApplication.exit(code)


class StartupObserver(QObject):
    """Follows the start-up to the first screen with data, then starts the warm-up.

    Marks the timeline (``--trace-startup``): the window's first paint, the Home's data
    shown, the first paint after that ("profile-ready", what the user waits for). With
    ``CAREERDESK_EXIT_AFTER_FIRST_PAINT=1`` (benchmarks) it prints those markers, measures the
    GUI thread's longest stall from the first paint until the live Home is on screen with
    its data and during the warm-up after it, prints both and quits.
    """

    # If the first tab is not Home (the learner left the app on another tab) nothing
    # announces the screen; warm up anyway once the tabs have had time to load.
    WARM_FALLBACK_MS = 3000
    RESTORE_PARALLEL_MS = 15000
    # How long the warm-up phase waits for the work held back for the first screen.
    HELD_WORK_LIMIT_S = 10.0
    IDLE_POLL_MS = 20

    def __init__(self, ctx: UiContext, *, probe: bool, preview: bool = False) -> None:
        super().__init__(ctx.window)
        self.ctx = ctx
        self.probe = probe
        # With the stored Home (a returning learner, docs/performance.md) the first paint
        # already shows the learner's data; the live Home's own first paint is "profile-live".
        self.preview = preview
        self.first = False
        self.data_shown = False
        self.warming = False
        self._held_since = 0.0
        self._watched: list[QObject] = []
        self._paint_pending = False
        self.stalls: StallMonitor | None = None
        if probe or timeline.enabled():
            self.stalls = StallMonitor(self)
        # The first live screen gets the background threads to itself (UiContext docs);
        # released in _start_warm_up, at the latest WARM_FALLBACK_MS after attaching.
        ctx.hold_back_until_first_screen()
        ctx.screen_ready.connect(self._screen_ready)
        ctx.attached.connect(lambda: QTimer.singleShot(self.WARM_FALLBACK_MS, self._start_warm_up))
        # Until the Home shows its data, background reads run one at a time: several Python
        # worker threads at once pass the interpreter lock among themselves while the GUI
        # thread waits for it. Measured on a quiet 2-core machine (benchmarks/startup.py, 4-5
        # starts each): the live Home with its data came 0.4-0.6 s sooner; the longest stall
        # did not clearly change (docs/performance.md). Restored when the Home has shown its
        # data, or at the latest after RESTORE_PARALLEL_MS.
        ctx.runner.set_parallel(1)
        QTimer.singleShot(self.RESTORE_PARALLEL_MS, self._restore_parallel)

    def _say(self, marker: str) -> None:
        timeline.mark(marker)
        if self.probe:
            print(marker, flush=True)

    def _restore_parallel(self) -> None:
        self.ctx.runner.set_parallel(self.ctx.runner.MAX_PARALLEL)

    def _screen_ready(self, key: str) -> None:
        if key == "home" and not self.data_shown and self.ctx.profile_id is not None:
            self.data_shown = True
            self._restore_parallel()
            timeline.mark("home-data-shown")
            window = self.ctx.window
            if window is not None:
                window.update()  # make sure a paint follows, even if nothing else moved
            if not self.watching:
                # Nobody measures: warm up once the event loop has painted what is pending.
                QTimer.singleShot(0, self._start_warm_up)

    @property
    def watching(self) -> bool:
        """Paints are followed only when someone measures (a benchmark or a trace): each
        watched event costs a Python call on the GUI thread."""
        return self.stalls is not None

    # What precedes a paint of the window: the first show (Expose, on its native window),
    # any widget's update (Qt posts one UpdateRequest to the top-level widget, which paints
    # every dirty child while handling it) and the window's own paint.
    PAINT_EVENTS = (QEvent.Type.Expose, QEvent.Type.UpdateRequest, QEvent.Type.Paint)

    def watch(self, window: QWidget) -> None:
        """Follow the window's paints (only when someone measures), once it is shown.

        The filter sits on the window and its native window, not on the application: an
        application-wide filter puts a Python call in front of every event of every widget,
        and while a worker runs Python each of those calls first waits for the interpreter
        lock — the stall it is there to measure grew with it (docs/performance.md).
        """
        self._watched = [window]
        handle = window.windowHandle()
        if handle is not None:
            self._watched.append(handle)
        for watched in self._watched:
            watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.PAINT_EVENTS and not self._paint_pending:
            # The paint happens while this event is handled: count it once it is done.
            self._paint_pending = True
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        self._paint_pending = False
        if not self.first:
            self.first = True
            self._say("first-paint")
            if self.preview:
                self._say("profile-ready")
            if self.stalls is not None:
                self.stalls.start()
        elif self.data_shown:
            for watched in self._watched:
                watched.removeEventFilter(self)
            self._watched = []
            if not self.preview:
                self._say("profile-ready")
            self._say("profile-live")
            QTimer.singleShot(0, self._start_warm_up)

    def _start_warm_up(self) -> None:
        self._restore_parallel()
        if self.warming:
            return  # a second request (the fallback timer): _warmed releases the held work
        if not self.ctx.ready:
            self.ctx.first_screen_shown()  # nothing to warm up: nothing to wait for
            settle_imports()
            stop_favouring_gui_thread()
            return
        self.warming = True
        if self.stalls is not None:
            self.stalls.next_phase()
        warm_up(self.ctx, on_done=self._warmed)

    def _warmed(self) -> None:
        # What waited for the first screen starts after the warm-up, not beside it: both run
        # Python code on worker threads, and together they kept the GUI thread waiting for
        # the interpreter lock for up to 84 ms (docs/performance.md). The stall monitor's
        # warm-up phase goes on until it has finished too.
        self.ctx.first_screen_shown()
        self._held_since = time.monotonic()
        self._when_idle()

    def _when_idle(self) -> None:
        if self.ctx.runner.busy and time.monotonic() - self._held_since < self.HELD_WORK_LIMIT_S:
            QTimer.singleShot(self.IDLE_POLL_MS, self._when_idle)
            return
        self._warm_done()

    def _warm_done(self) -> None:
        stop_favouring_gui_thread()
        if self.stalls is not None:
            gaps = self.stalls.stop()
            cpu = self.stalls.gui_cpu_ms
            timeline.note("max_stall_ms", gaps)
            timeline.note("max_stall_gui_cpu_ms", cpu)
            timeline.note("max_stall_ended_at_ms", self.stalls.ended_at_ms)
            if self.probe:
                for line, figures in (("max-stall-ms", gaps), ("stall-gui-cpu-ms", cpu)):
                    print(
                        line + "".join(f" {phase}={ms:.1f}" for phase, ms in figures.items()),
                        flush=True,
                    )
        timeline.write()
        if self.probe:
            QTimer.singleShot(0, QApplication.quit)


def show_stored_home(window: MainWindow, paths: AppPaths) -> bool:
    """Put the Home as last shown in the window when it is still true (True if shown)."""
    today = date.today()
    document = home_snapshot.read(
        paths.cache_dir,
        db_path=paths.db_path,
        profile_id=home_snapshot.last_profile_id(paths.settings_path),
        today=today,
    )
    if document is None or home_snapshot.last_tab(paths.settings_path) not in (None, "home"):
        return False
    from careerdesk.ui.home.preview import HomePreview

    window.show_home_preview(HomePreview(document))
    timeline.mark("home-preview-built")
    return True


def keep_home(paths: AppPaths, profile_id: int | None, home: dict[str, object] | None) -> None:
    """After the database closed: store what the Home showed against the file as it is now,
    or forget the old snapshot when there is nothing current to keep."""
    stamp = home_snapshot.DatabaseStamp.of(paths.db_path)
    if profile_id is None or home is None or stamp is None:
        home_snapshot.discard(paths.cache_dir)
        return
    try:
        home_snapshot.write(
            paths.cache_dir, profile_id=profile_id, payload=home, stamp=stamp, today=date.today()
        )
    except OSError:
        log.warning("could not keep the Home for the next start", exc_info=True)
        home_snapshot.discard(paths.cache_dir)


def run_gui(*, verbose: bool = False, kiosk: bool = False) -> int:
    """Open the main window (in kiosk mode with ``kiosk`` or when the settings ask for it);
    returns the process exit code."""
    hold_collector()  # until the warm-up has loaded everything (warmup.settle_imports)
    qt = _qt_app()
    timeline.mark("qt-ready")
    paths = AppPaths.resolve()
    try:
        paths.ensure()
    except UserError as exc:
        QMessageBox.critical(None, APP_NAME, exc.message)
        return EXIT_REFUSED
    setup_logging(paths.log_dir, console=verbose)
    install_excepthook()
    log.info("%s %s starting; data in %s", APP_NAME, __version__, paths.data_dir)

    from careerdesk.ui.kiosk import kiosk_enabled_in_settings
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

    kiosk = kiosk or kiosk_enabled_in_settings(paths.settings_path)
    from careerdesk.ui.common import theme

    # Before the first widget, so the window paints in the chosen theme at once.
    theme.apply(theme.mode_in_settings(paths.settings_path), qt)
    ctx = UiContext(kiosk=kiosk, early_window_state=read_window_state(paths.settings_path))
    window = MainWindow(ctx)
    snapshots = not kiosk and not os.environ.get(DB_URL_ENV, "").strip()
    preview = show_stored_home(window, paths) if snapshots else False
    timeline.mark("window-built")
    observer = StartupObserver(
        ctx, probe=os.environ.get(FIRST_PAINT_PROBE_ENV) == "1", preview=preview
    )
    if kiosk:
        from careerdesk.ui.kiosk.controller import KioskController

        log.info("kiosk mode")
        # Anything started from this process is inside the kiosk's session (the
        # `kiosk reset-advisor-pin` command refuses to run there).
        os.environ["CAREERDESK_KIOSK_SESSION"] = "1"
        KioskController(ctx, window).show_full_screen()
    else:
        window.show()
    if observer.watching:
        observer.watch(window)
    startup = Startup(ctx, paths)
    # Once the window has painted (first paint is not slowed by it), until the warm-up is done.
    QTimer.singleShot(0, favour_gui_thread)
    QTimer.singleShot(0, startup.start)
    code = qt.exec()
    timeline.write()  # the app closed before the first screen was ready
    app = ctx.app if ctx.ready else None
    home = window.home_capture() if snapshots and app is not None else None
    profile_id = ctx.profile_id
    ctx.shutdown()
    if app is not None:
        app.close(backup=True)
    if snapshots:
        keep_home(paths, profile_id if home is not None else None, home)
    log.info("%s closed", APP_NAME)
    return startup.exit_code or code
