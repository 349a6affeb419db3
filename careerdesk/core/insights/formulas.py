"""The insight formulas: pure functions, documented here and in docs/insights.md.

Every number on the Insights tab comes from one of these functions, so each can be checked
by hand:

* **level** of a skill = the skill model's estimate (docs/skills.md), the same number on
  every screen; **attainment** = ``min(level / target, 1)``; a level above the target earns no
  extra credit because readiness is about meeting the role, not exceeding it.
* **role match** and the **assessment component** = ``100 × Σ importance × attainment /
  Σ importance`` over the role's skills (importance 1–5 from the catalogue).
* **learning component** = ``100 × mean(credit)`` over the learning path, where a DONE item
  or one whose skills are all at target (its gap is closed) earns 1, a video not yet done
  earns its watched share, anything else 0; with no path, 100 once every gap is closed.
* **readiness** = ``0.7 × assessment + 0.3 × learning`` (the 70/30 split of docs/insights.md).
* **company chance** = ``100 / (1 + exp(-(readiness − 60 × difficulty) / 10))``: a logistic
  curve whose midpoint (a 50 % chance index) is readiness 60 for an average company
  (difficulty 1.0) and 78 for a difficulty of 1.3. It rises with readiness and falls with
  difficulty; it is an index for comparing options, not a measured hiring rate.
* **bands**: chance ≥ 60 "good", ≥ 30 "fair", else "low".
* **skill level bands** (0–100 → the four proficiency bands) and the hours to close a gap come
  from :mod:`careerdesk.core.reference.levels` (0–39 beginner, 40–64 intermediate, 65–84
  advanced, 85–100 expert; docs/learning.md), shared with the Learning tab.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from careerdesk.core.insights.models import (
    Band,
    CompanyInput,
    DecidingSkill,
    PathItemInput,
    PostingInput,
    RoleMatch,
    SkillGap,
    SkillInput,
    SkillSource,
    Weights,
)
from careerdesk.core.reference.catalog import Role
from careerdesk.core.reference.levels import band, hours_between

WEIGHTS = Weights(assessment=0.7, learning=0.3)

CHANCE_MIDPOINT = 60.0  # readiness giving a 50 % chance index at an average company
CHANCE_SPREAD = 10.0  # readiness points per e-fold of the odds
GOOD_BAND = 60.0
FAIR_BAND = 30.0

# Bands and the learning hours come from ``careerdesk.core.reference.levels``, the same table
# the Learning tab uses (docs/learning.md), so both tabs quote the same hours for the same gap.

DONE = "DONE"


# --- skills and roles ------------------------------------------------------------------------
def attainment(level: float | None, target: float) -> float:
    """How much of ``target`` a level reaches, 0–1 (a missing level is 0; target 0 is met)."""
    if target <= 0:
        return 1.0
    if level is None or level <= 0:
        return 0.0
    return min(level / target, 1.0)


def weighted_attainment(role: Role, levels: Mapping[str, float | None]) -> float:
    """``100 × Σ importance × attainment / Σ importance`` over ``role``'s skills."""
    total = sum(rs.importance for rs in role.skills)
    if total == 0:
        return 0.0
    got = sum(rs.importance * attainment(levels.get(rs.skill), rs.level) for rs in role.skills)
    return 100.0 * got / total


def model_levels(skills: Mapping[str, SkillInput]) -> dict[str, float | None]:
    """The skill model's estimates: what readiness, match and gaps all use (docs/skills.md)."""
    return {k: s.best for k, s in skills.items() if s.best is not None}


# Before the skill model, readiness counted measured levels and matching the best of measured
# and self-rated; both now read the one estimate.
best_levels = model_levels


# --- readiness -------------------------------------------------------------------------------
def item_credit(item: PathItemInput, met: frozenset[str] = frozenset()) -> float:
    """A path item's completion credit: 1 when DONE or when every skill it teaches is at the
    target already (the gap it was for is closed), a video's watched share, else 0."""
    if item.state == DONE:
        return 1.0
    if met and item.skills and met.issuperset(item.skills):  # C speed: called per item often
        return 1.0
    if item.kind == "video":
        return max(0.0, min(1.0, item.watched_fraction))
    return 0.0


def learning_component(
    path: Iterable[PathItemInput], met: frozenset[str] = frozenset(), *, all_met: bool = False
) -> float:
    """``100 × mean(item credit)`` over the path; an empty path gives 100 when every gap of
    the target role is closed (``all_met``: nothing is left to learn), else 0."""
    return learning_from_credits([item_credit(i, met) for i in path], all_met=all_met)


def learning_from_credits(credits: list[float], *, all_met: bool = False) -> float:
    """:func:`learning_component` from the items' credits (the engine computes them once and
    also counts the finished items from them)."""
    if not credits:
        return 100.0 if all_met else 0.0
    return 100.0 * sum(credits) / len(credits)


def met_skills(role: Role | None, levels: Mapping[str, float | None]) -> frozenset[str]:
    """The role's skills whose estimate reaches the target (their gap is closed)."""
    if role is None:
        return frozenset()
    return frozenset(
        rs.skill for rs in role.skills if attainment(levels.get(rs.skill), rs.level) >= 1.0
    )


def readiness_value(assessment: float, learning: float, weights: Weights = WEIGHTS) -> float:
    """Readiness = weights.assessment × assessment + weights.learning × learning (0–100)."""
    return weights.assessment * assessment + weights.learning * learning


# --- companies -------------------------------------------------------------------------------
def company_probability(readiness: float, difficulty: float) -> float:
    """Chance index 0–100: logistic in readiness, midpoint 60 × difficulty, spread 10."""
    z = (readiness - CHANCE_MIDPOINT * difficulty) / CHANCE_SPREAD
    # math.exp overflows beyond ~709; the curve is flat long before that.
    z = max(-60.0, min(60.0, z))
    return 100.0 / (1.0 + math.exp(-z))


def band_of(probability: float) -> Band:
    """Colour band of a chance index: good ≥ 60, fair ≥ 30, low below."""
    if probability >= GOOD_BAND:
        return "good"
    if probability >= FAIR_BAND:
        return "fair"
    return "low"


def merge_companies(
    targets: Iterable[CompanyInput], postings: Iterable[PostingInput]
) -> list[CompanyInput]:
    """The learner's target companies plus companies from their pipeline (difficulty 1.0).

    Names are compared case- and space-insensitively; a target keeps its own factor.
    """
    out: list[CompanyInput] = []
    seen: set[str] = set()
    for company in targets:
        key = " ".join(company.name.lower().split())
        if key and key not in seen:
            seen.add(key)
            out.append(company)
    for posting in postings:
        key = " ".join(posting.company.lower().split())
        if key and key not in seen:
            seen.add(key)
            out.append(CompanyInput(name=posting.company.strip(), source="pipeline"))
    return out


# --- role matches ----------------------------------------------------------------------------
def deciding_skills(
    role: Role, levels: Mapping[str, float | None], names: Mapping[str, str], limit: int = 3
) -> list[DecidingSkill]:
    """The role's heaviest skills (importance, then the larger shortfall) with their numbers."""

    # each skill's attainment once (the sort key and the numbers shown both use it)
    reached = {rs.skill: attainment(levels.get(rs.skill), rs.level) for rs in role.skills}
    ranked = sorted(
        role.skills, key=lambda rs: (-rs.importance, -(1.0 - reached[rs.skill]), rs.skill)
    )
    return [
        DecidingSkill(
            skill_id=rs.skill,
            name=names.get(rs.skill, rs.skill),
            level=round(float(levels.get(rs.skill) or 0.0), 1),
            target=float(rs.level),
            importance=rs.importance,
            attainment=round(100.0 * reached[rs.skill], 1),
        )
        for rs in ranked[:limit]
    ]


def openings_by_code(postings: Iterable[PostingInput]) -> dict[str, int]:
    """How many of the learner's saved postings map to each O*NET occupation."""
    counts: dict[str, int] = {}
    for posting in postings:
        if posting.onet_code:
            counts[posting.onet_code] = counts.get(posting.onet_code, 0) + 1
    return counts


def role_matches(
    roles: Iterable[Role],
    levels: Mapping[str, float | None],
    names: Mapping[str, str],
    postings: Iterable[PostingInput] = (),
) -> list[RoleMatch]:
    """Every role scored by skill alignment, best first (ties by title).

    Openings count only the learner's own saved postings whose title maps to the role's
    O*NET occupation; with none, ``openings`` is None ("no data"), never an estimate.
    """
    counts = openings_by_code(postings)
    out = []
    for role in roles:
        n = counts.get(role.onet_code, 0)
        # A role's match depends only on the levels and names of its own skills and its
        # openings; a recompute after one change finds most roles as they were.
        key = (
            tuple(levels.get(rs.skill) for rs in role.skills),
            tuple(names.get(rs.skill) for rs in role.skills),
            n,
        )
        kept = _MATCHES.get(role.id)
        if kept is not None and kept[0] is role and kept[1] == key:
            out.append(kept[2])
            continue
        match = RoleMatch(
            role_id=role.id,
            title=role.title,
            onet_code=role.onet_code,
            match=round(weighted_attainment(role, levels), 1),
            deciding_skills=deciding_skills(role, levels, names),
            openings=n or None,
            openings_note=(
                f"{n} of your saved postings" if n else "no data (no saved posting maps here)"
            ),
        )
        if len(_MATCHES) > 4096:  # bounded, whatever catalogues come and go
            _MATCHES.clear()
        _MATCHES[role.id] = (role, key, match)
        out.append(match)
    out.sort(key=lambda m: (-m.match, m.title))
    return out


# role id -> (the role, the inputs its match was computed from, the match). The matches are
# shared between documents, which are values: nothing edits a computed document.
_MATCHES: dict[str, tuple[Role, tuple[object, ...], RoleMatch]] = {}


# --- gaps ------------------------------------------------------------------------------------
def level_band(level: float) -> str:
    """The named band of a 0–100 level (see :mod:`careerdesk.core.reference.levels`)."""
    return band(level)


def hours_to_close(current: float, target: float) -> float:
    """Estimated study hours from ``current`` to ``target`` (the learning-hours table, through
    :func:`careerdesk.core.reference.levels.hours_between`)."""
    return hours_between(current, target)


def skill_gaps(
    role: Role, skills: Mapping[str, SkillInput], names: Mapping[str, str]
) -> list[SkillGap]:
    """The role's skills below target, by gap × importance (then importance, then name)."""
    gaps = []
    for rs in role.skills:
        info = skills.get(rs.skill)
        best = info.best if info is not None else None
        current = best if best is not None else 0.0
        gap = max(0.0, rs.level - current)
        if gap <= 0:
            continue
        gaps.append(
            SkillGap(
                skill_id=rs.skill,
                name=names.get(rs.skill, rs.skill),
                current=round(current, 1),
                target=float(rs.level),
                gap=round(gap, 1),
                importance=rs.importance,
                priority=round(gap * rs.importance, 1),
                current_band=level_band(current),
                target_band=level_band(rs.level),
                est_hours=hours_to_close(current, rs.level),
                source=_source(info),
                self_rated=info.self_rated if info is not None else None,
                interval=(
                    (info.low, info.high)
                    if info is not None and info.low is not None and info.high is not None
                    else None
                ),
                evidence_count=info.evidence_count if info is not None else 0,
            )
        )
    gaps.sort(key=lambda g: (-g.priority, -g.importance, g.name))
    return gaps


def _source(info: SkillInput | None) -> SkillSource | None:
    if info is None or info.best is None:
        return None
    if info.measured is None:
        return "self"
    return info.measured_source or "assessment"
