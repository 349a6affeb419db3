"""Which company chances Insights shows, in which order, and one sentence per lever.

The learner's own targets come first (then companies from their applications, then the
shipped examples), at most ``limit`` unless "Show all" is on. Companies that share a lever
(the skill whose gap, once closed, raises the chance most) share one sentence instead of
repeating it under every bar (issue 18).
"""

from __future__ import annotations

from typing import Any

SOURCE_ORDER = {"custom": 0, "pipeline": 1, "default": 2}
LIMIT = 6


def ordered_companies(companies: list[Any]) -> list[Any]:
    """Targets first, then applications, then examples; best chance first within each."""
    return sorted(companies, key=lambda c: (SOURCE_ORDER.get(c.source, 3), -c.probability, c.name))


def companies_to_show(companies: list[Any], *, show_all: bool, limit: int = LIMIT) -> list[Any]:
    ordered = ordered_companies(companies)
    return ordered if show_all else ordered[:limit]


def lever_sentences(companies: list[Any], skill_names: dict[str, str]) -> list[str]:
    """One sentence per distinct lever over ``companies`` (biggest effect first)."""
    groups: dict[str | None, list[Any]] = {}
    for c in companies:
        if c.lever_points > 0:
            groups.setdefault(c.lever_skill, []).append(c)
    out: list[tuple[float, str]] = []
    for skill, group in groups.items():
        top = max(group, key=lambda c: c.lever_points)
        names = [c.name for c in sorted(group, key=lambda c: -c.lever_points)]
        if len(names) == 1:
            who = names[0]
        elif len(names) == len(companies):
            who = "each of these companies"
        else:
            who = f"{len(names)} of these companies"
        if skill is None:
            what = "Finishing your learning path"
        else:
            what = f"Closing your {skill_names.get(skill, skill)} gap"
        gain = round(top.lever_points)
        amount = "less than 1 point" if gain < 1 else f"up to {gain} point{'s' * (gain != 1)}"
        out.append((top.lever_points, f"{what} raises your chance at {who} by {amount}."))
    return [text for _points, text in sorted(out, key=lambda t: -t[0])]


def without_explanations(companies: list[Any]) -> list[Any]:
    """The same chances with the per-row sentence blanked (the levers are said once)."""
    return [
        c.model_copy(update={"explanation": ""}) if hasattr(c, "model_copy") else c
        for c in companies
    ]
