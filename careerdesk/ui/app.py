"""GUI bootstrap: QApplication, start-up faults, profile picker, main window, clean exit."""

from __future__ import annotations

import logging
import sys
from importlib.resources import as_file

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from careerdesk import APP_ID, APP_NAME, __version__
from careerdesk.app import App, build_app
from careerdesk.core.db import backup as backups
from careerdesk.core.errors import DatabaseCorruptError, DatabaseTooNewError, UserError
from careerdesk.core.paths import AppPaths
from careerdesk.logging_setup import setup_logging
from careerdesk.resources_access import resource
from careerdesk.ui.errors import install_excepthook

log = logging.getLogger(__name__)

EXIT_REFUSED = 2


def _qt_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    icon = resource("icons", "careerdesk.png")
    if icon.is_file():
        with as_file(icon) as path:
            app.setWindowIcon(QIcon(str(path)))
    return app  # type: ignore[return-value]


def _handle_corrupt(exc: DatabaseCorruptError, paths: AppPaths) -> bool:
    """Offer to restore the newest backup over a damaged database. True if it was restored."""
    from pathlib import Path

    found = [b for b in backups.list_backups(paths.backup_dir) if b.kind != "prerestore"]
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, exc.message)
    restore = None
    if found:
        newest = found[0]
        box.setInformativeText(
            f"The newest backup is from {newest.taken_at:%d %b %Y %H:%M} UTC. Restore it? "
            "The damaged file is kept aside, not deleted."
        )
        restore = box.addButton("Restore newest backup", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText("There is no backup to restore. The damaged file was left as it is.")
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if restore is not None and box.clickedButton() is restore:
        aside = backups.restore_over_corrupt(Path(exc.path), found[0].path)
        QMessageBox.information(
            None, APP_NAME, f"Backup restored. The damaged file is kept as\n{aside}"
        )
        return True
    return False


def open_app_interactively(paths: AppPaths) -> App | None:
    """Build the App, turning start-up faults into dialogs. None means: quit."""
    for _attempt in range(2):
        try:
            return build_app(paths)
        except DatabaseCorruptError as exc:
            log.error("damaged database: %s", exc)
            if not _handle_corrupt(exc, paths):
                return None
        except (DatabaseTooNewError, UserError) as exc:
            log.error("cannot start: %s", exc)
            QMessageBox.critical(None, APP_NAME, exc.message)
            return None
    return None


def choose_start_profile(app: App, ctx: object) -> int | None:
    """The last profile if it still exists, else ask with the profile picker."""
    from careerdesk.ui.dialogs.profiles import ProfilesDialog

    profiles = app.profiles.list()
    last = app.settings.last_profile_id
    if last is not None and any(p.id == last for p in profiles):
        return last
    dialog = ProfilesDialog(ctx, None, first_start=not profiles)  # type: ignore[arg-type]
    if dialog.exec() and dialog.selected_id is not None:
        return dialog.selected_id
    return None


def run_gui(*, verbose: bool = False) -> int:
    """Open the main window; returns the process exit code."""
    qt = _qt_app()
    paths = AppPaths.resolve()
    try:
        paths.ensure()
    except UserError as exc:
        QMessageBox.critical(None, APP_NAME, exc.message)
        return EXIT_REFUSED
    setup_logging(paths.log_dir, console=verbose)
    install_excepthook()
    log.info("%s %s starting; data in %s", APP_NAME, __version__, paths.data_dir)
    app = open_app_interactively(paths)
    if app is None:
        return EXIT_REFUSED

    from careerdesk.ui.context import UiContext
    from careerdesk.ui.main_window import MainWindow

    ctx = UiContext(app)
    ctx.set_profile(choose_start_profile(app, ctx))
    window = MainWindow(ctx)
    window.show()
    # The daily backup runs after the first paint, in the background.
    QTimer.singleShot(
        1500,
        lambda: ctx.runner.run(
            lambda _s: app.daily_backup_if_due(), name="daily-backup", write=True
        ),
    )
    code = qt.exec()
    ctx.shutdown()
    app.close(backup=True)
    log.info("%s closed", APP_NAME)
    return code
