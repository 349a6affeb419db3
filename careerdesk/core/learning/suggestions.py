"""Choosing learning content for a learner's gaps (docs/learning.md, Learning path).

Data-driven, no AI: the skills with the largest priority (gap × role importance) come first,
at most ``max_skills`` of them. For each, items that cover the skill at the levels between
the learner's band and the target's band (see ``levels.content_levels_for``) are ranked:

1. lower level first (foundations before depth),
2. the learner's own items before shipped ones (they chose them),
3. items whose main skill is this one before items that touch it in passing,
4. course, video, article, exercise — then shorter first, then by title.

Playable first: a skill's items are taken from what CareerDesk's own player can play (pack
videos, the learner's own tagged videos) before web resources, and come first in the path;
web pages fill the places left. Watching in the player is measured (the watched share counts),
a web page only by the learner's word.

When the catalogue has nothing at those levels (it has little advanced material), the
nearest lower level is used instead.

How many items a skill gets grows with its priority: 1 up to priority 40, 2 up to 100, else
``per_skill`` (3), so a small gap in a minor skill does not fill the path. They are taken
first one per suitable level, then ones of a kind not used yet for this skill, then the rest.
An item already chosen for another skill is not repeated. Each item gets a one-line reason
built from the gap it serves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from careerdesk.core.reference.levels import BANDS, band, content_levels_for
from careerdesk.core.skills.gaps import GapAnalysisItem

LEVEL_ORDER = {"beginner": 0, "intermediate": 1, "advanced": 2}
KIND_ORDER = {"course": 0, "video": 1, "article": 2, "exercise": 3}
PURPOSE = {
    "beginner": "build the foundations",
    "intermediate": "reach working proficiency",
    "advanced": "go deeper",
}

MAX_SKILLS = 6
PER_SKILL = 3
MAX_ITEMS = 15


@dataclass(frozen=True)
class Candidate:
    """A content item the path may use."""

    content_id: int
    title: str
    kind: str
    skills: tuple[str, ...]
    level: str
    est_hours: float
    owned: bool = False  # added by the learner
    playable: bool = False  # the embedded player plays it (playable.plays_in == "player")


class PlannedItem(BaseModel):
    content_id: int
    skill_id: str
    reason: str
    est_hours: float


def reason_for(gap: GapAnalysisItem, item: Candidate, role_title: str) -> str:
    """One line: where the learner is, what the role needs, what this item is for."""
    if gap.source is None:
        where = "not rated or tested yet"
    elif gap.source == "self":
        where = f"you rated yourself {gap.current:.0f}"
    else:
        where = f"you scored {gap.current:.0f}"
    kind = "item" if item.kind not in KIND_ORDER else item.kind
    purpose = PURPOSE.get(item.level, "practise")
    if LEVEL_ORDER.get(item.level, 1) < min(BANDS.index(band(gap.current)), 2):
        purpose = "consolidate what you know"  # no material at the learner's level
    return (
        f"{gap.skill_name}: {where}; {role_title} needs {gap.target} "
        f"(importance {gap.importance}/5). {item.level.capitalize()} {kind} to {purpose}."
    )


def _rank(skill_id: str, c: Candidate) -> tuple[object, ...]:
    return (
        LEVEL_ORDER.get(c.level, 1),
        0 if c.owned else 1,
        0 if c.skills and c.skills[0] == skill_id else 1,
        KIND_ORDER.get(c.kind, 9),
        c.est_hours,
        c.title.lower(),
        c.content_id,
    )


def _pool(
    skill_id: str, levels: list[str], candidates: Sequence[Candidate], exclude: set[int]
) -> list[Candidate]:
    return sorted(
        (
            c
            for c in candidates
            if skill_id in c.skills and c.level in levels and c.content_id not in exclude
        ),
        key=lambda c: _rank(skill_id, c),
    )


def pick_for_skill(
    gap: GapAnalysisItem, candidates: Sequence[Candidate], exclude: set[int], per_skill: int
) -> list[Candidate]:
    """The items for one gap, in learning order: playable ones first (module docstring)."""
    levels = content_levels_for(gap.current, gap.target)
    pool = _pool(gap.skill_id, levels, candidates, exclude)
    if not pool:
        # The catalogue has little advanced material: the nearest lower level still helps.
        lower = [lvl for lvl in LEVEL_ORDER if LEVEL_ORDER[lvl] < LEVEL_ORDER[levels[0]]]
        for level in reversed(lower):
            pool = _pool(gap.skill_id, [level], candidates, exclude)
            if pool:
                levels = [level]
                break
    here = _pick([c for c in pool if c.playable], levels, per_skill)
    web = _pick([c for c in pool if not c.playable], levels, per_skill - len(here))
    return here + web


def _pick(pool: list[Candidate], levels: list[str], per_skill: int) -> list[Candidate]:
    """Up to ``per_skill`` of ``pool``: one per level, then new kinds, then the rest."""
    if per_skill <= 0:
        return []
    picks: list[Candidate] = []
    for level in levels:
        first = next((c for c in pool if c.level == level), None)
        if first is not None and len(picks) < per_skill:
            picks.append(first)
    kinds = {c.kind for c in picks}
    for c in pool:
        if len(picks) >= per_skill:
            break
        if c not in picks and c.kind not in kinds:
            picks.append(c)
            kinds.add(c.kind)
    for c in pool:
        if len(picks) >= per_skill:
            break
        if c not in picks:
            picks.append(c)
    order = {id(c): i for i, c in enumerate(pool)}
    return sorted(picks, key=lambda c: (LEVEL_ORDER.get(c.level, 1), order[id(c)]))


def items_for(gap: GapAnalysisItem, per_skill: int = PER_SKILL) -> int:
    """How many items a gap deserves (see the module docstring)."""
    if gap.priority <= 40:
        return min(1, per_skill)
    if gap.priority <= 100:
        return min(2, per_skill)
    return per_skill


def plan_path(
    gaps: Sequence[GapAnalysisItem],
    candidates: Sequence[Candidate],
    role_title: str,
    *,
    max_skills: int = MAX_SKILLS,
    per_skill: int = PER_SKILL,
    max_items: int = MAX_ITEMS,
) -> list[PlannedItem]:
    """Ordered items for the largest gaps (``gaps`` sorted by priority, as computed)."""
    chosen: set[int] = set()
    planned: list[PlannedItem] = []
    open_gaps = [g for g in gaps if g.gap > 0][:max_skills]
    for gap in open_gaps:
        for item in pick_for_skill(gap, candidates, chosen, items_for(gap, per_skill)):
            if len(planned) >= max_items:
                return planned
            chosen.add(item.content_id)
            planned.append(
                PlannedItem(
                    content_id=item.content_id,
                    skill_id=gap.skill_id,
                    reason=reason_for(gap, item, role_title),
                    est_hours=item.est_hours,
                )
            )
    return planned
