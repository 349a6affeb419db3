"""Pipeline → Offers (side by side, re-weighting, terms) and the follow-up list's waiting steps
and per-application timing."""

from __future__ import annotations

from datetime import date

import pytest

from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.offers.service import OfferService
from careerdesk.core.pipeline.intel.followup_service import FollowUpService
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State
from careerdesk.ui.pipeline.followup_list import FollowUpList
from careerdesk.ui.pipeline.views.offers import ROWS, OffersView


@pytest.fixture
def clock(ui_ctx) -> FixedClock:  # type: ignore[no-untyped-def]
    fixed = FixedClock()
    ui_ctx.app.clock = fixed
    return fixed


def _wait(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        ui_ctx.runner.wait_idle(10)
        qtbot.wait(30)


def _row(label: str) -> int:
    return [r for r, _f in ROWS].index(label)


def test_offers_side_by_side_reweighted_and_terms(ui_ctx, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    svc = ui_ctx.service(ApplicationService)
    pid = ui_ctx.profile_id
    a = svc.create(pid, {"company": "Acme", "title": "Analyst", "remote": "yes"})
    b = svc.create(pid, {"company": "Beta", "title": "Analyst", "location": "Leeds"})
    svc.add_offer(a.id, {"base": 50_000, "bonus": 5_000, "currency": "GBP"})
    ob = svc.add_offer(b.id, {"base": 52_000, "currency": "GBP", "deadline": date(2027, 1, 8)})
    view = OffersView(ui_ctx)
    qtbot.addWidget(view)
    _wait(ui_ctx, qtbot)
    assert view.table.columnCount() == 2
    heads = [view.table.horizontalHeaderItem(c).text() for c in range(2)]
    assert heads[0].startswith("1. Acme")  # 55,000 total and remote beat 52,000 on-site
    total = _row("First-year total")
    assert [view.table.item(total, c).text() for c in range(2)] == ["£55,000", "£52,000"]
    assert "Best for you: <b>Acme</b>" in view.summary.text()
    # Only base salary matters: Beta comes first, instantly.
    for key, box in view.weights.items():
        box.setValue(100 if key == "base" else 0)
    assert view.table.horizontalHeaderItem(0).text().startswith("1. Beta")
    view.save_weights()
    _wait(ui_ctx, qtbot)
    assert ui_ctx.service(OfferService).weights(pid)["base"] == 1.0
    # Terms saved through the service show up after the refresh.
    ui_ctx.service(OfferService).set_terms(ob.id, {"sign_on": 4_000})
    _wait(ui_ctx, qtbot)
    col = next(c for c in range(2) if "Beta" in view.table.horizontalHeaderItem(c).text())
    assert view.table.item(total, col).text() == "£56,000"


def test_offers_empty_state(ui_ctx, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    view = OffersView(ui_ctx)
    qtbot.addWidget(view)
    _wait(ui_ctx, qtbot)
    assert view.table.isHidden()
    assert "No offers to compare yet" in view.summary.text()


def test_waiting_steps_are_not_due_and_timing_is_per_application(ui_ctx, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    svc = ui_ctx.service(ApplicationService)
    fu = ui_ctx.service(FollowUpService)
    a = svc.create(ui_ctx.profile_id, {"company": "Monzo", "title": "Analyst"})
    svc.move(a.id, State.APPLIED)
    clock.advance(days=8)  # steps at +3 and +7 are past
    widget = FollowUpList(ui_ctx, upcoming=True)
    qtbot.addWidget(widget)
    _wait(ui_ctx, qtbot)
    whens = [widget.tree.topLevelItem(i).text(0) for i in range(3)]
    assert whens[0] == "5 days overdue" and whens[1] == "after step 1"
    assert whens[2].endswith(", after step 2")
    assert widget.empty.text() == "1 due now, 2 coming up."
    widget.set_timing("backoff")
    _wait(ui_ctx, qtbot)
    assert fu.strategy_of(a.id) == "backoff"
