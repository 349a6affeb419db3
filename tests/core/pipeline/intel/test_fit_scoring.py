"""The fit score's components, weighting and bounded re-fit, by hand (docs/intel.md).

Every expected number below is written out from the rules in docs/intel.md ("Fit score") and
computed by hand in the comment next to it, never read back from fit_scoring.
"""

from __future__ import annotations

import pytest

from careerdesk.core.pipeline.intel import fit_scoring as scoring

# Default weights from docs/intel.md: skills 30 %, experience 25 %, culture 20 %, growth 15 %,
# compensation 10 %.
DEFAULTS = {
    "skills": 0.30,
    "experience": 0.25,
    "culture": 0.20,
    "growth": 0.15,
    "compensation": 0.10,
}


def test_default_weights_and_bounds_are_the_documented_ones() -> None:
    assert scoring.DEFAULT_WEIGHTS == DEFAULTS
    assert scoring.DIMENSIONS == ("skills", "experience", "culture", "growth", "compensation")
    # Each weight stays within ½× and 1½× its default.
    assert scoring.bounds("skills") == pytest.approx((0.15, 0.45))
    assert scoring.bounds("compensation") == pytest.approx((0.05, 0.15))


@pytest.mark.parametrize(
    ("title", "level", "label"),
    [
        ("Data Analyst", 50, "mid"),
        ("Internal Tools Developer", 50, "mid"),  # "intern" only as a whole word
        ("Seniority Reviewer", 50, "mid"),  # "senior" only as a whole word
        ("Intern, Data", 25, "junior"),
        ("Data Internship", 25, "junior"),
        ("Graduate Analyst", 25, "junior"),
        ("Grad Engineer", 25, "junior"),
        ("JUNIOR developer", 25, "junior"),
        ("Jr Developer", 25, "junior"),
        ("Entry Level Analyst", 25, "junior"),
        ("Trainee Tester", 25, "junior"),
        ("Apprentice Engineer", 25, "junior"),
        ("Senior Analyst", 75, "senior"),
        ("Sr. Analyst", 75, "senior"),
        ("Lead Engineer", 85, "lead"),
        ("Principal Engineer", 85, "lead"),
        ("Staff Engineer", 85, "lead"),
        ("Head of Data", 85, "lead"),
        ("Director of Analytics", 85, "lead"),
        ("Chief Data Officer", 85, "lead"),
        ("Senior Lead Engineer", 85, "lead"),  # the higher of the two words
    ],
)
def test_seniority_of_a_title(title: str, level: int, label: str) -> None:
    assert scoring.seniority(title) == level
    assert scoring.seniority_label(title) == label


def test_clamp01() -> None:
    assert scoring.clamp01(-0.1) == 0.0
    assert scoring.clamp01(0.3) == 0.3
    assert scoring.clamp01(1.2) == 1.0


@pytest.mark.parametrize(
    ("title", "learner", "expected"),
    [
        ("Senior Analyst", 50.0, 0.5),  # 1 − (75 − 50)/50
        ("Data Analyst", 40.0, 0.8),  # 1 − (50 − 40)/50
        ("Data Analyst", 0.0, 0.0),  # 1 − 50/50: a level of 0 is still a level
        ("Senior Analyst", 75.0, 1.0),  # exactly at the title's seniority
        ("Senior Analyst", 80.0, 1.0),  # above it: max(0, −5) = 0, no bonus
        ("Lead Engineer", 25.0, 0.0),  # 1 − 60/50 = −0.2, clamped
        ("Junior Analyst", 20.0, 0.9),  # 1 − 5/50
    ],
)
def test_experience_component(title: str, learner: float, expected: float) -> None:
    assert scoring.experience_component(title, learner) == pytest.approx(expected)


def test_experience_component_without_a_level_is_left_out() -> None:
    assert scoring.experience_component("Senior Analyst", None) is None


@pytest.mark.parametrize(
    ("midpoint", "median", "expected"),
    [
        (60000.0, 50000.0, 0.7),  # 0.5 + 10000/50000
        (40000.0, 50000.0, 0.3),  # 0.5 − 10000/50000
        (50000.0, 50000.0, 0.5),
        (100000.0, 50000.0, 1.0),  # 1.5 clamped
        (20000.0, 50000.0, 0.0),  # −0.1 clamped
        (None, 50000.0, None),
        (0.0, 50000.0, None),
        (60000.0, None, None),
        (60000.0, 0.0, None),
    ],
)
def test_compensation_against_the_median(
    midpoint: float | None, median: float | None, expected: float | None
) -> None:
    got = scoring.compensation_component(midpoint, median)
    assert got == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    ("midpoint", "expected_salary", "expected"),
    [
        (60000.0, 50000.0, 1.0),  # above: 1, no bonus
        (50000.0, 50000.0, 1.0),  # meets it
        (49000.0, 50000.0, 0.96),  # 1 − 2 × 1000/50000
        (45000.0, 50000.0, 0.8),  # 10 % below → 0.8 (docs)
        (25000.0, 50000.0, 0.0),  # 50 % below → 0 (docs)
        (20000.0, 50000.0, 0.0),  # 1 − 2 × 0.6 = −0.2, clamped
        (None, 50000.0, None),
        (0.0, 50000.0, None),
        (50000.0, None, None),
        (50000.0, 0.0, None),
    ],
)
def test_compensation_against_the_expected_salary(
    midpoint: float | None, expected_salary: float | None, expected: float | None
) -> None:
    got = scoring.expected_salary_component(midpoint, expected_salary)
    assert got == (None if expected is None else pytest.approx(expected))


def test_score_with_every_component() -> None:
    components = {
        "skills": 1.0,
        "experience": 0.5,
        "culture": 0.0,
        "growth": 1.0,
        "compensation": 0.5,
    }
    # 0.3 × 1 + 0.25 × 0.5 + 0.2 × 0 + 0.15 × 1 + 0.1 × 0.5 = 0.625
    assert scoring.score(components, DEFAULTS) == 0.625
    assert scoring.effective_weights(components, DEFAULTS) == DEFAULTS


def test_score_leaves_out_components_without_information() -> None:
    components = {"skills": 1.0, "experience": 0.5, "culture": None, "growth": None}
    # (0.3 × 1 + 0.25 × 0.5) / (0.3 + 0.25) = 0.425 / 0.55 = 0.772727… → 0.7727
    assert scoring.score(components, DEFAULTS) == 0.7727
    # 0.3 / 0.55 = 0.545454… → 0.5455; 0.25 / 0.55 = 0.454545… → 0.4545
    assert scoring.effective_weights(components, DEFAULTS) == {
        "skills": 0.5455,
        "experience": 0.4545,
    }


def test_a_zero_component_counts_as_zero_not_as_missing() -> None:
    # culture 0 is information: (0.3 × 1 + 0.2 × 0) / 0.5 = 0.6
    assert scoring.score({"skills": 1.0, "culture": 0.0}, DEFAULTS) == 0.6
    assert scoring.effective_weights({"skills": 1.0, "culture": 0.0}, DEFAULTS) == {
        "skills": 0.6,
        "culture": 0.4,
    }


def test_score_with_nothing_to_weigh_is_zero() -> None:
    assert scoring.score({}, DEFAULTS) == 0.0
    assert scoring.effective_weights({}, DEFAULTS) == {}
    zero = {**DEFAULTS, "skills": 0.0}
    assert scoring.score({"skills": 1.0}, zero) == 0.0
    assert scoring.effective_weights({"skills": 1.0}, zero) == {}


def test_project_keeps_weights_already_inside_the_bounds() -> None:
    assert scoring.project(DEFAULTS) == pytest.approx(DEFAULTS, abs=1e-9)


def test_project_shifts_by_a_common_amount_and_clamps() -> None:
    doubled = {d: 2 * w for d, w in DEFAULTS.items()}
    # A common shift s with Σ clamp(2w + s) = 1: s = −0.2125 gives skills 0.3875,
    # experience 0.2875, culture 0.1875, growth 0.0875 and compensation 0.2 − 0.2125 < 0.05,
    # held at its lower bound 0.05: 0.3875 + 0.2875 + 0.1875 + 0.0875 + 0.05 = 1.
    assert scoring.project(doubled) == pytest.approx(
        {
            "skills": 0.3875,
            "experience": 0.2875,
            "culture": 0.1875,
            "growth": 0.0875,
            "compensation": 0.05,
        },
        abs=1e-9,
    )


def test_refit_needs_both_kinds_of_outcome() -> None:
    good = {"skills": 0.9}
    for outcomes in ([(good, True)] * 3, [(good, False)] * 3, []):
        same = scoring.refit(DEFAULTS, outcomes)
        assert same.weights == DEFAULTS
        assert same.explanation == [
            "Needs both successful and unsuccessful applications to learn from."
        ]


def test_refit_by_hand_raises_what_worked() -> None:
    # skills: mean 0.9 on successes ((1.0 + 0.8) / 2), 0.5 on the rest: difference 0.4;
    # culture is only known on a success: no difference. Target skills 0.3 × (1 + 0.5 × 0.4)
    # = 0.36, the others unchanged: Σ = 1.06, so a common shift of −0.012.
    outcomes = [
        ({"skills": 1.0, "culture": 1.0}, True),
        ({"skills": 0.8}, True),
        ({"skills": 0.5}, False),
        ({"skills": 0.5}, False),
    ]
    result = scoring.refit(DEFAULTS, outcomes)
    assert result.weights == pytest.approx(
        {
            "skills": 0.348,
            "experience": 0.238,
            "culture": 0.188,
            "growth": 0.138,
            "compensation": 0.088,
        },
        abs=1e-9,
    )
    assert result.explanation == [
        "Skills 30% → 35%: 40 points higher on applications that reached an interview.",
        "Experience 25% → 24%: 0 points higher on applications that reached an interview.",
        "Culture 20% → 19%: 0 points higher on applications that reached an interview.",
        "Growth 15% → 14%: 0 points higher on applications that reached an interview.",
        "Compensation 10% → 9%: 0 points higher on applications that reached an interview.",
    ]


def test_refit_by_hand_lowers_what_did_not_work() -> None:
    # skills: 0.5 on successes, 0.9 on the rest: −0.4 → target 0.3 × 0.8 = 0.24; Σ = 0.94,
    # common shift +0.012.
    outcomes = [({"skills": 0.5}, True), ({"skills": 0.9}, False)]
    result = scoring.refit(DEFAULTS, outcomes)
    assert result.weights == pytest.approx(
        {
            "skills": 0.252,
            "experience": 0.262,
            "culture": 0.212,
            "growth": 0.162,
            "compensation": 0.112,
        },
        abs=1e-9,
    )
    assert result.explanation[0] == (
        "Skills 30% → 25%: 40 points lower on applications that reached an interview."
    )


def test_refit_explains_weights_to_the_nearest_percent() -> None:
    # Weights within their bounds that sum to 1, and no difference between the outcomes: the
    # weights stay as they are, each shown rounded to a whole percent (44.3% → 44%,
    # 25.7% → 26%).
    weights = {
        "skills": 0.443,
        "experience": 0.257,
        "culture": 0.15,
        "growth": 0.10,
        "compensation": 0.05,
    }
    result = scoring.refit(weights, [({"skills": 0.5}, True), ({"skills": 0.5}, False)])
    assert result.weights == pytest.approx(weights, abs=1e-9)
    assert result.explanation == [
        "Skills 44% → 44%: 0 points higher on applications that reached an interview.",
        "Experience 26% → 26%: 0 points higher on applications that reached an interview.",
        "Culture 15% → 15%: 0 points higher on applications that reached an interview.",
        "Growth 10% → 10%: 0 points higher on applications that reached an interview.",
        "Compensation 5% → 5%: 0 points higher on applications that reached an interview.",
    ]


def test_refit_holds_a_weight_at_its_upper_bound() -> None:
    # Skills already at 1.5 × 0.3 = 0.45; a difference of 1 would take it to 0.675, but it
    # stays at 0.45, and with compensation at its lower bound 0.05 the shift is 0: nothing
    # else moves.
    weights = {
        "skills": 0.45,
        "experience": 0.25,
        "culture": 0.15,
        "growth": 0.10,
        "compensation": 0.05,
    }
    result = scoring.refit(weights, [({"skills": 1.0}, True), ({"skills": 0.0}, False)])
    assert result.weights == pytest.approx(weights, abs=1e-9)
    assert result.explanation[0] == (
        "Skills 45% → 45%: 100 points higher on applications that reached an interview."
    )
