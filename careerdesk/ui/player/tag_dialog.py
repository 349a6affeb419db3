"""Confirm or edit the skills of videos just added (or of one video, from its context menu).

The suggestions (from names and title metadata, docs/player.md) come pre-checked; the learner
picks a video on the left and ticks skills on the right, with a search box over the skill
names. Nothing is written here: :meth:`SkillTagsDialog.changes` gives what to save.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

SKILL_ROLE = Qt.ItemDataRole.UserRole + 1


class SkillTagsDialog(QDialog):
    """Pick the skills each of ``videos`` ((content id, title, suggested ids)) teaches."""

    def __init__(
        self,
        videos: Sequence[tuple[int, str, Sequence[str]]],
        skill_names: Mapping[str, str],
        parent: QWidget | None = None,
        *,
        heading: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Skills these videos teach")
        self._names = dict(skill_names)
        self._original = {cid: list(skills) for cid, _t, skills in videos}
        self._chosen = {cid: list(skills) for cid, _t, skills in videos}
        self._current: int | None = None

        layout = QVBoxLayout(self)
        count = len(videos)
        intro = heading or (
            "CareerDesk suggested skills from the names of the video"
            f"{'s' if count > 1 else ''} you added. Check what each one teaches: watching it "
            "then counts toward those skills and your learning path."
        )
        note = QLabel(intro)
        note.setWordWrap(True)
        layout.addWidget(note)

        row = QHBoxLayout()
        self.videos = QListWidget()
        self.videos.setAccessibleName("Videos")
        for cid, title, _skills in videos:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, cid)
            self.videos.addItem(item)
        self.videos.setVisible(count > 1)
        self.videos.setMinimumWidth(220)
        row.addWidget(self.videos, 1)

        right = QVBoxLayout()
        self.video_title = QLabel()
        self.video_title.setWordWrap(True)
        right.addWidget(self.video_title)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search skills…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search skills")
        right.addWidget(self.search)
        self.skills = QListWidget()
        self.skills.setAccessibleName("Skills")
        for skill_id, name in sorted(self._names.items(), key=lambda kv: kv[1].lower()):
            item = QListWidgetItem(name)
            item.setData(SKILL_ROLE, skill_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(skill_id)
            self.skills.addItem(item)
        right.addWidget(self.skills, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        right.addWidget(self.summary)
        row.addLayout(right, 2)
        layout.addLayout(row, 1)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)

        self.search.textChanged.connect(self._filter)
        self.skills.itemChanged.connect(self._on_checked)
        self.videos.currentRowChanged.connect(self._on_video)
        self.resize(640 if count > 1 else 440, 460)
        self.videos.setCurrentRow(0)
        if count == 1:
            self._show(videos[0][0], videos[0][1])

    # -- the learner's choices -------------------------------------------------------------
    def chosen(self, content_id: int) -> list[str]:
        return list(self._chosen[content_id])

    def set_checked(self, skill_id: str, checked: bool) -> None:
        """Tick or untick a skill for the video shown (what a click does)."""
        for i in range(self.skills.count()):
            item = self.skills.item(i)
            if item.data(SKILL_ROLE) == skill_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def changes(self) -> dict[int, list[str]]:
        """The videos whose skills differ from what was suggested, with their new skills."""
        return {
            cid: skills
            for cid, skills in self._chosen.items()
            if sorted(skills) != sorted(self._original[cid])
        }

    def visible_skills(self) -> list[str]:
        return [
            self.skills.item(i).data(SKILL_ROLE)
            for i in range(self.skills.count())
            if not self.skills.item(i).isHidden()
        ]

    # -- reactions -------------------------------------------------------------------------
    def _on_video(self, row: int) -> None:
        item = self.videos.item(row)
        if item is not None:
            self._show(int(item.data(Qt.ItemDataRole.UserRole)), item.text())

    def _show(self, content_id: int, title: str) -> None:
        self._current = content_id
        self.video_title.setText(f"<b>{_escape(title)}</b>")
        chosen = set(self._chosen[content_id])
        self.skills.blockSignals(True)
        for i in range(self.skills.count()):
            item = self.skills.item(i)
            on = item.data(SKILL_ROLE) in chosen
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.skills.blockSignals(False)
        self._update_summary()

    def _on_checked(self, item: QListWidgetItem) -> None:
        if self._current is None:
            return
        skill_id = str(item.data(SKILL_ROLE))
        chosen = self._chosen[self._current]
        if item.checkState() == Qt.CheckState.Checked and skill_id not in chosen:
            chosen.append(skill_id)
        elif item.checkState() != Qt.CheckState.Checked and skill_id in chosen:
            chosen.remove(skill_id)
        self._update_summary()

    def _update_summary(self) -> None:
        if self._current is None:
            return
        names = [self._names.get(k, k) for k in self._chosen[self._current]]
        self.summary.setText(
            "Teaches: " + ", ".join(names)
            if names
            else "No skills: watching it will not count toward a skill."
        )
        row = self.videos.currentRow()
        item = self.videos.item(row) if row >= 0 else None
        if item is not None:
            item.setToolTip(", ".join(names) or "no skills")

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.skills.count()):
            item = self.skills.item(i)
            haystack = f"{item.text()} {item.data(SKILL_ROLE)}".lower()
            item.setHidden(bool(needle) and needle not in haystack)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
