"""The one helper for every file dialog (no other module uses ``QFileDialog``; a test checks).

* **Kiosk learner session:** CareerDesk's own chooser (:mod:`careerdesk.ui.common.kiosk_chooser`)
  rooted in the learner's folder (``<data>/learners/<id>``) — plus USB sticks if the advisor
  allows them — that cannot go above it, opens files read-only and has no delete, rename or
  new-folder. Saving goes into that folder too.
* **Everywhere else:** the platform's dialog, as before, but the folder it starts in and its
  history are remembered **per profile** in CareerDesk's settings (``file_dialogs``), never in
  Qt's own settings file — Qt writes its file-dialog history and last folder to a global
  ``QtProject`` settings file when a dialog closes, which this helper wipes again, so the
  next person at the computer does not see where the last one was.

``purpose`` names what the dialog is for ("pipeline-import", "chart-export"…): each
remembers its own last folder. See docs/kiosk.md ("Files in a kiosk").
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from careerdesk.core.kernel.settings import Settings
from careerdesk.ui.common import scope
from careerdesk.ui.common.kiosk_chooser import KioskChooser, removable_roots

log = logging.getLogger(__name__)

Mode = Literal["open", "open_many", "save", "folder"]
HISTORY_MAX = 10
NO_PROFILE = "none"


def open_file(
    parent: QWidget | None, title: str, *, purpose: str, filter: str = "", start: str | Path = ""
) -> Path | None:
    """One existing file, or None if cancelled."""
    found = _ask(parent, title, "open", purpose, filter, start)
    return found[0] if found else None


def open_files(
    parent: QWidget | None, title: str, *, purpose: str, filter: str = "", start: str | Path = ""
) -> list[Path]:
    """Existing files (possibly none)."""
    return _ask(parent, title, "open_many", purpose, filter, start)


def save_file(
    parent: QWidget | None,
    title: str,
    *,
    purpose: str,
    suggested: str,
    filter: str = "",
    start: str | Path = "",
) -> Path | None:
    """Where to save ``suggested`` (a file name), or None if cancelled."""
    found = _ask(parent, title, "save", purpose, filter, start, suggested=suggested)
    return found[0] if found else None


def choose_folder(
    parent: QWidget | None, title: str, *, purpose: str, start: str | Path = ""
) -> Path | None:
    """An existing folder, or None if cancelled."""
    found = _ask(parent, title, "folder", purpose, "", start)
    return found[0] if found else None


# -- history, per profile ------------------------------------------------------------------------
def _key(profile_id: int | None) -> str:
    return NO_PROFILE if profile_id is None else str(profile_id)


def last_folder(settings: Settings, profile_id: int | None, purpose: str) -> str | None:
    return settings.file_dialogs.last_folders.get(_key(profile_id), {}).get(purpose)


def history(settings: Settings, profile_id: int | None) -> list[str]:
    return list(settings.file_dialogs.history.get(_key(profile_id), []))


def remember(settings: Settings, profile_id: int | None, purpose: str, folder: Path) -> None:
    """Record ``folder`` as this profile's last folder for ``purpose`` and in its history."""
    key, text = _key(profile_id), str(folder)
    store = settings.file_dialogs
    folders = {k: dict(v) for k, v in store.last_folders.items()}
    folders.setdefault(key, {})[purpose] = text
    recent = [text, *[f for f in store.history.get(key, []) if f != text]][:HISTORY_MAX]
    # Assign whole values: the settings model validates on assignment.
    store.last_folders = folders
    store.history = {**store.history, key: recent}


def forget_profile(settings: Settings, profile_id: int) -> None:
    """Drop a profile's dialog history (its profile was deleted)."""
    key = _key(profile_id)
    store = settings.file_dialogs
    store.last_folders = {k: v for k, v in store.last_folders.items() if k != key}
    store.history = {k: v for k, v in store.history.items() if k != key}


def scrub_qt_settings() -> None:
    """Remove the file-dialog history and last folder Qt keeps in its global settings."""
    qt = QSettings(QSettings.Scope.UserScope, "QtProject")
    qt.beginGroup("FileDialog")
    for name in ("history", "lastVisited"):
        qt.remove(name)
    qt.endGroup()
    qt.sync()


# -- the two kinds of dialog ---------------------------------------------------------------
def _ask(
    parent: QWidget | None,
    title: str,
    mode: Mode,
    purpose: str,
    filter: str,
    start: str | Path,
    *,
    suggested: str = "",
) -> list[Path]:
    now = scope.current()
    if now.kiosk:
        if now.learner_root is None or now.settings is None:
            log.warning("kiosk: a file dialog was asked for with no learner signed in")
            return []
        return _kiosk(parent, title, mode, purpose, filter, suggested, now)
    return _native(parent, title, mode, purpose, filter, start, suggested, now)


def _kiosk(
    parent: QWidget | None,
    title: str,
    mode: Mode,
    purpose: str,
    filter: str,
    suggested: str,
    now: scope.Scope,
) -> list[Path]:
    assert now.learner_root is not None and now.settings is not None
    root = now.learner_root
    root.mkdir(parents=True, exist_ok=True)
    try:
        root.chmod(0o700)
    except OSError:
        pass  # Windows, or a file system without modes
    roots = [("My folder", root)]
    if now.settings.kiosk.allow_removable_media:
        roots += removable_roots()
    start = last_folder(now.settings, now.profile_id, purpose)
    chooser = KioskChooser(
        title,
        mode,
        roots,
        filter=filter,
        suggested=suggested,
        start=Path(start) if start else None,
        recent=[Path(p) for p in history(now.settings, now.profile_id)],
        parent=parent,
    )
    try:
        if not chooser.exec():
            return []
        chosen = chooser.chosen
        if chosen:
            remember(now.settings, now.profile_id, purpose, chooser.folder)
        return chosen
    finally:
        shiboken6.delete(chooser)


def _native(
    parent: QWidget | None,
    title: str,
    mode: Mode,
    purpose: str,
    filter: str,
    start: str | Path,
    suggested: str,
    now: scope.Scope,
) -> list[Path]:
    settings = now.settings
    folder = (last_folder(settings, now.profile_id, purpose) if settings else None) or str(
        start or Path.home()
    )
    if Path(folder).is_file():
        folder = str(Path(folder).parent)
    dialog = QFileDialog(parent, title, folder, filter)
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        if suggested:
            dialog.selectFile(suggested)
    elif mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    else:
        dialog.setFileMode(
            QFileDialog.FileMode.ExistingFiles
            if mode == "open_many"
            else QFileDialog.FileMode.ExistingFile
        )
    dialog.setHistory(history(settings, now.profile_id) if settings else [])
    try:
        if not dialog.exec():
            return []
        chosen = [Path(p) for p in dialog.selectedFiles() if p]
    finally:
        shiboken6.delete(dialog)  # Qt saves its history on destruction: do it now…
        scrub_qt_settings()  # …and take it out of Qt's global settings again
    if chosen and settings is not None:
        where = chosen[0] if mode == "folder" else chosen[0].parent
        remember(settings, now.profile_id, purpose, where)
    return chosen
