"""Outcome analytics rules by hand: stages reached, funnel, time in stage, breakdowns,
patterns, accuracy and which verdicts are judged (docs/intel.md, "Analytics").

Expected values are worked out by hand in the comments, never read from analytics_rules.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from careerdesk.core.pipeline.intel import analytics_rules as rules

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def _app(i: int, path: list[str], skills: list[str] | None = None, **attrs: str) -> rules.AppFacts:
    states = [(s, T0 + timedelta(days=n)) for n, s in enumerate(path)]
    return rules.AppFacts(id=i, state=path[-1], states=states, attrs=attrs, skills=skills or [])


# Funnel stages from docs/intel.md: saved 0, applied 1, screening 2, any interview 3,
# offer or negotiating 4, accepted 5; rejected or ghosted means it was at least applied.
@pytest.mark.parametrize(
    ("path", "stage", "applied", "success"),
    [
        (["SAVED"], 0, False, None),
        (["APPLYING"], 0, False, None),
        (["SAVED", "WITHDRAWN"], 0, False, None),
        (["APPLIED"], 1, True, None),
        (["SAVED", "REJECTED"], 1, True, False),
        (["SAVED", "GHOSTED"], 1, True, False),
        (["APPLIED", "SCREENING"], 2, True, None),
        (["APPLIED", "SCREENING", "REJECTED"], 2, True, False),  # just below an interview
        (["APPLIED", "PHONE_INTERVIEW"], 3, True, True),  # an interview is a success …
        (["APPLIED", "PHONE_INTERVIEW", "REJECTED"], 3, True, True),  # … whatever came after
        (["TECHNICAL_INTERVIEW"], 3, True, True),
        (["ONSITE_INTERVIEW"], 3, True, True),
        (["FINAL_INTERVIEW", "GHOSTED"], 3, True, True),
        (["OFFER_RECEIVED"], 4, True, True),
        (["NEGOTIATING"], 4, True, True),
        (["APPLIED", "ACCEPTED"], 5, True, True),
        (["APPLIED", "SCREENING", "WITHDRAWN"], 2, True, None),
    ],
)
def test_stage_applied_and_success(
    path: list[str], stage: int, applied: bool, success: bool | None
) -> None:
    app = _app(1, path)
    assert (app.stage, app.applied, app.success) == (stage, applied, success)


def test_the_current_state_counts_even_without_its_log_entry() -> None:
    app = rules.AppFacts(id=1, state="OFFER_RECEIVED", states=[("APPLIED", T0)], attrs={})
    assert app.stage == 4


def test_values_per_dimension() -> None:
    app = _app(1, ["APPLIED"], skills=["SQL", "Python", "SQL"], source="referral", company="")
    assert app.values("source") == ["referral"]
    assert app.values("company") == ["(not set)"]  # empty counts as not set
    assert app.values("role") == ["(not set)"]
    assert app.values("skill") == ["SQL", "Python"]  # each skill once, in order
    assert _app(2, ["APPLIED"]).values("skill") == ["(not set)"]


def test_funnel_of_nothing_and_of_one_saved_posting() -> None:
    empty = rules.funnel([])
    assert [(f.stage, f.count, f.conversion) for f in empty] == [
        ("saved", 0, None),
        ("applied", 0, None),
        ("screening", 0, None),
        ("interview", 0, None),
        ("offer", 0, None),
        ("accepted", 0, None),
    ]
    one = rules.funnel([_app(1, ["SAVED"])])
    # 1 saved, 0 applied: 0 / 1 = 0 %; every later stage has no previous count: None.
    assert [(f.count, f.conversion) for f in one] == [
        (1, None),
        (0, 0.0),
        (0, None),
        (0, None),
        (0, None),
        (0, None),
    ]


def test_funnel_counts_a_rejection_as_applied() -> None:
    funnel = rules.funnel([_app(1, ["SAVED", "REJECTED"]), _app(2, ["APPLIED", "SCREENING"])])
    # saved 2, applied 2 (the rejection), screening 1: 2/2 = 1.0, 1/2 = 0.5, then 0/1 = 0.
    assert [(f.count, f.conversion) for f in funnel] == [
        (2, None),
        (2, 1.0),
        (1, 0.5),
        (0, 0.0),
        (0, None),
        (0, None),
    ]


def test_time_in_stage_is_the_median_of_finished_stays() -> None:
    h = timedelta(hours=1)
    apps = [
        rules.AppFacts(
            id=1,
            state="SCREENING",
            states=[("SAVED", T0), ("APPLIED", T0 + 24 * h), ("SCREENING", T0 + 96 * h)],
            attrs={},
        ),
        rules.AppFacts(
            id=2, state="APPLIED", states=[("SAVED", T0), ("APPLIED", T0 + 48 * h)], attrs={}
        ),
        rules.AppFacts(
            id=3,
            state="REJECTED",
            states=[("SAVED", T0), ("APPLIED", T0 + 144 * h), ("REJECTED", T0 + 150 * h)],
            attrs={},
        ),
    ]
    # SAVED stays: 1, 2 and 6 days → median 2.0. APPLIED stays: 3 days (24 h → 96 h) and
    # 0.25 days (144 h → 150 h) → median 1.625 → 1.6. SCREENING and REJECTED were not left.
    assert rules.time_in_stage(apps, T0) == {"SAVED": 2.0, "APPLIED": 1.6}


def test_time_in_stage_counts_a_day_as_24_hours() -> None:
    # 18 hours = 0.75 days → 0.8 to one decimal; 1 day 18 hours = 1.75 days → 1.8. (A day
    # counted even a second too long would give 0.7499… → 0.7.)
    h = timedelta(hours=1)
    stays = [
        rules.AppFacts(
            id=1, state="APPLIED", states=[("SAVED", T0), ("APPLIED", T0 + 18 * h)], attrs={}
        ),
        rules.AppFacts(
            id=2, state="SCREENING", states=[("APPLIED", T0), ("SCREENING", T0 + 42 * h)], attrs={}
        ),
    ]
    assert rules.time_in_stage(stays, T0) == {"SAVED": 0.8, "APPLIED": 1.8}


def test_time_in_stage_never_negative_and_empty_without_moves() -> None:
    backwards = rules.AppFacts(
        id=1, state="APPLIED", states=[("SAVED", T0), ("APPLIED", T0 - timedelta(days=2))], attrs={}
    )
    assert rules.time_in_stage([backwards], T0) == {"SAVED": 0.0}
    assert rules.time_in_stage([_app(2, ["SAVED"])], T0) == {}


def test_breakdown_rows_by_hand() -> None:
    apps = [
        _app(1, ["SAVED"], source="linkedin"),
        _app(2, ["APPLIED", "REJECTED"], source="linkedin"),
        _app(3, ["APPLIED", "PHONE_INTERVIEW"], source="referral"),
        _app(4, ["APPLIED", "OFFER_RECEIVED"], source="referral"),
        _app(5, ["APPLIED", "SCREENING"], source="linkedin"),
        _app(6, ["APPLIED"], source="board"),
    ]
    rows = rules.breakdowns(apps)
    assert list(rows) == [
        "source",
        "company",
        "role",
        "location",
        "remote",
        "seniority",
        "industry",
        "skill",
    ]
    # Most applications first, then by value.
    assert [(r.value, r.total, r.applied, r.interviews, r.offers) for r in rows["source"]] == [
        ("linkedin", 3, 2, 0, 0),
        ("referral", 2, 2, 2, 1),
        ("board", 1, 1, 0, 0),
    ]
    assert [(r.value, r.total) for r in rows["company"]] == [("(not set)", 6)]
    referral = rows["source"][1]
    assert referral.interview_rate == 1.0
    assert rows["source"][0].interview_rate == 0.0
    saved_only = rules.breakdowns([_app(9, ["SAVED"], source="x")])["source"][0]
    assert saved_only.interview_rate == 0.0  # nothing applied: 0, not a division by zero


def test_patterns_of_nothing_applied() -> None:
    assert rules.patterns([]) == []
    assert rules.patterns([_app(1, ["SAVED"], source="x")] * 4) == []


def test_pattern_threshold_is_fifteen_points_inclusive_and_three_applications() -> None:
    interview, rejected = ["APPLIED", "PHONE_INTERVIEW"], ["APPLIED", "REJECTED"]
    apps = [_app(1, interview, source="agency")]
    apps += [_app(i, rejected, source="agency") for i in range(2, 5)]
    apps += [_app(i, rejected, source="board") for i in range(5, 11)]
    # Overall 1 of 10 = 10 %. agency: 1 of 4 = 25 %, exactly 15 points more: reported.
    # board: 0 of 6, 10 points less: not reported.
    assert rules.patterns(apps) == [
        "Source “agency”: 1 of 4 applications reached an interview (25%), more than your "
        "10% overall."
    ]


def test_patterns_need_three_applications_and_a_value() -> None:
    interview, rejected = ["APPLIED", "PHONE_INTERVIEW"], ["APPLIED", "REJECTED"]
    two = [_app(i, interview, role="analyst") for i in range(2)]
    two += [_app(i, rejected) for i in range(2, 8)]
    # analyst: 2 of 2 (100 %) against 2 of 8 (25 %) overall, but only 2 applications;
    # the other six have no role ("(not set)"), never a pattern.
    assert rules.patterns(two) == []
    three = [*two, _app(9, interview, role="analyst")]
    # analyst: 3 of 3 against 3 of 9 (33 %): 67 points more. "(not set)": 0 of 6 is 33
    # points less but is never reported.
    assert rules.patterns(three) == [
        "Role “analyst”: 3 of 3 applications reached an interview (100%), more than your "
        "33% overall."
    ]


def test_patterns_strongest_first_and_at_most_eight() -> None:
    interview, rejected = ["APPLIED", "PHONE_INTERVIEW"], ["APPLIED", "REJECTED"]
    skills = [f"s{n}" for n in range(1, 10)]
    apps = [_app(i, interview, skills=skills) for i in range(3)]
    apps += [_app(i, rejected, location="leeds") for i in range(3, 12)]
    found = rules.patterns(apps)
    # Overall 3 of 12 = 25 %. leeds: 0 of 9, 25 points less; s1…s9: 3 of 3 each, 75 points
    # more. The eight strongest: s1…s8 (ties keep the breakdown order); leeds is ninth.
    assert len(found) == 8
    assert found[0] == (
        "Skill “s1”: 3 of 3 applications reached an interview (100%), more than your 25% overall."
    )
    assert [p.split("”")[0] for p in found] == [f"Skill “s{n}" for n in range(1, 9)]
    fewer = [_app(i, interview, skills=["sql"]) for i in range(3)] + apps[3:]
    assert rules.patterns(fewer) == [
        "Skill “sql”: 3 of 3 applications reached an interview (100%), more than your 25% overall.",
        "Location “leeds”: 0 of 9 applications reached an interview (0%), less than your "
        "25% overall.",
    ]


def test_accuracy_counts_and_ratios_by_hand() -> None:
    acc = rules.accuracy([("apply_now", True), ("apply_now", False), ("learn_first", True)])
    # tp 1, fp 1, fn 1, tn 0: precision 1/2, recall 1/2, F1 2·¼/1 = 0.5
    assert acc.model_dump() == {
        "n": 3,
        "tp": 1,
        "fp": 1,
        "fn": 1,
        "tn": 0,
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
    }
    skipped = rules.accuracy([("", True), ("unknown", False), ("reconsider", False)])
    assert (skipped.n, skipped.tn, skipped.precision, skipped.recall, skipped.f1) == (
        1,
        1,
        None,
        None,
        None,
    )
    # Predicted "apply now" and always wrong: precision 0, recall 0/1 = 0, no F1 (0 + 0).
    wrong = rules.accuracy([("apply_now", False), ("reconsider", True)])
    assert (wrong.precision, wrong.recall, wrong.f1) == (0.0, 0.0, None)
    only_fn = rules.accuracy([("learn_first", True)])
    assert (only_fn.precision, only_fn.recall, only_fn.f1) == (None, 0.0, None)


def _snap(state: str, verdict: str, day: int, backfilled: bool = False) -> rules.Snapshot:
    return rules.Snapshot(
        state=state, verdict=verdict, backfilled=backfilled, taken_at=T0 + timedelta(days=day)
    )


def test_decision_snapshot_is_the_oldest_taken_on_applied() -> None:
    later = _snap("APPLIED", "reconsider", 5)
    first = _snap("APPLIED", "apply_now", 2)
    assert rules.decision_snapshot([_snap("SAVED", "learn_first", 1), later, first]) == first
    assert rules.decision_snapshot([]) is None


def test_judge_counts_and_text() -> None:
    snapshots = {
        1: [_snap("APPLIED", "apply_now", 1)],
        2: [_snap("APPLIED", "learn_first", 1, backfilled=True)],
        3: [_snap("APPLIED", "unknown", 1)],
        4: [_snap("APPLIED", "", 1)],
        5: [_snap("REJECTED", "apply_now", 9)],  # no snapshot from decision time
    }
    outcomes = [(1, True), (2, False), (3, True), (4, False), (5, False), (6, True)]
    judged, pairs = rules.judge(outcomes, snapshots)
    assert pairs == [("apply_now", True), ("learn_first", False)]
    assert judged == rules.Judged(outcomes=6, judged=2, backfilled=1, no_snapshot=2, no_verdict=2)
    assert rules.judged_text(judged) == (
        "Judged 2 of 6 outcome(s) by the verdict given when applying (1 back-filled from the "
        "fit stored before snapshots). Left out: 2 had no verdict frozen when applying; "
        "2 had no verdict (no recognised skill)."
    )


def test_judged_text_without_anything_left_out() -> None:
    plain = rules.Judged(outcomes=3, judged=3, backfilled=0, no_snapshot=0, no_verdict=0)
    assert (
        rules.judged_text(plain) == "Judged 3 of 3 outcome(s) by the verdict given when applying."
    )
    no_snap = rules.Judged(outcomes=3, judged=2, backfilled=0, no_snapshot=1, no_verdict=0)
    assert rules.judged_text(no_snap) == (
        "Judged 2 of 3 outcome(s) by the verdict given when applying. "
        "Left out: 1 had no verdict frozen when applying."
    )
    no_verdict = rules.Judged(outcomes=3, judged=2, backfilled=0, no_snapshot=0, no_verdict=1)
    assert rules.judged_text(no_verdict) == (
        "Judged 2 of 3 outcome(s) by the verdict given when applying. "
        "Left out: 1 had no verdict (no recognised skill)."
    )


def test_counts_add_up_over_several() -> None:
    acc = rules.accuracy([("apply_now", False)] * 2 + [("apply_now", True)])
    assert (acc.tp, acc.fp) == (1, 2)
    assert acc.precision == pytest.approx(1 / 3)
    snaps = {i: [_snap("APPLIED", "apply_now", 1, backfilled=True)] for i in (1, 2)}
    judged, _pairs = rules.judge([(1, True), (2, False)], snaps)
    assert (judged.judged, judged.backfilled) == (2, 2)
