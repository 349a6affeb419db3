"""Choose a target role, then rate yourself on its skills (the first-run flow).

Page 1 lists the roles by their plain titles (what they do, the skills they need and
in-demand technologies; no occupation codes); the selected row is the target, ticked rows
are "also consider".
Page 2 has a slider per skill of the role (or all skills); measured levels are shown next
to the slider because they take precedence over a self-rating.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSlider,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.reference.catalog import Role, load_catalog
from careerdesk.core.reference.levels import SELF_RATING_PRESETS, describe
from careerdesk.core.skills.service import SkillLevel, SkillProfileService
from careerdesk.ui.common import theme
from careerdesk.ui.common.text import short_date
from careerdesk.ui.shell.context import UiContext


def role_details_html(role: Role) -> str:
    """What a role is, which skills it needs (level, importance) and its hot technologies."""
    catalog = load_catalog()
    rows = "".join(
        f"<tr><td>{catalog.skill_name(rs.skill)}</td><td align='right'>{rs.level}</td>"
        f"<td>{'●' * rs.importance}{'○' * (5 - rs.importance)}</td></tr>"
        for rs in sorted(role.skills, key=lambda r: (-r.importance, -r.level))
    )
    hot = [t.name for t in role.technologies if t.hot or t.in_demand][:10]
    tech = f"<p><b>In-demand technologies:</b> {', '.join(hot)}</p>" if hot else ""
    return (
        f"<h3>{role.title}</h3><p>{role.description}</p>"
        "<table cellspacing='0' cellpadding='3'><tr><th align='left'>Skill</th>"
        f"<th>Level needed</th><th align='left'>Importance</th></tr>{rows}</table>{tech}"
    )


class _RatingRow:
    """A skill's slider, its value label and what is known about it."""

    def __init__(self, grid: QGridLayout, row: int, skill_id: str, note: str) -> None:
        catalog = load_catalog()
        skill = catalog.skills[skill_id]
        self.skill_id = skill_id
        name = QLabel(skill.name)
        name.setToolTip(skill.description)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setSingleStep(5)
        self.slider.setPageStep(10)
        self.slider.setMinimumWidth(200)
        self.slider.setAccessibleName(f"{skill.name} self-rating")
        self.value = QLabel()
        self.value.setMinimumWidth(110)
        self.measured_note = note
        self.note = QLabel(note)
        theme.set_tone(self.note, "muted")
        self.slider.valueChanged.connect(lambda v: self.value.setText(describe(v)))
        grid.addWidget(name, row, 0)
        grid.addWidget(self.slider, row, 1)
        grid.addWidget(self.value, row, 2)
        grid.addWidget(self.note, row, 3)
        self.widgets = (name, self.slider, self.value, self.note)
        self.touched = False
        self.slider.sliderMoved.connect(lambda _v: setattr(self, "touched", True))
        self.slider.valueChanged.connect(lambda _v: setattr(self, "touched", True))

    def set_visible(self, visible: bool) -> None:
        for w in self.widgets:
            w.setVisible(visible)


class TargetRoleDialog(QDialog):
    """Two steps: pick the target role, then rate yourself. Saves in the background."""

    def __init__(
        self, ctx: UiContext, profile_id: int, parent: QWidget | None = None, *, page: int = 0
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profile_id = profile_id
        self.catalog = load_catalog()
        self.skills_svc = ctx.service(SkillProfileService)
        profile = ctx.app.profiles.get(profile_id)
        self._current_roles = [r for r in profile.target_role_ids if r in self.catalog.roles]
        self.setWindowTitle("Your goal and skills")
        self.setMinimumSize(820, 560)
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.pages.addWidget(self._role_page())
        self.pages.addWidget(self._rating_page())
        nav = QHBoxLayout()
        self.back_btn = QPushButton("&Back")
        self.next_btn = QPushButton("&Next: rate yourself")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        nav.addWidget(self.back_btn)
        nav.addStretch(1)
        nav.addWidget(self.next_btn)
        nav.addWidget(self.buttons)
        layout.addLayout(nav)
        self.back_btn.clicked.connect(lambda: self._go(0))
        self.next_btn.clicked.connect(lambda: self._go(1))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self._go(page if self._current_roles else 0)

    # -- page 1 ------------------------------------------------------------------------
    def _role_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(
            QLabel(
                "<b>Which job are you aiming for?</b> Select your target role; tick others "
                "you would also consider. Assessments and your learning path follow the "
                "selected one."
            )
        )
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter roles… (e.g. data, cloud, design)")
        self.filter.textChanged.connect(self._filter_roles)
        v.addWidget(self.filter)
        split = QSplitter()
        self.role_list = QListWidget()
        for role in sorted(self.catalog.roles.values(), key=lambda r: r.title):
            item = QListWidgetItem(role.title)
            item.setData(Qt.ItemDataRole.UserRole, role.id)
            item.setToolTip(role.description)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            also = role.id in self._current_roles[1:]
            item.setCheckState(Qt.CheckState.Checked if also else Qt.CheckState.Unchecked)
            self.role_list.addItem(item)
            if self._current_roles and role.id == self._current_roles[0]:
                self.role_list.setCurrentItem(item)
        self.details = QTextBrowser()
        self.details.setOpenExternalLinks(False)
        split.addWidget(self.role_list)
        split.addWidget(self.details)
        split.setSizes([260, 520])
        v.addWidget(split, 1)
        self.role_list.currentItemChanged.connect(lambda *_: self._role_selected())
        self._role_selected()
        return page

    def _filter_roles(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.role_list.count()):
            item = self.role_list.item(i)
            role = self.catalog.roles[item.data(Qt.ItemDataRole.UserRole)]
            hay = f"{role.title} {role.onet_title} {role.description}".lower()
            item.setHidden(bool(needle) and needle not in hay)

    def selected_role(self) -> str | None:
        item = self.role_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def select_role(self, role_id: str) -> None:
        for i in range(self.role_list.count()):
            if self.role_list.item(i).data(Qt.ItemDataRole.UserRole) == role_id:
                self.role_list.setCurrentRow(i)
                return
        raise KeyError(role_id)

    def _role_selected(self) -> None:
        role_id = self.selected_role()
        if role_id is None:
            self.details.setHtml("<p>Select a role to see what it involves.</p>")
        else:
            self.details.setHtml(role_details_html(self.catalog.roles[role_id]))
        if hasattr(self, "next_btn"):
            self._update_buttons()

    # -- page 2 ------------------------------------------------------------------------
    def _rating_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.rating_intro = QLabel()
        self.rating_intro.setWordWrap(True)
        v.addWidget(self.rating_intro)
        presets = ", ".join(f"{name} ≈ {value}" for name, value in SELF_RATING_PRESETS)
        hint = QLabel(
            f"0–100, where {presets}. Be honest: this only sets your starting point; "
            "quizzes measure it properly and then count instead."
        )
        hint.setWordWrap(True)
        theme.set_tone(hint, "muted")
        v.addWidget(hint)
        self.all_skills = QCheckBox("Show all skills, not only the target role's")
        self.all_skills.toggled.connect(lambda _c: self._show_rows())
        v.addWidget(self.all_skills)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setColumnStretch(1, 1)
        scroll.setWidget(body)
        v.addWidget(scroll, 1)
        ratings = self.skills_svc.self_ratings(self.profile_id)
        current = self.skills_svc.current_levels(self.profile_id)
        self.rows: dict[str, _RatingRow] = {}
        for i, skill_id in enumerate(self.catalog.skills):
            row = _RatingRow(grid, i, skill_id, self._note(current.get(skill_id)))
            rated = ratings.get(skill_id)
            row.slider.setValue(round(rated.level) if rated else 0)
            row.value.setText(describe(row.slider.value()))
            row.touched = False
            self.rows[skill_id] = row
        grid.setRowStretch(len(self.rows), 1)
        return page

    @staticmethod
    def _note(level: SkillLevel | None) -> str:
        if level is None or level.source == "self":
            return ""
        return f"measured {level.level:.0f} on {short_date(level.measured_at)} (used)"

    def _show_rows(self) -> None:
        role_id = self.selected_role()
        role = self.catalog.roles.get(role_id or "")
        needed = {rs.skill: rs for rs in role.skills} if role else {}
        for skill_id, row in self.rows.items():
            row.set_visible(self.all_skills.isChecked() or skill_id in needed or not needed)
            rs = needed.get(skill_id)
            parts = [p for p in (f"needs {rs.level}" if rs else "", row.measured_note) if p]
            row.note.setText(" · ".join(parts))
        title = role.title if role else "your target role"
        self.rating_intro.setText(
            f"<b>Rate yourself</b> on the skills a {title} needs. Drag each slider to where "
            "you think you are today."
        )

    # -- navigation and saving ---------------------------------------------------------
    def _go(self, index: int) -> None:
        if index == 1 and self.selected_role() is None:
            return
        if index == 1:
            self._show_rows()
        self.pages.setCurrentIndex(index)
        self._update_buttons()

    def _update_buttons(self) -> None:
        on_roles = self.pages.currentIndex() == 0
        self.back_btn.setVisible(not on_roles)
        self.next_btn.setVisible(on_roles)
        has_role = self.selected_role() is not None
        self.next_btn.setEnabled(has_role)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(has_role)

    def chosen_roles(self) -> list[str]:
        primary = self.selected_role()
        also = [
            self.role_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.role_list.count())
            if self.role_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        return [r for r in [primary, *also] if r is not None]

    def chosen_ratings(self) -> dict[str, float]:
        """Ratings the learner set or touched (untouched zeros are not recorded)."""
        previous = self.skills_svc.self_ratings(self.profile_id)
        return {
            skill_id: float(row.slider.value())
            for skill_id, row in self.rows.items()
            if row.touched or skill_id in previous
        }

    def _save(self) -> None:
        roles = self.chosen_roles()
        if not roles:
            return
        ratings = self.chosen_ratings()
        svc, pid = self.skills_svc, self.profile_id
        changed_roles = roles != self._current_roles

        def work() -> None:
            if changed_roles:
                svc.set_target_roles(pid, roles)
            if ratings:
                svc.set_self_ratings(pid, ratings)

        self.ctx.runner.run_write(
            work,
            name="save-target-role",
            on_success=lambda _r: self.ctx.status("Target role and self-ratings saved.", 4000),
        )
        self.accept()
