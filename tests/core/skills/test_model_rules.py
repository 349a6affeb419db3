"""The skill model's rules against hand-computed numbers (docs/skills.md)."""

from __future__ import annotations

import math
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
    for _ in range(10):  # 10 × 40 steps: enough mixes, and fast enough under mutmut
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


# --- single steps and wording, both sides of each bound (mut3a, issue 23) --------------------
# Numbers are worked out by hand from the formulas in docs/skills.md; the module is not
# asked for them.
def test_difficulty_words_and_their_locations() -> None:
    from careerdesk.core.skills.model_rules import difficulty_location

    assert [difficulty_location(d) for d in ("easy", "medium", "hard", "?")] == [
        25.0,
        50.0,
        75.0,
        50.0,  # unknown: medium
    ]


def test_p_correct_by_hand() -> None:
    import math

    from careerdesk.core.skills.model_rules import p_correct

    # at the question's location: a quarter by guessing plus 3/4 of an even chance
    assert p_correct(50, 50) == 0.625
    # one logit (8 points) above / below: 0.25 + 0.75 / (1 + e^∓1)
    assert p_correct(58, 50) == pytest.approx(0.7982939, abs=1e-7)
    assert p_correct(42, 50) == pytest.approx(0.4517061, abs=1e-7)
    # var = π²·8²: g = 1/sqrt(1 + 3) = 1/2, so 16 points above is one logit again
    assert p_correct(66, 50, math.pi**2 * 64) == pytest.approx(0.7982939, abs=1e-7)
    # the logit is bounded at ±30 (an overflow guard): 1000 points above is 30 logits
    assert p_correct(1000, 0) == 0.25 + 0.75 / (1.0 + math.exp(-30.0))
    assert p_correct(0, 1000) == 0.25 + 0.75 / (1.0 + math.exp(30.0))


def test_drift_adds_half_a_point_of_variance_a_day_up_to_the_population() -> None:
    from careerdesk.core.skills.model_rules import drift

    b = Belief(50.0, 100.0, T0)
    assert drift(b, T0) is b  # no time passed
    assert drift(b, T0 - timedelta(days=3)) is b  # never backwards
    assert drift(b, T0 + timedelta(hours=12)) == Belief(50.0, 100.25, T0 + timedelta(hours=12))
    assert drift(b, T0 + timedelta(days=10)) == Belief(50.0, 105.0, T0 + timedelta(days=10))
    # capped at POP_SD² = 900 ...
    assert drift(Belief(50.0, 899.0, T0), T0 + timedelta(days=10)).var == 900.0
    # ... but a belief already wider than that never narrows with time
    assert drift(Belief(50.0, 1000.0, T0), T0 + timedelta(days=10)).var == 1000.0


def test_a_quiz_answer_never_narrows_below_three_points() -> None:
    # From N(50, 3²): g = 1/sqrt(1 + 27/(π²·64)) = 0.979289, ∂p = 0.75·0.25·g/8 = 0.0229522,
    # 1/(1/9 + ∂p²/(0.625·0.375)) = 8.98 < 9, so the variance stays at MIN_SD² = 9;
    # right: +9·∂p/0.625 = +0.3305; wrong: −9·∂p/0.375 = −0.5509.
    right = answer_update(Belief(50.0, 9.0, T0), True, 50.0)
    wrong = answer_update(Belief(50.0, 9.0, T0), False, 50.0)
    assert right.var == wrong.var == 9.0
    assert right.mean == pytest.approx(50.3305, abs=1e-4)
    assert wrong.mean == pytest.approx(49.4491, abs=1e-4)
    assert right.at == T0


def test_observation_update_clamps_floors_and_keeps_the_time() -> None:
    from careerdesk.core.skills.model_rules import observation_update

    later = T0 + timedelta(days=1)
    assert observation_update(None, 120.0, 12.0, T0) == Belief(100.0, 144.0, T0)
    assert observation_update(None, -5.0, 2.0, T0) == Belief(0.0, 9.0, T0)
    # equal variances: gain 1/2, halfway to the (clamped) observation
    assert observation_update(Belief(50.0, 100.0, T0), 150.0, 10.0, later) == Belief(75.0, 50.0, T0)
    # 9 and 9: half of 9 is below MIN_SD² = 9
    assert observation_update(Belief(50.0, 9.0, T0), 60.0, 3.0, later).var == 9.0


@pytest.mark.parametrize(
    ("mean", "hours", "ceiling", "used", "points"),
    [
        (0.0, 2.5, 40.0, 0.0, 2.5),  # one point per hour
        (0.0, 4.0, 40.0, 0.0, 4.0),  # exactly the item cap
        (0.0, 5.0, 40.0, 0.0, 4.0),  # over it
        (37.0, 5.0, 40.0, 0.0, 3.0),  # 3 points below the ceiling
        (45.0, 5.0, 40.0, 0.0, 0.0),  # above the ceiling: nothing, never negative
        (0.0, 4.0, 40.0, 8.0, 4.0),  # 8 used of 12: exactly 4 left
        (0.0, 5.0, 40.0, 10.0, 2.0),  # 10 used of 12: 2 left
        (0.0, -2.0, 40.0, 0.0, 0.0),  # negative hours count as none
    ],
)
def test_study_credit_bounds(
    mean: float, hours: float, ceiling: float, used: float, points: float
) -> None:
    from careerdesk.core.skills.model_rules import study_credit

    assert study_credit(mean, hours, ceiling, used) == points


def test_a_measurement_resets_the_study_allowance() -> None:
    # advisor 20 (var 100); three 10-hour intermediate items on days 1-3: +4 each = 32 (the
    # 12-point cap), a fourth adds 0; an advisor 32 on day 4 leaves the mean at 32 and
    # resets the allowance, so the next item adds 4 again: 36.
    items = [ev(1, "advisor_rating", 20)]
    items += [ev(i, "study", 10, i - 1, diff=65) for i in range(2, 5)]
    items += [ev(5, "study", 10, 3.5, diff=65), ev(6, "advisor_rating", 32, 4)]
    before = estimate_skill("sql", items, T0 + timedelta(days=4))
    assert before is not None and before.estimate == 32.0
    items.append(ev(7, "study", 10, 5, diff=65))
    est = estimate_skill("sql", items, T0 + timedelta(days=5))
    assert est is not None and est.estimate == 36.0


def test_study_without_a_difficulty_stops_at_the_beginner_level() -> None:
    # beginner ceiling 40: from an advisor's 38, 10 hours add 2
    est = estimate_skill("sql", [ev(1, "advisor_rating", 38), ev(2, "study", 10)], T0)
    assert est is not None and est.estimate == 40.0


def test_each_observation_kind_has_its_own_noise() -> None:
    sds = {}
    for kind in ("interview_practice", "interview_real", "assessment_score", "advisor_rating"):
        est = estimate_skill("sql", [ev(1, kind, 50)], T0)
        assert est is not None
        sds[kind] = est.sd
    assert sds == {
        "interview_practice": 15.0,
        "interview_real": 12.0,
        "assessment_score": 12.0,
        "advisor_rating": 10.0,
    }


def test_a_quiz_answer_without_a_difficulty_is_a_medium_question() -> None:
    plain = estimate_skill("sql", [ev(1, "quiz_answer", 1)], T0)
    medium = estimate_skill("sql", [ev(1, "quiz_answer", 1, diff=50.0)], T0)
    assert plain is not None and plain == medium
    assert plain.estimate == 60.5  # test_first_quiz_answers_by_hand: 60.50


def test_a_later_self_rating_still_starts_at_the_first_evidence() -> None:
    # self-rating 70 on day 10, practice 40 on day 0: the prior N(70, 25²) starts on day 0;
    # gain 625/850 → 47.94, var 625·225/850 = 165.44; ten days of drift: 170.44, sd 13.06.
    est = estimate_skill(
        "sql",
        [ev(1, "self_rating", 70, 10), ev(2, "interview_practice", 40, 0)],
        T0 + timedelta(days=10),
    )
    assert est is not None
    assert (est.estimate, est.sd, est.evidence_count, est.self_rating) == (47.9, 13.1, 2, 70.0)
    assert est.last_evidence_at == T0 + timedelta(days=10)
    assert est.sources == ("interview_practice", "self_rating") and est.measured


def test_estimates_clip_their_interval_and_say_what_counted() -> None:
    low = estimate_skill("sql", [ev(1, "advisor_rating", 5)], T0)
    assert low is not None and (low.low, low.high) == (0.0, 17.8)  # 5 ± 12.8
    high = estimate_skill("sql", [ev(1, "advisor_rating", 95)], T0)
    assert high is not None and (high.low, high.high) == (82.2, 100.0)
    assert low.self_rating is None and not low.self_rated_only
    studied = estimate_skill("sql", [ev(1, "study", 3), ev(2, "self_rating", 10, 1)], T0)
    assert studied is not None and not studied.measured and not studied.self_rated_only


def test_the_estimate_follows_now() -> None:
    fold = SkillFold("sql")
    fold.add(ev(1, "advisor_rating", 70))
    first = fold.estimate(T0)
    assert first is not None and fold.estimate(T0) is first  # asked twice: the same
    later = fold.estimate(T0 + timedelta(days=100))
    assert later is not None and later.sd == 12.2  # sqrt(100 + 50)
    assert fold.estimate(T0) == first


def test_counted_orders_by_time_then_id_and_keeps_refs_per_skill() -> None:
    from careerdesk.core.skills.model_rules import counted

    a = ev(2, "advisor_rating", 10, ref="r")
    b = ev(1, "advisor_rating", 20, ref="r")  # same time, lower id: older
    other = ev(3, "advisor_rating", 30, ref="r", skill="python")
    assert counted([a, b, other]) == [a, other]
    plain = [ev(5, "advisor_rating", 1), ev(4, "advisor_rating", 2)]
    assert [e.id for e in counted(plain)] == [4, 5]


def test_estimate_all_leaves_out_skills_with_nothing_counted() -> None:
    items = [
        ev(1, "advisor_rating", 70),
        ev(2, "interview_practice", 40, ref="i:1", skill="python"),
        ev(3, "withdrawn", 0, 1, ref="i:1", skill="python"),
    ]
    got = estimate_all(items, T0 + timedelta(days=1))
    assert list(got) == ["sql"] and got["sql"].skill_id == "sql"


def test_words_for_an_estimate() -> None:
    from careerdesk.core.skills.model_rules import sources_text

    one = estimate_skill("sql", [ev(1, "advisor_rating", 70)], T0)
    assert one is not None and interval_text(one) == "70 ± 13 · 1 piece of evidence"
    two = estimate_skill("sql", [ev(1, "advisor_rating", 70), ev(2, "advisor_rating", 70)], T0)
    assert two is not None and interval_text(two).endswith(" · 2 pieces of evidence")
    assert sources_text(["quiz_answer", "self_rating", "mystery"]) == (
        "quiz answers, self-rating, mystery"
    )


def test_what_can_measure_a_skill() -> None:
    assert measuring_kinds("sql", ["sql", "python"]) == (
        "quiz_answer",
        "interview_practice",
        "interview_real",
        "advisor_rating",
    )
    assert measuring_kinds("teamwork", iter(["sql"])) == (
        "interview_practice",
        "interview_real",
        "advisor_rating",
    )


def test_informative_split_by_largest_remainder() -> None:
    from careerdesk.core.skills.model_rules import informative_split, item_information

    # At level 50 with no uncertainty (g = 1), by hand: medium p = 0.625,
    # ∂p = 0.75·0.25/8 = 0.0234375, information = ∂p²/(0.625·0.375) = 0.00234375.
    assert item_information(50, 0, 50) == pytest.approx(0.00234375, rel=1e-9)
    # shares of 10 questions: easy 1.62, medium 8.13, hard 0.25 → 1 + 8 + 0 = 9, and the
    # one left goes to the largest remainder (easy, .62)
    assert informative_split(10, 50, 0) == {"easy": 2, "medium": 8, "hard": 0}
    # at 70: easy 0.06, medium 1.21, hard 2.73 of 4 → 0 + 1 + 2, the last to hard (.73)
    assert informative_split(4, 70, 0) == {"easy": 0, "medium": 1, "hard": 3}


# --- after the first mutation run of model_rules (mut3a) -------------------------------------
def test_an_answer_above_the_location_by_hand() -> None:
    # N(58, 10²), medium question: g = 1/sqrt(1 + 300/(π²·64)) = 0.91704, z = g·8/8 = 0.91704,
    # σ = 1/(1 + e^−z) = 0.71443, p = 0.25 + 0.75σ = 0.78582,
    # ∂p = 0.75·σ(1 − σ)·g/8 = 0.0175376, info = ∂p²/(p(1 − p)) = 0.0018274,
    # var = 1/(1/100 + info) = 86.822; right: +86.822·∂p/p = +1.8423 → 59.842;
    # wrong: −86.822·∂p/(1 − p) = −6.2103 → 51.790.
    right = answer_update(Belief(58.0, 100.0, T0), True, 50.0)
    wrong = answer_update(Belief(58.0, 100.0, T0), False, 50.0)
    assert right.var == wrong.var == pytest.approx(86.822, abs=1e-3)
    assert right.mean == pytest.approx(59.842, abs=1e-3)
    assert wrong.mean == pytest.approx(51.790, abs=1e-3)


def test_the_logit_bound_in_answers_and_information() -> None:
    # 1000 points away the logit is held at ±30 (the overflow guard); at +30 the wrong-answer
    # denominator 1 − p = 0.75/(1 + e^30) is below its 1e-9 floor. By hand with σ = 1/(1 + e^∓30)
    # (abs=0: pytest.approx would otherwise accept anything within 1e-12):
    low = answer_update(Belief(0.0, 9.0, T0), True, 1000.0)
    assert low.mean == pytest.approx(3.0928e-13, rel=1e-4, abs=0)
    high = answer_update(Belief(100.0, 9.0, T0), False, -1000.0)
    assert high.mean == pytest.approx(99.99992276, abs=1e-8)
    from careerdesk.core.skills.model_rules import item_information

    assert item_information(0.0, 9.0, 1000.0) == pytest.approx(3.9364e-28, rel=1e-4, abs=0)
    assert item_information(1000.0, 9.0, 0.0) == pytest.approx(7.3656e-17, rel=1e-4, abs=0)


def test_information_with_an_uncertain_level() -> None:
    from careerdesk.core.skills.model_rules import item_information

    # var = π²·64: g = 1/2; at the location σ = ½, ∂p = 0.75·0.25·0.5/8 = 0.01171875,
    # info = 0.01171875²/0.234375 = 0.0005859375
    assert item_information(50.0, math.pi**2 * 64, 50.0) == pytest.approx(5.859375e-4, rel=1e-9)


def test_a_quiz_answer_uses_its_difficulty_and_half_counts_as_right() -> None:
    hard = estimate_skill("sql", [ev(1, "quiz_answer", 1, diff=75.0)], T0)
    medium = estimate_skill("sql", [ev(1, "quiz_answer", 1, diff=50.0)], T0)
    assert hard is not None and medium is not None and hard.estimate > medium.estimate
    # value ≥ 0.5 is a right answer, below it a wrong one
    half = estimate_skill("sql", [ev(1, "quiz_answer", 0.5)], T0)
    below = estimate_skill("sql", [ev(1, "quiz_answer", 0.49)], T0)
    assert half is not None and below is not None
    assert (half.estimate, below.estimate) == (60.5, 35.0)  # test_first_quiz_answers_by_hand


def test_a_quiz_answer_resets_the_study_allowance_and_study_uses_its_level() -> None:
    # right medium answer from nothing: 60.5; then three 10-hour advanced items (ceiling
    # 85): +4 each, a fresh 12-point allowance → 72.5
    items = [ev(1, "quiz_answer", 1)] + [ev(i, "study", 10, i, diff=85) for i in (2, 3, 4)]
    est = estimate_skill("sql", items, T0 + timedelta(days=4))
    assert est is not None and est.estimate == 72.5
    # advisor 60, 10 hours of intermediate material (ceiling 65): +4 → 64
    mid = estimate_skill("sql", [ev(1, "advisor_rating", 60), ev(2, "study", 10, diff=65)], T0)
    assert mid is not None and mid.estimate == 64.0


def test_an_unknown_observation_kind_counts_like_practice() -> None:
    odd = Evidence(1, "sql", "mystery", 50.0, T0)  # type: ignore[arg-type]
    est = estimate_skill("sql", [odd], T0)
    assert est is not None and est.sd == 15.0


def test_interval_ends_are_shown_to_one_decimal() -> None:
    # 70 (sd 10) and 40 (sd 15): mean 60.77 → 60.8, var 69.2308, sd 8.32050;
    # 1.28 · 8.32050 = 10.65024 → low 50.14976 → 50.1, high 71.45024 → 71.5
    est = estimate_skill("sql", [ev(1, "advisor_rating", 70), ev(2, "interview_practice", 40)], T0)
    assert est is not None and (est.low, est.high) == (50.1, 71.5)


def test_the_incremental_fold_handles_a_stray_withdrawal_and_an_older_answer() -> None:
    # a withdrawal of something never recorded removes nothing
    fold = SkillFold("sql")
    fold.add(ev(1, "advisor_rating", 70))
    fold.add(ev(2, "withdrawn", 0, 1, ref="interview:9"))
    est = fold.estimate(T0 + timedelta(days=1))
    assert est is not None and est.estimate == 70.0
    # a self-rating folded first, then evidence older than it: the prior starts at the
    # older evidence (test_a_later_self_rating_still_starts_at_the_first_evidence)
    fold = SkillFold("sql")
    fold.add(ev(1, "self_rating", 70, 10))
    assert fold.estimate(T0 + timedelta(days=10)) is not None
    fold.add(ev(2, "interview_practice", 40, 0))
    est = fold.estimate(T0 + timedelta(days=10))
    assert est is not None and (est.estimate, est.sd) == (47.9, 13.1)
