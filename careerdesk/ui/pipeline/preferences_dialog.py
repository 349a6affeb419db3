"""Work style and culture: the learner's short preferences form (docs/intel.md).

Opened from the Fit view ("Work style and culture…"). Every choice comes from the fixed
lists of the core (``pipeline.intel.culture_rules``); an empty group means "no preference",
and the fit then says nothing about it instead of guessing.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.pipeline.intel.culture_rules import COMPANY_SIZES, SECTORS, VALUES, WORK_MODES
from careerdesk.core.pipeline.intel.preferences import PreferencesService, WorkPreferencesData
from careerdesk.ui.common import theme
from careerdesk.ui.shell.context import UiContext


def _group(
    title: str, choices: dict[str, str], columns: int
) -> tuple[QGroupBox, dict[str, QCheckBox]]:
    box = theme.section_box(title)
    grid = QGridLayout(box)
    boxes: dict[str, QCheckBox] = {}
    for n, (key, label) in enumerate(choices.items()):
        check = QCheckBox(label)
        boxes[key] = check
        grid.addWidget(check, n // columns, n % columns)
    return box, boxes


class PreferencesDialog(QDialog):
    """Edit one profile's work-style and culture preferences; saves on OK."""

    def __init__(self, ctx: UiContext, profile_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profile_id = profile_id
        self.setWindowTitle("Work style and culture")
        v = QVBoxLayout(self)
        intro = QLabel(
            "What suits you? Job fit compares these with what a posting and its company card "
            "say. Leave a group empty when it does not matter to you."
        )
        intro.setWordWrap(True)
        v.addWidget(intro)
        box, self.modes = _group("Where you work", WORK_MODES, 3)
        v.addWidget(box)
        box, self.sizes = _group("Company size", COMPANY_SIZES, 2)
        v.addWidget(box)
        box, self.sectors = _group("Sectors", {k: lbl for k, (lbl, _w) in SECTORS.items()}, 2)
        v.addWidget(box)
        box, self.values = _group(
            "Values and ways of working", {k: lbl for k, (lbl, _w) in VALUES.items()}, 2
        )
        v.addWidget(box)
        pay = QHBoxLayout()
        pay.addWidget(QLabel("Expected yearly salary:"))
        self.salary = QSpinBox()
        self.salary.setRange(0, 10_000_000)
        self.salary.setSingleStep(1000)
        self.salary.setGroupSeparatorShown(True)
        self.salary.setSpecialValueText("not set")
        pay.addWidget(self.salary)
        pay.addWidget(QLabel("Currency:"))
        self.currency = QLineEdit()
        self.currency.setMaxLength(3)
        self.currency.setPlaceholderText("e.g. GBP")
        self.currency.setFixedWidth(70)
        pay.addWidget(self.currency)
        pay.addStretch(1)
        v.addLayout(pay)
        self.error = QLabel()
        self.error.setWordWrap(True)
        v.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.load(ctx.service(PreferencesService).get(profile_id))

    def load(self, data: WorkPreferencesData) -> None:
        for boxes, chosen in (
            (self.modes, data.work_modes),
            (self.sizes, data.company_sizes),
            (self.sectors, data.sectors),
            (self.values, data.values),
        ):
            for key, check in boxes.items():
                check.setChecked(key in chosen)
        self.salary.setValue(data.expected_salary or 0)
        self.currency.setText(data.currency)

    def data(self) -> WorkPreferencesData:
        def picked(boxes: dict[str, QCheckBox]) -> list[str]:
            return [k for k, c in boxes.items() if c.isChecked()]

        return WorkPreferencesData(
            work_modes=picked(self.modes),
            company_sizes=picked(self.sizes),
            sectors=picked(self.sectors),
            values=picked(self.values),
            expected_salary=self.salary.value() or None,
            currency=self.currency.text().strip(),
        )

    def save(self) -> None:
        data = self.data()
        svc = self.ctx.service(PreferencesService)
        pid = self.profile_id
        self.ctx.runner.run(
            lambda _s: svc.save(pid, data),
            write=True,
            name="work-preferences",
            on_success=lambda _r: self.accept(),
            on_error=lambda exc: self.error.setText(f"Not saved: {exc}"),
        )
