"""Pick, create, rename and delete learner profiles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.profiles.service import ProfileInfo
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.errors import show_error


def create_profile_interactively(parent: QWidget, ctx: UiContext) -> ProfileInfo | None:
    """Ask for a name and create the profile; re-asks on a refused name."""
    name = ""
    while True:
        name, ok = QInputDialog.getText(parent, "New profile", "Name:", text=name)
        if not ok:
            return None
        try:
            return ctx.app.profiles.create(name)
        except UserError as exc:
            show_error(exc, parent)


class ProfilesDialog(QDialog):
    """The profile picker: shown at first start and from File → Switch profile."""

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, *, first_start: bool = False
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.selected_id: int | None = None
        self.setWindowTitle("Choose a profile")
        self.setMinimumSize(420, 340)
        layout = QVBoxLayout(self)
        # The one welcome is the guided set-up's first page (ui/profiles/first_run.py).
        intro = QLabel(
            "Create a profile for yourself, or try the demo profile to look around first."
            if first_start
            else "Each person has their own profile; their data is kept apart."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("Profiles")
        self.list.itemDoubleClicked.connect(lambda _i: self._open())
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.list, 1)
        self.empty = QLabel("No profiles yet. Choose “New profile…” to create yours.")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty)
        row = QHBoxLayout()
        self.new_btn = QPushButton("&New profile…")
        self.demo_btn = QPushButton("Create &demo profile")
        self.rename_btn = QPushButton("&Rename…")
        self.delete_btn = QPushButton("&Delete…")
        for b in (self.new_btn, self.demo_btn, self.rename_btn, self.delete_btn):
            b.setAccessibleName(b.text().replace("&", "").rstrip("…"))
            row.addWidget(b)
        self.list.setAccessibleName("Profiles")
        layout.addLayout(row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        layout.addWidget(self.buttons)
        self.new_btn.clicked.connect(self._new)
        self.demo_btn.clicked.connect(self._demo)
        self.rename_btn.clicked.connect(self._rename)
        self.delete_btn.clicked.connect(self._delete)
        self.buttons.accepted.connect(self._open)
        self.buttons.rejected.connect(self.reject)
        self.reload(select_id=ctx.profile_id)

    def reload(self, select_id: int | None = None) -> None:
        self.list.clear()
        profiles = self.ctx.app.profiles.list()
        for p in profiles:
            roles = ", ".join(p.target_role_ids) or "no target role yet"
            item = QListWidgetItem(f"{p.name}  —  {roles}")
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.list.addItem(item)
            if p.id == select_id:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.empty.setVisible(not profiles)
        self.list.setVisible(bool(profiles))
        self.demo_btn.setVisible(not any(p.name == "Demo" for p in profiles))
        self._update_buttons()

    def _current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        has = self._current_id() is not None
        self.rename_btn.setEnabled(has)
        self.delete_btn.setEnabled(has)
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(has)

    def _new(self) -> None:
        info = create_profile_interactively(self, self.ctx)
        if info is not None:  # a new profile opens at once: no extra "Open"
            self.selected_id = info.id
            self.accept()

    def _demo(self) -> None:
        from careerdesk.demo import build_demo

        self.demo_btn.setEnabled(False)
        self.demo_btn.setText("Creating demo…")
        app = self.ctx.app

        def finished(info: ProfileInfo) -> None:
            self.demo_btn.setText("Create &demo profile")
            self.demo_btn.setEnabled(True)
            self.reload(select_id=info.id)

        def failed(exc: BaseException) -> None:
            finished_text = "Create &demo profile"
            self.demo_btn.setText(finished_text)
            self.demo_btn.setEnabled(True)
            show_error(exc, self)

        self.ctx.runner.run(
            lambda _s: build_demo(app),
            name="demo",
            write=True,
            on_success=finished,
            on_error=failed,
        )

    def _rename(self) -> None:
        pid = self._current_id()
        if pid is None:
            return
        current = self.ctx.app.profiles.get(pid)
        name, ok = QInputDialog.getText(self, "Rename profile", "New name:", text=current.name)
        if not ok:
            return
        try:
            self.ctx.app.profiles.rename(pid, name)
        except UserError as exc:
            show_error(exc, self)
        self.reload(select_id=pid)

    def _delete(self) -> None:
        pid = self._current_id()
        if pid is None:
            return
        info = self.ctx.app.profiles.get(pid)
        answer = QMessageBox.warning(
            self,
            "Delete profile",
            f"Delete the profile “{info.name}” and everything in it — assessments, learning "
            "progress, applications, notes?\n\nA backup is taken first, so it can be restored "
            "from File → Restore from backup.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        app = self.ctx.app
        try:
            app.backup("manual")
            app.profiles.delete(pid)
        except Exception as exc:
            show_error(exc, self)
        self.reload()

    def _open(self) -> None:
        pid = self._current_id()
        if pid is None:
            return
        self.selected_id = pid
        self.accept()
