"""The skill model's rules against hand-computed numbers (docs/skills.md)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.skills.model_rules import (
    Belief,
    Evidence,
    SkillFold,
    answer_update,
    estimate_all,
    estimate_skill,
    interval_text,
    measuring_kinds,
)

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def ev(
    i: int,
    kind: str,
    value: float,
    day: float = 0,
    *,
    diff: float | None = None,
    ref: str = "",
    skill: str = "sql",
) -> Evidence:
    return Evidence(i, skill, kind, value, T0 + timedelta(days=day), diff, ref)  # type: ignore[arg-type]


def test_first_observation_is_the_belief() -> None:
    # advisor sd 10; the interval is ±1.28 sd: 70 ± 12.8
    est = estimate_skill("sql", [ev(1, "advisor_rating", 70)], T0)
    assert est is not None
    assert (est.estimate, est.sd, est.low, est.high) == (70.0, 10.0, 57.2, 82.8)
    assert est.sources == ("advisor_rating",) and not est.self_rated_only and est.measured


def test_two_observations_combine_by_their_noise() -> None:
    # gain = 100 / (100 + 225) = 0.3077; 70 - 0.3077 × 30 = 60.77; var = 0.6923 × 100 = 69.2
    est = estimate_skill("sql", [ev(1, "advisor_rating", 70), ev(2, "interview_practice", 40)], T0)
    assert est is not None
    assert est.estimate == 60.8 and est.sd == 8.3 and est.evidence_count == 2


def test_self_rating_alone_is_labelled_and_wide() -> None:
    est = estimate_skill("communication", [ev(1, "self_rating", 70, skill="communication")], T0)
    assert est is not None
    assert est.self_rated_only and not est.measured
    assert (est.estimate, est.sd, est.low, est.high) == (70.0, 25.0, 38.0, 100.0)
    assert interval_text(est) == "70 · self-rated"


def test_self_rating_is_a_weak_prior_under_practice() -> None:
    # prior N(70, 25²), practice 40 (sd 15): gain 625 / 850 = 0.7353 → 70 − 22.06 = 47.9
    est = estimate_skill(
        "communication",
        [
            ev(1, "self_rating", 70, skill="communication"),
            ev(2, "interview_practice", 40, skill="communication"),
        ],
        T0,
    )
    assert est is not None and est.estimate == 47.9 and not est.self_rated_only


def test_only_the_newest_self_rating_counts() -> None:
    est = estimate_skill(
        "sql", [ev(1, "self_rating", 20), ev(2, "self_rating", 60, 1)], T0 + timedelta(days=1)
    )
    assert est is not None and est.estimate == 60.0 and est.evidence_count == 1


def test_first_quiz_answers_by_hand() -> None:
    # From N(50, 30²), a medium question (location 50): g = 1/sqrt(1 + 3·900/(π²·64)) = 0.4354,
    # p = 0.25 + 0.75 · 0.5 = 0.625, ∂p = 0.75 · 0.25 · g / 8 = 0.010205,
    # information = ∂p² / (p(1 − p)) = 4.443e-4, new var = 1 / (1/900 + 4.443e-4) = 642.9.
    # Right: move = 642.9 × ∂p/p = 642.9 × 0.016328 = 10.50.
    right = answer_update(Belief(50.0, 900.0, T0), True, 50.0)
    assert right.mean == pytest.approx(60.50, abs=0.02)
    assert right.var == pytest.approx(642.9, abs=0.2)
    # Wrong: 642.9 × −∂p/(1 − p) = −17.49, bounded to −15.
    wrong = answer_update(Belief(50.0, 900.0, T0), False, 50.0)
    assert wrong.mean == 35.0


def test_one_answer_moves_at_most_15_points() -> None:
    for mean in range(0, 101, 5):
        for var in (9.0, 100.0, 400.0, 900.0):
            for loc in (25.0, 50.0, 75.0, 0.0, 100.0):
                for right in (True, False):
                    new = answer_update(Belief(float(mean), var, T0), right, loc)
                    assert abs(new.mean - mean) <= 15.0


def test_uncertainty_shrinks_as_answers_accumulate() -> None:
    rng = random.Random(3)
    fold = SkillFold("sql")
    last = 1e9
    for i in range(30):
        fold.add(
            ev(i, "quiz_answer", float(rng.random() < 0.6), diff=rng.choice([25.0, 50.0, 75.0]))
        )
        est = fold.estimate(T0)
        assert est is not None and est.sd <= last
        last = est.sd
    assert last < 10


def test_older_evidence_counts_less() -> None:
    # 100 days at 0.5 var/day: var 100 + 50 = 150, sd 12.2
    est = estimate_skill("sql", [ev(1, "advisor_rating", 70)], T0 + timedelta(days=100))
    assert est is not None and est.sd == 12.2
    # an old 80 and a recent 40 (same noise): the recent one weighs more
    # var of the old one at day 100: 150; gain = 150 / (150 + 100) = 0.6 → 80 − 24 = 56
    mixed = estimate_skill(
        "sql",
        [ev(1, "advisor_rating", 80), ev(2, "advisor_rating", 40, 100)],
        T0 + timedelta(days=100),
    )
    assert mixed is not None and mixed.estimate == 56.0


def test_restated_and_withdrawn_evidence() -> None:
    restated = [
        ev(1, "interview_practice", 40, ref="interview:1"),
        ev(2, "interview_practice", 80, 1, ref="interview:1"),
    ]
    est = estimate_skill("sql", restated, T0 + timedelta(days=1))
    assert est is not None and est.estimate == 80.0 and est.evidence_count == 1
    gone = [*restated, ev(3, "withdrawn", 0, 2, ref="interview:1")]
    assert estimate_skill("sql", gone, T0 + timedelta(days=2)) is None


def test_study_is_a_bounded_credit() -> None:
    # 3 h of beginner material from nothing: 3 points
    est = estimate_skill("sql", [ev(1, "study", 3, diff=40)], T0)
    assert est is not None and est.estimate == 3.0 and est.sd == 30.0
    # ten 10-hour intermediate items: 4 each, 12 in all until the next measurement
    many = [ev(i, "study", 10, i, diff=65) for i in range(10)]
    est = estimate_skill("sql", many, T0 + timedelta(days=10))
    assert est is not None and est.estimate == 12.0
    # never past the level the material teaches: 63 + beginner material stays 63
    capped = estimate_skill("sql", [ev(1, "advisor_rating", 63), ev(2, "study", 10, diff=40)], T0)
    assert capped is not None and capped.estimate == 63.0
    # study alone is no measurement: the first observation after it is the belief
    then = estimate_skill("sql", [ev(1, "study", 3, diff=40), ev(2, "advisor_rating", 75, 1)], T0)
    assert then is not None and (then.estimate, then.sd) == (75.0, 10.0)
    assert then.sources == ("advisor_rating", "study")


def test_incremental_fold_equals_a_rebuild() -> None:
    rng = random.Random(7)
    kinds = ["quiz_answer", "interview_practice", "advisor_rating", "study", "self_rating"]
    for _ in range(30):
        items = []
        fold = SkillFold("sql")
        for i in range(40):
            kind = rng.choice(kinds)
            value = float(rng.random() < 0.5) if kind == "quiz_answer" else rng.uniform(0, 100)
            if kind == "study":
                value = rng.uniform(0, 8)
            day = i + rng.choice([0, 0, 0, -3])  # now and then something out of order
            ref = f"interview:{rng.randint(1, 4)}" if kind == "interview_practice" else ""
            e = ev(i + 1, kind, value, day, diff=rng.choice([25.0, 50.0, 75.0]), ref=ref)
            items.append(e)
            fold.add(e)
            now = T0 + timedelta(days=60)
            assert fold.estimate(now) == estimate_skill("sql", items, now)


def test_every_role_skill_can_be_measured_and_reach_its_target() -> None:
    catalog = load_catalog()
    quiz = [q.skill for q in catalog.questions]
    for role in catalog.roles.values():
        evidence = []
        for n, rs in enumerate(role.skills):
            kinds = measuring_kinds(rs.skill, quiz)
            assert kinds, rs.skill
            evidence.append(ev(n, "advisor_rating", rs.level, skill=rs.skill))
        got = estimate_all(evidence, T0)
        for rs in role.skills:
            assert got[rs.skill].estimate >= rs.level


def test_questions_are_chosen_where_they_inform_most() -> None:
    from careerdesk.core.skills.model_rules import informative_split, item_information

    # At the middle of the scale with a tight belief, a medium question informs most; an easy
    # one at level 85 informs next to nothing (it is answered right anyway).
    assert item_information(50, 25, 50) > item_information(50, 25, 25)
    assert item_information(85, 25, 25) < item_information(85, 25, 75) / 10
    # Strong learner (85 ± 5): hard questions; weak learner (15 ± 5): easy ones.
    assert informative_split(5, 85, 25)["hard"] >= 4
    assert informative_split(5, 15, 25)["easy"] >= 4
    assert sum(informative_split(7, 50, 400).values()) == 7
