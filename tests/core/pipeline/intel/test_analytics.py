"""Funnel and F1 on constructed outcomes; weight re-fit stays within bounds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerdesk.core.pipeline.intel import analytics_rules as rules
from careerdesk.core.pipeline.intel import fit_scoring as scoring
from careerdesk.core.pipeline.intel.analytics_service import AnalyticsService
from careerdesk.core.pipeline.models import ApplicationInput
from careerdesk.core.pipeline.states import State

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def _facts(i: int, path: list[str], **attrs: str) -> rules.AppFacts:
    states = [(s, T0 + timedelta(days=3 * n)) for n, s in enumerate(path)]
    return rules.AppFacts(id=i, state=path[-1], states=states, attrs=attrs)


def test_funnel_counts_and_conversion() -> None:
    apps = [
        _facts(1, ["SAVED"]),
        _facts(2, ["SAVED", "APPLIED"]),
        _facts(3, ["SAVED", "APPLIED", "REJECTED"]),
        _facts(4, ["APPLIED", "SCREENING", "PHONE_INTERVIEW"]),
        _facts(5, ["APPLIED", "TECHNICAL_INTERVIEW", "OFFER_RECEIVED", "ACCEPTED"]),  # skipped
        _facts(6, ["APPLIED", "GHOSTED"]),
    ]
    funnel = rules.funnel(apps)
    assert [(f.stage, f.count) for f in funnel] == [
        ("saved", 6),
        ("applied", 5),
        ("screening", 2),
        ("interview", 2),
        ("offer", 1),
        ("accepted", 1),
    ]
    assert funnel[0].conversion is None
    assert funnel[1].conversion == 5 / 6
    assert funnel[2].conversion == 2 / 5
    assert funnel[4].conversion == 0.5
    tis = rules.time_in_stage(apps, T0)
    assert tis["SAVED"] == 3.0 and tis["APPLIED"] == 3.0
    assert [a.success for a in apps] == [None, None, False, True, True, False]


def test_breakdowns_and_patterns() -> None:
    apps = [_facts(i, ["APPLIED", "PHONE_INTERVIEW"], source="referral") for i in range(3)]
    apps += [_facts(10 + i, ["APPLIED", "REJECTED"], source="linkedin") for i in range(5)]
    rows = {r.value: r for r in rules.breakdowns(apps)["source"]}
    assert rows["referral"].interviews == 3 and rows["linkedin"].interviews == 0
    pats = rules.patterns(apps)
    assert pats and "referral" in pats[0] and "3 of 3" in pats[0]


def test_accuracy_precision_recall_f1() -> None:
    pairs = (
        [("apply_now", True)] * 3
        + [("apply_now", False)]
        + [("learn_first", True)] * 2
        + [("reconsider", False)] * 4
        + [("unknown", True)]
    )
    acc = rules.accuracy(pairs)
    assert (acc.tp, acc.fp, acc.fn, acc.tn, acc.n) == (3, 1, 2, 4, 10)
    assert acc.precision == 0.75 and acc.recall == 0.6
    assert acc.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert rules.accuracy([]).f1 is None


def test_refit_moves_towards_what_works() -> None:
    good = {"skills": 0.9, "experience": 0.5, "culture": 0.5, "growth": 0.5, "compensation": 0.5}
    bad = {"skills": 0.2, "experience": 0.5, "culture": 0.5, "growth": 0.5, "compensation": 0.5}
    result = scoring.refit(scoring.DEFAULT_WEIGHTS, [(good, True)] * 5 + [(bad, False)] * 5)
    assert result.weights["skills"] > scoring.DEFAULT_WEIGHTS["skills"]
    assert sum(result.weights.values()) == pytest.approx(1.0)
    assert result.explanation[0].startswith("Skills 30% →")
    same = scoring.refit(scoring.DEFAULT_WEIGHTS, [(good, True)] * 3)
    assert same.weights == scoring.DEFAULT_WEIGHTS


unit = st.floats(min_value=0, max_value=1)
comp = st.fixed_dictionaries({d: unit for d in scoring.DIMENSIONS})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(comp, st.booleans()), min_size=10, max_size=40), st.integers(1, 8))
def test_refit_stays_within_bounds(outcomes, rounds) -> None:  # type: ignore[no-untyped-def]
    weights = dict(scoring.DEFAULT_WEIGHTS)
    for _ in range(rounds):  # repeated re-fits on the same extreme data
        weights = scoring.refit(weights, outcomes).weights
        assert sum(weights.values()) == pytest.approx(1.0, abs=1e-6)
        for d, w in weights.items():
            lo, hi = scoring.bounds(d)
            assert lo - 1e-9 <= w <= hi + 1e-9


def test_service_records_outcomes_and_refits_every_ten(app, svc, pid, clock) -> None:  # type: ignore[no-untyped-def]
    analytics = app.service(AnalyticsService)
    desc = "Requirements:\n- SQL\n- Python"
    ids = []
    for i in range(12):
        a = svc.create(
            pid, ApplicationInput(company=f"C{i}", title="Data Analyst", description=desc)
        )
        svc.move(a.id, State.APPLIED)
        ids.append(a.id)
    for i, app_id in enumerate(ids[:9]):
        svc.move(app_id, State.PHONE_INTERVIEW if i % 3 == 0 else State.REJECTED)
    report = analytics.report(pid)
    assert report.weights.outcomes == 9 and report.weights.refitted_at is None
    assert report.weights.next_refit_after == 1
    svc.move(ids[9], State.GHOSTED)
    report = analytics.report(pid)
    assert report.weights.outcomes == 10 and report.weights.refitted_at is not None
    assert report.weights.explanation
    assert [f.count for f in report.funnel][:2] == [12, 12]
    assert report.accuracy.n == 10  # all had a verdict
    svc.move(ids[10], State.REJECTED)
    assert analytics.report(pid).weights.next_refit_after == 9
