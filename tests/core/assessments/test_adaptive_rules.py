"""Adaptive quizzes' rules: the most informative next question, skill balance, early stop.

Expectations are worked out by hand from the 3PL curve of docs/skills.md (c = 0.25, s = 8).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest

from careerdesk.core.assessments.adaptive_rules import (
    MIN_ANSWERS_PER_SKILL,
    STOP_HALF_WIDTH,
    Asked,
    Candidate,
    half_width,
    next_step,
    settled,
    start_belief,
    stop_text,
)
from careerdesk.core.skills.model_rules import Belief, SkillEstimate, item_information

AT = datetime(2026, 3, 2, tzinfo=UTC)


def test_information_at_b_equals_theta_by_hand() -> None:
    # θ = b: σ = 0.5, P = 0.25 + 0.75·0.5 = 0.625, P' = 0.75·0.25/8 = 0.0234375,
    # I = P'²/(P(1−P)) = 0.00054931640625 / 0.234375 = 0.00234375.
    assert item_information(50.0, 0.0, 50.0) == pytest.approx(0.00234375, rel=1e-9)


def test_information_peaks_where_birnbaum_says_for_a_3pl_item() -> None:
    # With guessing the peak sits a little above b: θ* = b + s·ln((1 + √(1 + 8c)) / 2)
    # = 50 + 8·ln((1 + √3)/2) = 50 + 8·0.3119 = 52.495 (Birnbaum; Lord 1980, eq. 10-4).
    peak = 50 + 8 * math.log((1 + math.sqrt(3)) / 2)
    assert peak == pytest.approx(52.495, abs=1e-3)
    at_peak = item_information(peak, 0.0, 50.0)
    for theta in (peak - 2, peak - 0.5, peak + 0.5, peak + 2, 50.0):
        assert item_information(theta, 0.0, 50.0) < at_peak
    # So among the bank's three locations, the one at θ is the most informative at θ.
    pool = [Candidate(f"q{loc}", "sql", loc) for loc in (25.0, 50.0, 75.0)]
    step = next_step(["sql"], {"sql": Belief(50.0, 1e-9, AT)}, pool, [], 10)
    assert step.next is not None and step.next.location == 50.0


@pytest.mark.parametrize(
    ("theta", "chosen"),
    [
        # θ = 65: I(b=50) = 0.01081²/(0.9003·0.0997) = 0.00130 > I(b=75) =
        # 0.01623²/(0.4170·0.5830) = 0.00108 — guessing makes the harder item worth less.
        (65.0, "medium"),
        # θ = 70: I(b=50) = 0.00657²/(0.9431·0.0569) = 0.00081 < I(b=75) =
        # 0.02129²/(0.5115·0.4885) = 0.00181.
        (70.0, "hard"),
    ],
)
def test_of_two_items_the_more_informative_one_is_chosen(theta: float, chosen: str) -> None:
    pool = [Candidate("medium", "sql", 50.0), Candidate("hard", "sql", 75.0)]
    step = next_step(["sql"], {"sql": Belief(theta, 0.0, AT)}, pool, [], 5)
    assert step.next is not None and step.next.id == chosen


def test_widest_interval_first_then_the_skill_listed_first() -> None:
    pool = [Candidate("s1", "sql", 50.0), Candidate("g1", "git", 50.0)]
    wide_git = {"sql": Belief(50, 20.0**2, AT), "git": Belief(50, 30.0**2, AT)}
    assert next_step(["sql", "git"], wide_git, pool, [], 5).next == pool[1]
    equal = {"sql": Belief(50, 30.0**2, AT), "git": Belief(50, 30.0**2, AT)}
    assert next_step(["sql", "git"], equal, pool, [], 5).next == pool[0]
    assert next_step(["git", "sql"], equal, pool, [], 5).next == pool[1]


def test_never_repeats_and_prefers_unseen_questions() -> None:
    prior = {"sql": Belief(50.0, 30.0**2, AT)}
    pool = [
        Candidate("seen-medium", "sql", 50.0, fresh=False),
        Candidate("fresh-easy", "sql", 25.0),
        Candidate("fresh-medium", "sql", 50.0),
    ]
    first = next_step(["sql"], prior, pool, [], 5).next
    assert first is not None and first.id == "fresh-medium"
    asked = [Asked("fresh-medium", "sql", 50.0, True)]
    second = next_step(["sql"], prior, pool, asked, 5).next
    # The seen medium question would be more informative, but an unseen one is left.
    assert second is not None and second.id == "fresh-easy"
    asked.append(Asked("fresh-easy", "sql", 25.0, True))
    third = next_step(["sql"], prior, pool, asked, 5).next
    assert third is not None and third.id == "seen-medium"
    asked.append(Asked("seen-medium", "sql", 50.0, True))
    done = next_step(["sql"], prior, pool, asked, 5)
    assert done.next is None and done.out_of_questions and not done.stopped_early


def test_settled_exactly_at_the_threshold_and_not_above() -> None:
    assert STOP_HALF_WIDTH == 12.0 and MIN_ANSWERS_PER_SKILL == 3
    # 1.28 · 9.375 = 12.0 exactly: at the threshold counts as confident enough.
    at_threshold = Belief(50, 9.375**2, AT)
    assert half_width(at_threshold) == 12.0
    assert settled(at_threshold, 3)
    # 1.28 · 9.45 = 12.096 → shown as 12.1: one tenth too wide.
    above = Belief(50, 9.45**2, AT)
    assert half_width(above) == 12.1
    assert not settled(above, 3)
    # Narrow enough but one answer short.
    assert not settled(at_threshold, 2)


def test_early_stop_waits_for_the_minimum_answers_then_says_why() -> None:
    # A skill already measured to ± 6.4 (sd 5): only the minimum number of answers is asked.
    prior = {"sql": Belief(62.0, 5.0**2, AT)}
    pool = [Candidate(f"q{i}", "sql", 50.0) for i in range(8)]
    asked: list[Asked] = []
    for i in range(MIN_ANSWERS_PER_SKILL):
        step = next_step(["sql"], prior, pool, asked, 8)
        assert step.next is not None and not step.stopped_early, i
        asked.append(Asked(step.next.id, "sql", 50.0, True))
    step = next_step(["sql"], prior, pool, asked, 8)
    assert step.next is None and step.stopped_early and not step.out_of_questions
    assert step.answers == {"sql": 3}
    # The length chosen reached: no early stop, just the end.
    end = next_step(["sql"], prior, pool, asked, 3)
    assert end.next is None and not end.stopped_early


def test_a_settled_skill_gives_way_to_an_unsettled_one() -> None:
    prior = {"sql": Belief(60.0, 4.0**2, AT), "git": Belief(50.0, 9.0**2, AT)}
    pool = [Candidate(f"s{i}", "sql", 50.0) for i in range(5)] + [
        Candidate(f"g{i}", "git", 50.0) for i in range(5)
    ]
    asked = [Asked(f"s{i}", "sql", 50.0, True) for i in range(3)]
    step = next_step(["sql", "git"], prior, pool, asked, 10)
    assert step.next is not None and step.next.skill_id == "git"


def test_start_belief_is_the_models_estimate_or_the_population_prior() -> None:
    def est(sources: tuple[str, ...], mean: float = 70.0, sd: float = 25.0) -> SkillEstimate:
        return SkillEstimate(
            "sql", mean, sd, 0, 100, 1, AT, sources, sources == ("self_rating",), None
        )

    assert start_belief(None, AT) == Belief(50.0, 900.0, AT)
    assert start_belief(est(("study",)), AT) == Belief(50.0, 900.0, AT)
    assert start_belief(est(("self_rating",)), AT) == Belief(70.0, 625.0, AT)
    assert start_belief(est(("quiz_answer",), 40.0, 8.0), AT) == Belief(40.0, 64.0, AT)


def test_stop_text_reads_as_the_learner_would() -> None:
    text = stop_text({"sql": "SQL"}, {"sql": Belief(62.4, 6.25**2, AT)}, {"sql": 6})
    assert text.startswith("We stopped early: your SQL estimate is 62 ± 8 after 6 answers")
    assert "confident enough" in text


# --- wording and the stop flags, written out by hand (mut3a, issue 23) ------------------------
def test_stop_text_in_full_for_one_two_and_three_skills() -> None:
    one = stop_text({"sql": "SQL"}, {"sql": Belief(62.4, 6.25**2, AT)}, {"sql": 1})
    # 1.28 · 6.25 = 8.0
    assert one == (
        "We stopped early: your SQL estimate is 62 ± 8 after 1 answer — confident enough "
        "(within ± 12 points), so more questions would add little."
    )
    beliefs = {
        "sql": Belief(62.4, 6.25**2, AT),
        "git": Belief(40.0, 5.0**2, AT),  # ± 6.4
        "css": Belief(70.6, 5.0**2, AT),
    }
    two = stop_text({"sql": "SQL"}, beliefs, {"sql": 4, "git": 3, "css": 0})
    assert two == (
        "We stopped early: your SQL estimate is 62 ± 8 after 4 answers and git estimate is "
        "40 ± 6 after 3 answers — each confident enough (within ± 12 points), so more "
        "questions would add little."
    )
    three = stop_text({}, beliefs, {"sql": 4, "git": 3, "css": 5})
    assert three.startswith(
        "We stopped early: your sql estimate is 62 ± 8 after 4 answers, git estimate is "
        "40 ± 6 after 3 answers and css estimate is 71 ± 6 after 5 answers — each"
    )
    assert stop_text({}, beliefs, {}) == ""


def test_a_skill_out_of_questions_ends_the_quiz_without_an_early_stop() -> None:
    prior = {"sql": Belief(50.0, 30.0**2, AT)}
    pool = [Candidate("q1", "sql", 50.0)]
    asked = [Asked("q1", "sql", 50.0, True)]
    step = next_step(["sql"], prior, pool, asked, 5)
    # one answer: not settled, and nothing left to ask
    assert step.next is None and step.out_of_questions and not step.stopped_early
    # the chosen length reached at the same moment: neither flag
    end = next_step(["sql"], prior, pool, asked, 1)
    assert end.next is None and not end.out_of_questions and not end.stopped_early


def test_early_stop_needs_one_settled_skill_and_the_rest_settled_or_exhausted() -> None:
    prior = {"sql": Belief(62.0, 5.0**2, AT), "git": Belief(50.0, 30.0**2, AT)}
    pool = [Candidate(f"s{i}", "sql", 50.0) for i in range(5)] + [Candidate("g0", "git", 50.0)]
    asked = [Asked(f"s{i}", "sql", 50.0, True) for i in range(3)]
    asked.append(Asked("g0", "git", 50.0, False))
    # sql settled (3 answers, ± 6.4 or less), git out of questions: an early stop
    step = next_step(["sql", "git"], prior, pool, asked, 10)
    assert step.next is None and step.stopped_early and not step.out_of_questions
    assert step.answers == {"sql": 3, "git": 1}
    # the posterior of each skill folds only its own answers
    assert step.beliefs["git"].mean < 50.0 < step.beliefs["sql"].mean


def test_the_most_informative_fresh_question_and_its_fallbacks() -> None:
    from careerdesk.core.assessments.adaptive_rules import most_informative

    belief = Belief(50.0, 1.0, AT)
    near = Candidate("near", "sql", 52.0, fresh=False)
    far = Candidate("far", "sql", 90.0)
    # a fresh question wins over a better one seen lately
    assert most_informative([near, far], belief) == far
    # with no fresh one left, the best seen one
    assert most_informative([near, Candidate("old", "sql", 10.0, fresh=False)], belief) == near
    assert most_informative([], belief) is None
    # equal information: the earlier one in the pool
    a, b = Candidate("a", "sql", 50.0), Candidate("b", "sql", 50.0)
    assert most_informative([a, b], belief) == a


def test_a_step_with_a_question_reports_its_state() -> None:
    prior = {"sql": Belief(50.0, 30.0**2, AT)}
    pool = [Candidate(f"q{i}", "sql", 50.0) for i in range(4)]
    asked = [Asked("q0", "sql", 50.0, True)]
    step = next_step(["sql"], prior, pool, asked, 4)
    assert step.next is not None and step.next.id == "q1"
    assert step.stopped_early is False and step.out_of_questions is False
    assert step.answers == {"sql": 1}
    # one right medium answer from N(50, 30²): 60.50 (docs/skills.md, tested in the model)
    assert step.beliefs["sql"].mean == pytest.approx(60.50, abs=0.02)
    # the chosen length reached with questions left and the skill open: the quiz ends
    end = next_step(["sql"], prior, pool, asked, 1)
    assert end.next is None and end.stopped_early is False and end.out_of_questions is False


def test_half_width_is_rounded_to_one_decimal() -> None:
    # 1.28 · 10.03 = 12.8384 → 12.8
    assert half_width(Belief(50.0, 10.03**2, AT)) == 12.8
