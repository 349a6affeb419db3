"""Pipeline → Offers: two or more offers side by side with a first-year total, scored with
the learner's own weights (docs/pipeline.md, Offers).

Offers come from the applications' Offer records; the extra terms a comparison needs (start
date, sign-on, first-year equity and benefit values) are edited here. Reading and saving run
on the task runner; re-weighting is pure and instant (``core.offers.rules``).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kernel.events import DataRestored, DomainEvent
from careerdesk.core.offers import rules
from careerdesk.core.offers.models import ComparedOffer, Comparison, OfferFacts
from careerdesk.core.offers.service import OfferService
from careerdesk.core.pipeline.events import ApplicationChanged
from careerdesk.ui.common import formatting
from careerdesk.ui.common.date_field import DateField
from careerdesk.ui.pipeline.views import PipelineView
from careerdesk.ui.shell.context import UiContext

WORK_MODE = {"yes": "Remote", "hybrid": "Hybrid", "no": "On-site", "": "–"}


def _money(v: int | None, currency: str = "") -> str:
    return "–" if v is None else formatting.money(v, currency)


# The rows of the side-by-side table: label and how to show one compared offer.
ROWS: tuple[tuple[str, Any], ...] = (
    ("Base salary", lambda c: _money(c.offer.base, c.offer.currency)),
    ("Bonus", lambda c: _money(c.offer.bonus, c.offer.currency)),
    ("Sign-on bonus", lambda c: _money(c.offer.sign_on, c.offer.currency)),
    ("Equity", lambda c: c.offer.equity or "–"),
    ("Equity, first year", lambda c: _money(c.offer.equity_value, c.offer.currency)),
    ("Benefits", lambda c: c.offer.benefits or "–"),
    ("Benefits, per year", lambda c: _money(c.offer.benefits_value, c.offer.currency)),
    ("First-year total", lambda c: _money(c.first_year_total, c.offer.currency)),
    (
        "Location",
        lambda c: (
            ", ".join(x for x in (c.offer.location, WORK_MODE[c.offer.remote]) if x != "–") or "–"
        ),
    ),
    ("Start date", lambda c: formatting.date(c.offer.start_date) or "–"),
    ("Reply by", lambda c: _reply(c)),
    ("Your score", lambda c: "–" if c.weighted is None else f"{formatting.share(c.weighted)}"),
)
TOTAL_ROW = 7
SCORE_ROW = len(ROWS) - 1


def _reply(c: ComparedOffer) -> str:
    if c.offer.deadline is None:
        return "–"
    days = c.days_to_reply
    left = "" if days is None else (f" (in {days} days)" if days >= 0 else " (passed)")
    return f"{c.offer.deadline:%d %b %Y}{left}"


class TermsDialog(QDialog):
    """The terms an offer record lacks: start date, sign-on, equity and benefit values."""

    def __init__(self, offer: OfferFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Offer terms: {offer.company}")
        form = QFormLayout(self)
        self.has_start = QCheckBox("Known")
        self.start = DateField(offer.start_date)
        self.start.setAccessibleName("Start date")
        self.has_start.setChecked(offer.start_date is not None)
        row = QHBoxLayout()
        row.addWidget(self.start)
        row.addWidget(self.has_start)
        form.addRow("Start date", row)
        self.money: dict[str, QSpinBox] = {}
        for key, label, value in (
            ("sign_on", "Sign-on bonus", offer.sign_on),
            ("equity_value", "Equity vesting in year one", offer.equity_value),
            ("benefits_value", "Benefits worth per year", offer.benefits_value),
        ):
            box = QSpinBox()
            box.setRange(0, 10_000_000)
            box.setSingleStep(1000)
            box.setGroupSeparatorShown(True)
            box.setSpecialValueText("unknown")
            box.setValue(value or 0)
            self.money[key] = box
            form.addRow(f"{label} ({offer.currency or 'offer currency'})", box)
        self.benefits = QLineEdit(offer.benefits)
        self.benefits.setPlaceholderText("e.g. private health, 8% pension, 30 days' leave")
        form.addRow("Benefits", self.benefits)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: (b.value() or None) for k, b in self.money.items()}
        out["benefits"] = self.benefits.text().strip()
        out["start_date"] = self.start.value() if self.has_start.isChecked() else None
        return out


class OffersView(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.facts: list[OfferFacts] = []
        self.comparison: Comparison | None = None
        self._seq = 0
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("<b>Compare offers</b> — first-year total and what matters to you"))
        top.addStretch(1)
        self.closed = QCheckBox("Include &answered offers")
        self.closed.toggled.connect(lambda _on: self.refresh())
        top.addWidget(self.closed)
        self.terms_btn = QPushButton("Edit &terms…")
        self.terms_btn.setToolTip(
            "Start date, sign-on bonus, first-year equity and benefits of the selected offer"
        )
        self.terms_btn.clicked.connect(self.edit_terms)
        top.addWidget(self.terms_btn)
        v.addLayout(top)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        v.addWidget(self.summary)
        self.table = QTableWidget(len(ROWS), 0)
        self.table.setVerticalHeaderLabels([label for label, _f in ROWS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._enable)
        v.addWidget(self.table)
        weights_box = QHBoxLayout()
        weights_box.addWidget(QLabel("<b>What matters to you</b><br>(how much each counts, %)"))
        grid = QGridLayout()
        self.weights: dict[str, QSpinBox] = {}
        for i, (key, label) in enumerate(rules.CRITERIA.items()):
            box = QSpinBox()
            box.setRange(0, 100)
            box.setSingleStep(5)
            box.setToolTip(
                f"How much “{label}” counts in your score (the numbers need not add up to 100)"
            )
            box.valueChanged.connect(lambda _v: self._rescore())
            self.weights[key] = box
            grid.addWidget(QLabel(label), i // 3, 2 * (i % 3))
            grid.addWidget(box, i // 3, 2 * (i % 3) + 1)
        weights_box.addLayout(grid)
        weights_box.addStretch(1)
        self.save_btn = QPushButton("&Save what matters")
        self.save_btn.clicked.connect(self.save_weights)
        weights_box.addWidget(self.save_btn)
        v.addLayout(weights_box)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        v.addWidget(self.warnings)
        v.addStretch(1)
        ctx.events.domain_event.connect(self._on_event)
        ctx.profile_changed.connect(lambda _pid: self.refresh())
        self.refresh()

    @property
    def service(self) -> OfferService:
        return self.ctx.service(OfferService)

    def _on_event(self, event: DomainEvent) -> None:
        if isinstance(event, DataRestored) or (
            event.profile_id == self.ctx.profile_id and isinstance(event, ApplicationChanged)
        ):
            self.refresh()

    def refresh(self) -> None:
        pid = self.ctx.profile_id
        self._seq += 1
        seq = self._seq
        if pid is None:
            self._loaded(seq, None, ([], rules.DEFAULT_WEIGHTS))
            return
        svc, closed = self.service, self.closed.isChecked()
        self.ctx.runner.run(
            lambda _s: (svc.offers(pid, include_closed=closed), svc.weights(pid)),
            name="offers-compare",
            on_success=lambda r: self._loaded(seq, pid, r),
        )

    def _loaded(self, seq: int, pid: int | None, result: Any) -> None:
        if seq != self._seq or pid != self.ctx.profile_id:
            return
        self.facts, weights = result
        for key, box in self.weights.items():
            box.blockSignals(True)
            box.setValue(round(100 * weights.get(key, 0.0)))
            box.blockSignals(False)
        self._rescore()

    def _current_weights(self) -> dict[str, float]:
        return {k: float(b.value()) for k, b in self.weights.items()}

    def _rescore(self) -> None:
        weights = self._current_weights()
        if not any(weights.values()):
            self.warnings.setText("Give at least one criterion a weight above zero.")
            return
        today = self.service.clock.now().date()
        self.comparison = rules.compare(self.facts, weights, today=today)
        self._show(self.comparison)

    def _show(self, c: Comparison) -> None:
        self.table.setColumnCount(len(c.offers))
        self.table.setHorizontalHeaderLabels(
            [f"{o.rank}. {o.offer.company}\n{o.offer.title}" for o in c.offers]
        )
        for col, compared in enumerate(c.offers):
            for row, (_label, show) in enumerate(ROWS):
                item = QTableWidgetItem(show(compared))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if row in (TOTAL_ROW, SCORE_ROW):
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if row == TOTAL_ROW and compared.total_parts:
                    item.setToolTip(" + ".join(compared.total_parts))
                self.table.setItem(row, col, item)
        self.table.setVisible(bool(c.offers))
        # As tall as its rows: the weights sit right under the offers, not at the window's foot.
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(height)

        if not c.offers:
            self.summary.setText(
                "No offers to compare yet. When an application reaches Offer received, add "
                "the offer in its detail (Offers) and it appears here."
                if self.ctx.profile_id is not None
                else "Choose a profile to compare its offers."
            )
        else:
            best = c.offers[0]
            score = "" if best.weighted is None else f" with {formatting.share(best.weighted)}"
            self.summary.setText(
                f"Best for you: <b>{best.offer.company}</b>{score} on what matters to you. "
                "The first-year total adds base, bonus, sign-on, first-year equity and benefits."
            )
        self.warnings.setText("  ".join(c.warnings))
        self._enable()

    def selected(self) -> OfferFacts | None:
        cols = {i.column() for i in self.table.selectedItems()}
        if len(cols) != 1 or self.comparison is None:
            return None
        return self.comparison.offers[cols.pop()].offer

    def _enable(self) -> None:
        self.terms_btn.setEnabled(bool(self.comparison and self.comparison.offers))

    def edit_terms(self, offer: OfferFacts | None = None) -> None:
        """Edit the selected offer's terms; with none selected, ask which one."""
        offer = offer or self.selected()
        if offer is None:
            if self.comparison is None or not self.comparison.offers:
                return
            menu = QMenu(self)
            for compared in self.comparison.offers:
                o = compared.offer
                menu.addAction(f"{o.company} — {o.title}", partial(self.edit_terms, o))
            menu.popup(self.terms_btn.mapToGlobal(self.terms_btn.rect().bottomLeft()))
            return
        dialog = TermsDialog(offer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        svc, values = self.service, dialog.values()
        self.ctx.runner.run(
            lambda _s: svc.set_terms(offer.offer_id, values),
            write=True,
            name="offer-terms",
            on_success=lambda _r: self.ctx.status(f"Terms of the {offer.company} offer saved."),
            on_error=self._failed,
        )

    def save_weights(self) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            return
        svc, weights = self.service, self._current_weights()
        self.ctx.runner.run(
            lambda _s: svc.set_weights(pid, weights),
            write=True,
            name="offer-weights",
            on_success=lambda _r: self.ctx.status("Saved what matters to you in an offer."),
            on_error=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.warnings.setText(str(exc))
        else:
            self.ctx.report(exc)


def _factory(ctx: UiContext, _store: Any) -> QWidget:
    return OffersView(ctx)


VIEW = PipelineView("offers", "Offers", 35, _factory)
