"""CareerDesk's own file chooser for a kiosk learner (used only by ``file_dialogs``).

It lists one folder at a time below a few *places* — the learner's own folder and, if the
advisor allows, USB sticks — and never leaves them: every path is checked on its resolved
form (``core/kiosk/rules.py: is_inside``), so ``..``, an absolute path typed as a name or a
symbolic link pointing elsewhere leads nowhere. There is no delete, rename, new folder,
context menu, drag and drop or typed path: opening is read-only, and a save box takes a file
name only. Files starting with a dot are not listed.
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QStorageInfo, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kiosk.rules import clean_file_name, is_inside, is_removable_mount

ChooserMode = Literal["open", "open_many", "save", "folder"]
_PATH_ROLE = Qt.ItemDataRole.UserRole


def removable_roots() -> list[tuple[str, Path]]:
    """Mounted USB sticks and other removable media, as (label, folder)."""
    found: list[tuple[str, Path]] = []
    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid() or not volume.isReady():
            continue
        root = volume.rootPath()
        drive_removable = False
        if sys.platform.startswith("win"):
            drive_removable = _windows_removable(root)
        if is_removable_mount(root, sys.platform, drive_removable=drive_removable):
            found.append((f"USB: {volume.displayName() or root}", Path(root)))
    return found


def _windows_removable(root: str) -> bool:
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(root)) == 2  # type: ignore[attr-defined]  # Windows only
    except Exception:
        return False


def patterns_of(filter_text: str) -> list[str]:
    """``"CSV (*.csv);;All files (*)"`` → ``["*.csv"]``; no patterns (or ``*``) shows all."""
    first = filter_text.split(";;")[0] if filter_text else ""
    found = re.findall(r"\(([^)]*)\)", first)
    patterns = found[0].split() if found else []
    return [] if not patterns or "*" in patterns else patterns


class KioskChooser(QDialog):
    """Choose within ``roots``; ``chosen`` holds the result after ``accept``."""

    def __init__(
        self,
        title: str,
        mode: ChooserMode,
        roots: list[tuple[str, Path]],
        *,
        filter: str = "",
        suggested: str = "",
        start: Path | None = None,
        recent: list[Path] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if not roots:
            raise ValueError("a kiosk chooser needs at least one place")
        self.setWindowTitle(title)
        self.setModal(True)
        self.mode = mode
        self.roots = [(label, path.resolve()) for label, path in roots]
        self.patterns = patterns_of(filter)
        self.suffix = (
            self.patterns[0][1:] if self.patterns and self.patterns[0].startswith("*.") else ""
        )
        self.chosen: list[Path] = []
        self.root = self.roots[0][1]
        self.folder = self.root
        self.resize(640, 460)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.places = QComboBox()
        self.places.setAccessibleName("Place")
        for label, path in self.roots:
            self.places.addItem(label, str(path))
        self.places.currentIndexChanged.connect(self._place_changed)
        top.addWidget(self.places)
        self.up_button = QPushButton("Up")
        self.up_button.clicked.connect(self.go_up)
        top.addWidget(self.up_button)
        self.where = QLabel()
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.where, 1)
        layout.addLayout(top)

        self.recent = [p for p in (recent or []) if self._allowed(p) and p.is_dir()]
        if self.recent:
            self.recent_box = QComboBox()
            self.recent_box.addItem("Recent folders…", "")
            for folder in self.recent:
                self.recent_box.addItem(self._relative(folder), str(folder))
            self.recent_box.activated.connect(
                lambda i: (
                    self.go_to(Path(self.recent_box.itemData(i)))
                    if self.recent_box.itemData(i)
                    else None
                )
            )
            layout.addWidget(self.recent_box)

        self.listing = QListWidget()
        self.listing.setAccessibleName("Files")
        self.listing.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.listing.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.listing.setDragEnabled(False)
        self.listing.setAcceptDrops(False)
        self.listing.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if mode == "open_many"
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        self.listing.itemActivated.connect(self._activated)
        self.listing.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.listing, 1)

        self.name = QLineEdit(suggested)
        self.name.setAccessibleName("File name")
        self.name.setPlaceholderText("File name")
        self.name.setVisible(mode == "save")
        layout.addWidget(self.name)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText({"save": "Save", "folder": "Choose this folder"}.get(mode, "Open"))
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        if start is not None and self._allowed(start) and start.is_dir():
            self._enter(start.resolve())
        else:
            self._enter(self.root)

    # -- navigation --------------------------------------------------------------------------
    def _allowed(self, path: Path) -> bool:
        return any(is_inside(path, root) for _label, root in self.roots)

    def _root_of(self, path: Path) -> Path:
        for _label, root in self.roots:
            if is_inside(path, root):
                return root
        return self.roots[0][1]

    def _relative(self, folder: Path) -> str:
        root = self._root_of(folder)
        label = next(label for label, r in self.roots if r == root)
        rel = folder.resolve().relative_to(root)
        return label if str(rel) == "." else f"{label} / {'/'.join(rel.parts)}"

    def go_to(self, folder: Path) -> bool:
        """Show ``folder`` if it is inside one of the places; False (and nothing changes)
        otherwise."""
        if not self._allowed(folder) or not folder.is_dir():
            self.message.setText("That folder is not available here.")
            return False
        self._enter(folder.resolve())
        return True

    def go_up(self) -> None:
        if self.folder != self.root:
            self._enter(self.folder.parent)

    def _place_changed(self, index: int) -> None:
        self._enter(Path(self.places.itemData(index)))

    def _enter(self, folder: Path) -> None:
        self.root = self._root_of(folder)
        self.folder = folder
        index = next(i for i, (_l, r) in enumerate(self.roots) if r == self.root)
        self.places.blockSignals(True)
        self.places.setCurrentIndex(index)
        self.places.blockSignals(False)
        self.up_button.setEnabled(folder != self.root)
        self.where.setText(self._relative(folder))
        self.message.clear()
        self._list()

    def _list(self) -> None:
        self.listing.clear()
        style = self.style()
        try:
            entries = sorted(os.scandir(self.folder), key=lambda e: e.name.lower())
        except OSError as exc:
            self.message.setText(f"This folder cannot be read ({exc.strerror}).")
            return
        folders, files = [], []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if not self._allowed(path):
                continue  # a link leading out of the place is not shown at all
            if entry.is_dir():
                folders.append(path)
            elif entry.is_file() and self.mode != "folder" and self._matches(entry.name):
                files.append(path)
        for path in folders:
            item = QListWidgetItem(style.standardIcon(QStyle.StandardPixmap.SP_DirIcon), path.name)
            item.setData(_PATH_ROLE, str(path))
            self.listing.addItem(item)
        for path in files:
            item = QListWidgetItem(style.standardIcon(QStyle.StandardPixmap.SP_FileIcon), path.name)
            item.setData(_PATH_ROLE, str(path))
            self.listing.addItem(item)
        if not folders and not files:
            self.message.setText(
                "Nothing here yet. Files you save from CareerDesk appear in your folder."
                if self.mode == "save"
                else "Your folder is empty. Ask the advisor to copy your files here."
            )

    def _matches(self, name: str) -> bool:
        return not self.patterns or any(
            fnmatch.fnmatch(name.lower(), p.lower()) for p in self.patterns
        )

    def names(self) -> list[str]:
        """What the list shows (tests)."""
        return [self.listing.item(i).text() for i in range(self.listing.count())]

    def select(self, name: str) -> None:
        """Select the entry called ``name`` (tests, keyboard users)."""
        for i in range(self.listing.count()):
            if self.listing.item(i).text() == name:
                self.listing.setCurrentRow(i)
                return
        raise KeyError(name)

    def _activated(self, item: QListWidgetItem) -> None:
        path = Path(item.data(_PATH_ROLE))
        if path.is_dir():
            self.go_to(path)
        elif self.mode in ("open", "open_many"):
            self.confirm()

    def _selection_changed(self) -> None:
        if self.mode == "save":
            items = self.listing.selectedItems()
            if items and Path(items[0].data(_PATH_ROLE)).is_file():
                self.name.setText(items[0].text())

    # -- choosing ----------------------------------------------------------------------------
    def confirm(self) -> None:
        """OK: check the choice stays inside the places, then accept."""
        if self.mode == "folder":
            self.chosen = [self.folder]
            self.accept()
            return
        if self.mode == "save":
            try:
                name = clean_file_name(self.name.text(), suffix=self.suffix)
            except UserError as exc:
                self.message.setText(exc.message)
                return
            target = self.folder / name
            if not self._allowed(target.parent) or target.is_dir():
                self.message.setText("Pick another name.")
                return
            if target.exists():
                answer = QMessageBox.question(
                    self, self.windowTitle(), f"Replace the file “{name}” in this folder?"
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return
            self.chosen = [target]
            self.accept()
            return
        paths = [Path(i.data(_PATH_ROLE)) for i in self.listing.selectedItems()]
        files = [p for p in paths if p.is_file() and self._allowed(p)]
        if not files:
            self.message.setText("Choose a file.")
            return
        self.chosen = files
        self.accept()
