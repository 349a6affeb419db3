"""Insights' company list: targets first, six at most, one sentence per lever (issue 18)."""

from __future__ import annotations

from careerdesk.core.insights.models import CompanyChance
from careerdesk.ui.insights.company_view import (
    companies_to_show,
    lever_sentences,
    without_explanations,
)


def chance(name: str, source: str, p: float, lever: str | None, pts: float) -> CompanyChance:
    return CompanyChance(
        name=name,
        difficulty=1.0,
        source=source,  # type: ignore[arg-type]
        probability=p,
        band="low",
        explanation=f"Closing the gap adds {pts} at {name}",
        lever_skill=lever,
        lever_points=pts,
    )


COMPANIES = [
    chance("Google", "default", 9, "communication", 3),
    chance("Monzo", "custom", 4, "communication", 2),
    chance("Wise", "pipeline", 30, "sql", 6),
    chance("Arm", "custom", 20, "communication", 4),
    *(chance(f"Example {i}", "default", 10 + i, "communication", 1) for i in range(5)),
]


def test_targets_first_then_applications_then_examples_six_at_most() -> None:
    shown = [c.name for c in companies_to_show(COMPANIES, show_all=False)]
    # custom (best chance first), pipeline, then the examples by chance
    assert shown == ["Arm", "Monzo", "Wise", "Example 4", "Example 3", "Example 2"]
    assert len(companies_to_show(COMPANIES, show_all=True)) == 9


def test_one_sentence_per_lever_not_one_per_company() -> None:
    names = {"communication": "Communication", "sql": "SQL"}
    shown = companies_to_show(COMPANIES, show_all=False)
    assert lever_sentences(shown, names) == [
        "Closing your SQL gap raises your chance at Wise by up to 6 points.",
        "Closing your Communication gap raises your chance at 5 of these companies by up "
        "to 4 points.",
    ]
    only = [c for c in shown if c.lever_skill == "communication"]
    assert lever_sentences(only, names) == [
        "Closing your Communication gap raises your chance at each of these companies by "
        "up to 4 points."
    ]
    assert all(c.explanation == "" for c in without_explanations(shown))
