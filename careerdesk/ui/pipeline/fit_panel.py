"""The fit of one application: verdict with reasons, the closest job family, how the score is made
(components with their renormalised weights, and what had no information, e.g. "Not enough
information about culture"), the verdicts frozen at each state, skills matched, partial and
missing with severity, hours and priority, "Add gaps to my learning path" and the work-style
and culture preferences form.

Shown in the Pipeline detail panel (Fit tab) and in Pipeline → Fit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.pipeline.intel.fit_models import (
    COMPONENT_LABELS,
    JobFitView,
    VerdictSnapshotOut,
)
from careerdesk.core.pipeline.intel.fit_rules import VERDICT_LABELS
from careerdesk.core.pipeline.intel.fit_service import FitService
from careerdesk.ui.common import formatting, theme
from careerdesk.ui.pipeline.style import state_label
from careerdesk.ui.shell.context import UiContext

VERDICT_COLOURS = theme.VERDICT_HUES
STATUS_TEXT = {"match": "✓ met", "partial": "◐ partly", "missing": "✗ missing", "untracked": "–"}


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def verdict_html(view: JobFitView) -> str:
    colour = VERDICT_COLOURS[view.verdict]
    occ = f"<br>Closest job family: {_esc(view.occupation)}" if view.occupation else ""
    reasons = "".join(f"<li>{_esc(r)}</li>" for r in view.reasons)
    return (
        f"<span style='font-size:15pt; color:{colour}'><b>{view.label}</b></span> "
        f"&nbsp; {_esc(view.company)} — {_esc(view.title)}{occ}"
        f"<br>Fit score {formatting.share(view.score)} · required skills matched "
        f"{formatting.percent(view.required_match)} · "
        f"about {view.hours_to_close:.0f} h to close<ul>{reasons}</ul>"
    )


def parts_html(view: JobFitView, snapshots: list[VerdictSnapshotOut]) -> str:
    """How the score is made, what was left out and the verdicts frozen so far."""
    rows = "".join(
        f"<li>{COMPONENT_LABELS[d].capitalize()} {formatting.share(view.components[d])} "
        f"(counts {formatting.share(view.effective_weights.get(d, 0.0))}"
        + (
            f", {formatting.share(view.weights.get(d, 0.0))} usually)</li>"
            if view.left_out
            else ")</li>"
        )
        for d in view.components
    )
    notes = "".join(f"<li><i>{_esc(n)}</i></li>" for n in view.notes)
    if view.left_out:
        notes += "<li><i>Left out of the score; the other parts count for more.</i></li>"
    culture = "".join(f"<li>{_esc(r)}</li>" for r in view.culture_reasons)
    pay = f"<li>{_esc(view.compensation_reason)}</li>" if view.compensation_reason else ""
    frozen = ""
    if snapshots:
        frozen = "<br><b>Verdict at each step</b> (frozen when the state changed): " + ", ".join(
            f"{state_label(s.state)} {formatting.day_month(s.taken_at)}: "
            f"{VERDICT_LABELS.get(s.verdict, s.verdict)}"
            + (" (back-filled)" if s.backfilled else "")
            for s in snapshots
        )
    return (
        f"<b>How the fit score is made</b><ul>{rows}{notes}</ul>"
        + (f"<b>Work style and culture</b><ul>{culture}</ul>" if culture else "")
        + (f"<b>Pay</b><ul>{pay}</ul>" if pay else "")
        + frozen
    )


class FitPanel(QWidget):
    """The fit of one application (also usable on its own)."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.app_id: int | None = None
        self.view: JobFitView | None = None
        v = QVBoxLayout(self)
        self.header = QLabel("Select an application to see how well you fit it.")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        v.addWidget(self.header)
        self.parts = QLabel()
        self.parts.setWordWrap(True)
        self.parts.setTextFormat(Qt.TextFormat.RichText)
        v.addWidget(self.parts)
        self.skills = QTreeWidget()
        self.skills.setHeaderLabels(["Skill", "Asked", "You", "Status", "Gap", "Hours", "Priority"])
        self.skills.setRootIsDecorated(False)
        self.skills.setColumnWidth(0, 200)
        v.addWidget(self.skills, 1)
        row = QHBoxLayout()
        self.add_btn = QPushButton("Add gaps to my learning path")
        self.add_btn.clicked.connect(self.add_to_path)
        self.add_btn.setEnabled(False)
        row.addWidget(self.add_btn)
        row.addStretch(1)
        self.prefs_btn = QPushButton("Work style and culture…")
        self.prefs_btn.setToolTip(
            "Where and how you like to work, sectors, values and expected salary: "
            "compared with each posting and its company card"
        )
        self.prefs_btn.clicked.connect(self.edit_preferences)
        row.addWidget(self.prefs_btn)
        v.addLayout(row)

    def show_application(self, app_id: int | None) -> None:
        self.app_id = app_id
        if app_id is None:
            self.header.setText("Select an application to see how well you fit it.")
            self.parts.clear()
            self.skills.clear()
            self.add_btn.setEnabled(False)
            return
        svc = self.ctx.service(FitService)
        self.ctx.runner.run(
            lambda _s: (svc.analyse(app_id), svc.snapshots(app_id)),
            write=True,
            name="job-fit",
            on_success=lambda r: self._show(app_id, r[0], r[1]),
        )

    def _show(
        self, app_id: int, view: JobFitView, snapshots: list[VerdictSnapshotOut] | None = None
    ) -> None:
        if app_id != self.app_id:
            return
        self.view = view
        self.header.setText(verdict_html(view))
        self.parts.setText(parts_html(view, snapshots or []))
        self.skills.clear()
        for item in sorted(view.items, key=lambda i: (not i.required, i.priority or 999, i.name)):
            row = QTreeWidgetItem(
                [
                    item.name + ("" if item.required else " (preferred)"),
                    str(item.implied),
                    "–" if item.current is None else f"{item.current:.0f}",
                    STATUS_TEXT[item.status],
                    item.severity,
                    f"{item.hours:.0f}" if item.hours else "",
                    str(item.priority) if item.priority else "",
                ]
            )
            row.setToolTip(0, item.evidence)
            self.skills.addTopLevelItem(row)
        self.add_btn.setEnabled(any(g.skill_id for g in view.gaps))

    def add_to_path(self) -> None:
        if self.app_id is None:
            return
        svc = self.ctx.service(FitService)
        app_id = self.app_id
        self.ctx.runner.run(
            lambda _s: svc.add_gaps_to_learning_path(app_id),
            write=True,
            name="fit-to-path",
            on_success=lambda names: self.ctx.status(
                f"Added to your learning path: {', '.join(names)}."
            ),
        )

    def edit_preferences(self) -> None:
        """Open the work-style and culture form; the fit is recomputed when it is saved."""
        from careerdesk.ui.pipeline.preferences_dialog import PreferencesDialog

        pid = self.ctx.profile_id
        if pid is None:
            return
        dialog = PreferencesDialog(self.ctx, pid, self)
        if dialog.exec() and self.app_id is not None:
            self.show_application(self.app_id)
