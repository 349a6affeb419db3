"""An advisor rates a learner's skills (0–100 with a short note) and sees what is unmeasured.

Each rating is ``advisor_rating`` evidence for the skill model (docs/skills.md), recorded
through the same :meth:`SkillProfileService.rate_as_advisor` the CLI's ``--advisor-rate``
uses. The list shows the learner's target-role skills first, each with the model's estimate
and whether anything has measured it yet (a self-rating or study alone does not).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.skills.model_service import EstimateView
from careerdesk.core.skills.service import ADVISOR_NOTE_MAX, AdvisorRating, SkillProfileService
from careerdesk.ui.shell.context import UiContext

NOT_MEASURED = "Not measured yet"


@dataclass
class _Loaded:
    role_skills: list[str]
    role_name: str
    estimates: dict[str, EstimateView]
    ratings: dict[str, AdvisorRating]


def status_text(view: EstimateView | None) -> str:
    """Whether anything has measured the skill, in the advisor's words."""
    if view is None:
        return f"{NOT_MEASURED} (no evidence)"
    if not view.measured:
        return f"{NOT_MEASURED} ({view.sources_text} only)"
    return f"Measured by {view.sources_text}"


class AdvisorRatingDialog(QDialog):
    """Rate one learner's skills; the list says which are still unmeasured."""

    def __init__(
        self, ctx: UiContext, profile_id: int, learner: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profile_id = profile_id
        self.catalog = load_catalog()
        self.loaded: _Loaded | None = None
        self.setWindowTitle(f"Rate {learner}'s skills")
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        self.heading = QLabel(f"<b>{learner}</b> · loading…")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.unmeasured = QLabel()
        self.unmeasured.setObjectName("unmeasuredSkills")
        self.unmeasured.setWordWrap(True)
        layout.addWidget(self.unmeasured)

        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(["Skill", "Estimate", "Measured?", "Your last rating"])
        self.table.setAccessibleName("The learner's skills and how they were measured")
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(True)
        self.table.currentItemChanged.connect(self._picked)
        layout.addWidget(self.table, 1)

        form = QFormLayout()
        self.skill = QComboBox()
        self.skill.setAccessibleName("Skill to rate")
        self.level = QSpinBox()
        self.level.setRange(0, 100)
        self.level.setValue(50)
        self.level.setSuffix(" / 100")
        self.level.setAccessibleName("Level from 0 to 100")
        self.note = QLineEdit()
        self.note.setMaxLength(ADVISOR_NOTE_MAX)
        self.note.setPlaceholderText("What you saw, e.g. “wrote a correct join unaided”")
        self.note.setAccessibleName("Note with the rating")
        self.save_btn = QPushButton("Save rating")
        self.save_btn.setDefault(True)
        self.save_btn.clicked.connect(self.save)
        form.addRow("Skill:", self.skill)
        form.addRow("Level:", self.level)
        form.addRow("Note:", self.note)
        form.addRow("", self.save_btn)
        layout.addLayout(form)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.save_btn.setEnabled(False)
        self.reload()

    # -- data ------------------------------------------------------------------------------
    def reload(self) -> None:
        svc = self.ctx.service(SkillProfileService)
        pid = self.profile_id

        def load(_state: object) -> _Loaded:
            role = svc.target_role(pid)
            return _Loaded(
                role_skills=[] if role is None else [rs.skill for rs in role.skills],
                role_name="" if role is None else role.title,
                estimates={v.skill_id: v for v in svc.estimate_views(pid)},
                ratings=svc.advisor_ratings(pid),
            )

        self.ctx.runner.run(load, name="advisor-ratings", on_success=self.show_loaded)

    def show_loaded(self, data: _Loaded) -> None:
        self.loaded = data
        keep = self.skill.currentData()
        role = set(data.role_skills)
        order = data.role_skills + [k for k in self.catalog.skills if k not in role]
        self.table.clear()
        self.skill.clear()
        for k in order:
            view = data.estimates.get(k)
            if k not in role and view is None and k not in data.ratings:
                # Outside the target role and never touched: offered in the list below only.
                self.skill.addItem(self.catalog.skill_name(k), k)
                continue
            rating = data.ratings.get(k)
            item = QTreeWidgetItem(
                [
                    self.catalog.skill_name(k),
                    "—" if view is None else view.text,
                    status_text(view),
                    ""
                    if rating is None
                    else f"{rating.level:.0f}" + (f" — {rating.note}" if rating.note else ""),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, k)
            self.table.addTopLevelItem(item)
            self.skill.addItem(self.catalog.skill_name(k), k)
        missing = [
            self.catalog.skill_name(k)
            for k in data.role_skills
            if k not in data.estimates or not data.estimates[k].measured
        ]
        role_text = f" · target role: {data.role_name}" if data.role_name else ""
        self.heading.setText(f"{self.windowTitle().removeprefix('Rate ')}{role_text}")
        if not data.role_skills:
            self.unmeasured.setText("The learner has no target role yet: rate any skill below.")
        elif missing:
            self.unmeasured.setText(
                "Still unmeasured for the target role (nothing but a self-rating or study): "
                + ", ".join(missing)
            )
        else:
            self.unmeasured.setText("Every skill of the target role has been measured.")
        index = self.skill.findData(keep) if keep else 0
        self.skill.setCurrentIndex(max(0, index))
        self.save_btn.setEnabled(self.skill.count() > 0)

    def unmeasured_skills(self) -> list[str]:
        """Skill ids of the target role nothing has measured yet (as listed)."""
        data = self.loaded
        if data is None:
            return []
        return [
            k for k in data.role_skills if k not in data.estimates or not data.estimates[k].measured
        ]

    def _picked(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        k = item.data(0, Qt.ItemDataRole.UserRole)
        self.skill.setCurrentIndex(max(0, self.skill.findData(k)))
        view = None if self.loaded is None else self.loaded.estimates.get(k)
        if view is not None:
            self.level.setValue(round(view.estimate))

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> None:
        skill = self.skill.currentData()
        if not skill:
            return
        svc = self.ctx.service(SkillProfileService)
        pid, level, note = self.profile_id, float(self.level.value()), self.note.text()
        name = self.catalog.skill_name(skill)
        self.save_btn.setEnabled(False)

        def done(_r: object) -> None:
            self.status.setText(
                f"Saved: {name} rated {level:.0f}. The learner's estimate now uses it."
            )
            self.note.clear()
            self.reload()

        def failed(exc: BaseException) -> None:
            self.save_btn.setEnabled(True)
            self.ctx.report(exc)

        self.ctx.runner.run_write(
            lambda: svc.rate_as_advisor(pid, {skill: level}, note=note),
            name="advisor-rate",
            on_success=done,
            on_error=failed,
        )
