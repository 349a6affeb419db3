"""Next best actions and per-company levers, found by re-evaluating the readiness formula.

Nothing here is a fixed list: each candidate (an assessment to take, a path item to finish,
a skill to practise) changes the engine's inputs in one way, readiness is evaluated again,
and the candidate that raises it most wins within its kind.

Assumptions, stated so they can be argued with:

* **Assessment**: the expected score is the best evidence we have without a test: the
  learner's self-rating, or the middle of the level band of path content finished on that
  skill (beginner 20, intermediate 55, advanced 80, expert 95). A measured skill is worth
  re-taking only when that evidence is above its score.
* **Content item**: finishing it raises the learning component by its share of the path; ties
  (every unstarted item gives the same share) go to the most readiness per remaining hour,
  then to the item teaching the highest-priority gap, then to path order.
* **Practice**: closing a skill's gap entirely (measured level → target).
"""

from __future__ import annotations

from collections.abc import Mapping

from careerdesk.core.insights.formulas import (
    DONE,
    WEIGHTS,
    attainment,
    company_probability,
    hours_to_close,
    item_credit,
)
from careerdesk.core.insights.models import (
    NextAction,
    PathItemInput,
    SkillGap,
    SkillInput,
)
from careerdesk.core.reference.catalog import Role

# The middle of each level band: what finishing content at that level suggests you can score.
CONTENT_EVIDENCE = {"beginner": 20.0, "intermediate": 55.0, "advanced": 80.0, "expert": 95.0}


def skill_gain(
    role: Role, levels: Mapping[str, float | None], skill_id: str, new_level: float
) -> float:
    """Readiness points gained if ``skill_id``'s measured level became ``new_level``."""
    req = role.requirement(skill_id)
    total = sum(rs.importance for rs in role.skills)
    if req is None or total == 0:
        return 0.0
    before = attainment(levels.get(skill_id), req.level)
    after = attainment(new_level, req.level)
    return WEIGHTS.assessment * 100.0 * req.importance * max(0.0, after - before) / total


def learning_gain(path: tuple[PathItemInput, ...], item: PathItemInput) -> float:
    """Readiness points gained by finishing ``item`` (its unfinished share of the path)."""
    if not path:
        return 0.0
    return WEIGHTS.learning * 100.0 * (1.0 - item_credit(item)) / len(path)


def path_gain(learning: float) -> float:
    """Readiness points gained by finishing the whole path: ``0.3 × (100 − learning)``.

    The same as summing :func:`learning_gain` over every item, without walking the path.
    """
    return WEIGHTS.learning * max(0.0, 100.0 - learning)


def content_evidence(path: tuple[PathItemInput, ...]) -> dict[str, float]:
    """Per skill, the level that finished path content suggests (absent when none)."""
    out: dict[str, float] = {}
    for item in path:
        if item.state != DONE:
            continue
        level = CONTENT_EVIDENCE.get(item.level, 0.0)
        for skill in item.skills:
            if level > out.get(skill, 0.0):
                out[skill] = level
    return out


def gap_gains(role: Role | None, levels: Mapping[str, float | None]) -> dict[str, float]:
    """Per role skill with a gap, the readiness points closing it would add."""
    if role is None:
        return {}
    gains = {rs.skill: skill_gain(role, levels, rs.skill, rs.level) for rs in role.skills}
    return {k: v for k, v in gains.items() if v > 0}


def company_lever(
    role: Role | None,
    gains: Mapping[str, float],
    remaining_path: float,
    readiness: float,
    difficulty: float,
    names: Mapping[str, str],
) -> tuple[str | None, float, str]:
    """(lever skill id, chance points it adds, explanation) for one company.

    ``gains`` are the readiness points each gap would add when closed (:func:`gap_gains`),
    ``remaining_path`` the points finishing the learning path would add (:func:`path_gain`).
    Each is fed through the chance formula again; the largest increase names the lever
    ("closing the SQL gap adds about 6 points"). The path is mentioned too, or used when no
    skill gap is left.
    """
    now = company_probability(readiness, difficulty)
    best_skill: tuple[float, str | None] = (0.0, None)
    for skill_id, gain in gains.items():
        points = company_probability(readiness + gain, difficulty) - now
        if points > best_skill[0]:
            best_skill = (points, skill_id)
    path_points = 0.0
    if remaining_path > 0:
        path_points = company_probability(readiness + remaining_path, difficulty) - now

    def amount(points: float) -> str:
        if points < 1:
            return "less than 1 point"
        n = round(points)
        return f"about {n} point{'' if n == 1 else 's'}"

    points, skill = best_skill
    if skill is not None:
        text = (
            f"Closing the {names.get(skill, skill)} gap adds {amount(points)} "
            f"({now:.0f}% → {now + points:.0f}%)"
        )
        if path_points >= 1:
            text += f"; finishing your learning path, {amount(path_points)}"
        return skill, round(points, 1), text + "."
    if path_points > 0:
        text = (
            f"Finishing your learning path adds {amount(path_points)} "
            f"({now:.0f}% → {now + path_points:.0f}%)."
        )
        return None, round(path_points, 1), text
    if role is None:
        return None, 0.0, "Choose a target role to see what would raise this chance."
    return None, 0.0, f"You meet every skill target of {role.title}; keep practising."


def _assessment_action(
    role: Role,
    skills: Mapping[str, SkillInput],
    levels: Mapping[str, float | None],
    evidence_map: Mapping[str, float],
    names: Mapping[str, str],
    assessable: frozenset[str] | None = None,
) -> NextAction | None:
    best: tuple[tuple[float, int, float], str, float, float | None, float] | None = None
    for rs in role.skills:
        if assessable is not None and rs.skill not in assessable:
            continue  # no assessment exists for it
        info = skills.get(rs.skill)
        measured = info.measured if info is not None else None
        rated = (info.self_rated or 0.0) if info is not None else 0.0
        evidence = max(rated, evidence_map.get(rs.skill, 0.0))
        if measured is not None and evidence <= measured:
            continue  # a re-take would not be expected to change anything
        gain = skill_gain(role, levels, rs.skill, evidence) if evidence > 0 else 0.0
        key = (gain, rs.importance, float(rs.level))
        if best is None or key > best[0]:
            best = (key, rs.skill, gain, measured, evidence)
    if best is None:
        return None
    _key, skill_id, gain, measured, evidence = best
    if measured is None:
        why = (
            f"not measured yet; your evidence suggests about {evidence:.0f}/100"
            if evidence > 0
            else "not measured yet: every point you score counts toward readiness"
        )
    else:
        why = f"scored {measured:.0f}, but finished content suggests about {evidence:.0f}"
    return NextAction(
        kind="assessment",
        title=f"Take the {names.get(skill_id, skill_id)} assessment",
        detail=why,
        skill_id=skill_id,
        readiness_gain=round(gain, 1),
    )


def _content_action(
    path: tuple[PathItemInput, ...], gap_priority: Mapping[str, float]
) -> NextAction | None:
    if not path:
        return None
    share = WEIGHTS.learning * 100.0 / len(path)
    best: tuple[tuple[float, float, float, int], PathItemInput, float, float] | None = None
    for item in path:
        if item.state == DONE:
            continue
        # item_credit(item) without met skills, inlined: this loop runs over every item
        left = 1.0 - (max(0.0, min(1.0, item.watched_fraction)) if item.kind == "video" else 0.0)
        if left <= 0:
            continue
        gain = share * left
        remaining_h = max(item.est_hours * left, 0.05)
        raw = gain / remaining_h
        # Rounding to 6 places moves a rate by at most 5e-7: a raw rate 1e-6 below the best
        # rounds below it too, so the round (and the tie-breakers) can be skipped.
        if best is not None and raw < best[0][0] - 1e-6:
            continue
        rate = round(raw, 6)
        if best is not None and rate < best[0][0]:
            continue  # the tie-breakers below cannot help a lower rate
        relevance = max((gap_priority.get(s, 0.0) for s in item.skills), default=0.0)
        key = (rate, relevance, gain, -item.position)
        if best is None or key > best[0]:
            best = (key, item, gain, remaining_h)
    if best is None:
        return None
    _key, item, gain, remaining_h = best
    started = item.kind == "video" and item.watched_fraction > 0
    verb = "Finish" if started or item.state == "IN_PROGRESS" else "Start and finish"
    return NextAction(
        kind="content",
        title=f"{verb} “{item.title}”",
        detail=f"{item.kind}, about {remaining_h:.1f} h left",
        content_id=item.content_id,
        readiness_gain=round(gain, 1),
    )


def _practice_action(
    gains: Mapping[str, float], gaps: list[SkillGap], avoid: str | None
) -> NextAction | None:
    ranked = []
    for gap in gaps:
        gain = gains.get(gap.skill_id, 0.0)
        ranked.append((gain, gap.importance, gap.skill_id != avoid, gap))
    if not ranked:
        return None
    # Among equally useful skills, prefer one other than the suggested assessment.
    top = max(r[0] for r in ranked)
    tied = sorted((r for r in ranked if r[0] >= top - 1e-9), key=lambda r: (r[2], r[1]))
    gain, _importance, _other, gap = tied[-1]
    hours = hours_to_close(gap.current, gap.target)
    return NextAction(
        kind="practice",
        title=f"Practise {gap.name}",
        detail=f"{gap.current:.0f} → {gap.target:.0f}, about {hours:.0f} h of study",
        skill_id=gap.skill_id,
        readiness_gain=round(gain, 1),
    )


def next_actions(
    role: Role | None,
    skills: Mapping[str, SkillInput],
    levels: Mapping[str, float | None],
    path: tuple[PathItemInput, ...],
    gaps: list[SkillGap],
    names: Mapping[str, str],
    gains: Mapping[str, float] | None = None,
    assessable: frozenset[str] | None = None,
) -> list[NextAction]:
    """Up to three actions, one per kind, best readiness gain first.

    ``gains`` (:func:`gap_gains`) may be passed in when the caller has them already;
    ``assessable`` limits assessment suggestions to skills that have an assessment.
    """
    if gains is None:
        gains = gap_gains(role, levels)
    assessment = None
    practice = None
    if role is not None:
        assessment = _assessment_action(
            role, skills, levels, content_evidence(path), names, assessable
        )
        practice = _practice_action(gains, gaps, assessment.skill_id if assessment else None)
    content = _content_action(path, {g.skill_id: g.priority for g in gaps})
    actions = [a for a in (assessment, content, practice) if a is not None]
    order = {"assessment": 0, "content": 1, "practice": 2}
    actions.sort(key=lambda a: (-a.readiness_gain, order[a.kind]))
    return actions
