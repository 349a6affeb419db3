"""The offline career recommender's pure parts by hand (docs/insights.md): the words it
compares, the course & interests fit, the levels it uses."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from careerdesk.core.insights import career_rules as cr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Lower case; "and", "for", "the" are stop words; "c#" is under three characters;
        # plurals lose their "s".
        ("Databases and SQL, C++ & C# for the Analysts", {"database", "sql", "c++", "analyst"}),
        ("class status analysis", {"class", "status", "analysis"}),  # -ss, -us, -is kept
        ("gas maps", {"gas", "map"}),  # three letters: too short to be a plural
        ("a BSc degree course in my studies", set()),  # course words say nothing
        ("", set()),
    ],
)
def test_words(text: str, expected: set[str]) -> None:
    assert cr.words(text) == expected


@pytest.mark.parametrize(
    ("learner", "role", "fit", "shared"),
    [
        (set(), {"sql"}, 0.0, []),
        ({"sql", "python", "art"}, {"python", "sql", "excel"}, 40.0, ["python", "sql"]),  # 2/5
        ({"a1", "a2", "a3", "a4"}, {"a1", "a2", "a3", "a4"}, 80.0, ["a1", "a2", "a3", "a4"]),
        (
            {f"w{n}" for n in range(5)},
            {f"w{n}" for n in range(5)},
            100.0,
            [f"w{n}" for n in range(5)],
        ),
        (
            {f"w{n}" for n in range(7)},
            {f"w{n}" for n in range(7)},
            100.0,
            [f"w{n}" for n in range(7)],
        ),
    ],
)
def test_text_fit(learner: set[str], role: set[str], fit: float, shared: list[str]) -> None:
    # 100 × min(1, shared words / 5), with the shared words sorted.
    assert cr.text_fit(learner, role) == (fit, shared)


def test_documented_weights_and_full_marks() -> None:
    assert cr.TEXT_FULL_MARKS == 5
    assert cr.WITH_INTERESTS == {"interest": 0.5, "skills": 0.3, "text": 0.2}
    assert cr.WITHOUT_INTERESTS == {"interest": 0.0, "skills": 0.6, "text": 0.4}


@dataclass
class _Info:
    best: float | None


def test_levels_for_recommendations() -> None:
    skills = {"sql": _Info(70), "python": _Info(None), "excel": object()}
    assert cr.levels_for_recommendations(skills) == {"sql": 70.0}
