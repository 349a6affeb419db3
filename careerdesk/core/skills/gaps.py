"""Gap analysis (docs/learning.md): the learner's levels against a target role.

For each skill the role asks for: current level (the skill model's estimate, docs/skills.md;
0 with no evidence),
the role's expected level and importance (1–5), the gap (target − current, never negative),
its priority (gap × importance) and the study hours to close it from the learning-hours
table (:func:`careerdesk.core.reference.levels.hours_between`). Strengths, weaknesses and a
summary come from templates offline; with Gemini the wording is richer (labelled AI), the
numbers stay ours.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Literal

from pydantic import BaseModel

from careerdesk.core.kernel.ports import AIError, AIProvider
from careerdesk.core.reference.catalog import Catalog, Role, load_catalog
from careerdesk.core.reference.levels import band, hours_between
from careerdesk.core.skills.service import SkillLevel, SkillProfileService

log = logging.getLogger(__name__)

CLOSE_MARGIN = 10.0  # a gap this small counts as "nearly there"


class GapAnalysisItem(BaseModel):
    skill_id: str
    skill_name: str
    current: float
    source: str | None  # "self" | "assessment" | "interview" | None (never rated or tested)
    measured_at: datetime | None
    target: int
    importance: int
    gap: float
    priority: float
    from_band: str
    to_band: str
    hours: float
    # The skill model's uncertainty (docs/skills.md); defaults read older stored snapshots.
    interval: tuple[float, float] | None = None
    evidence_count: int = 0
    self_rated_only: bool = False

    @property
    def met(self) -> bool:
        return self.gap <= 0

    @property
    def level_text(self) -> str:
        """``"62 ± 12 · 5 pieces of evidence"``, ``"70 · self-rated"`` or ``"not rated"``."""
        if self.source is None:
            return "not rated or tested"
        if self.self_rated_only:
            return f"{self.current:.0f} · self-rated"
        if self.interval is None:
            return f"{self.current:.0f}"
        half = (self.interval[1] - self.interval[0]) / 2
        n = self.evidence_count
        return f"{self.current:.0f} ± {half:.0f} · {n} piece{'s' if n != 1 else ''} of evidence"


class GapAnalysis(BaseModel):
    role_id: str
    role_title: str
    gaps: list[GapAnalysisItem]  # every skill of the role, largest priority first
    strengths: list[str]
    weaknesses: list[str]
    summary: str
    met: int
    total_hours: float
    source: Literal["offline", "ai"] = "offline"
    notice: str = ""


def compute_gaps(
    role: Role, levels: Mapping[str, SkillLevel], catalog: Catalog
) -> list[GapAnalysisItem]:
    """One row per skill of ``role``, sorted by priority (gap × importance), then importance."""
    rows: list[GapAnalysisItem] = []
    for rs in role.skills:
        lvl = levels.get(rs.skill)
        current = lvl.level if lvl is not None else 0.0
        gap = max(0.0, rs.level - current)
        rows.append(
            GapAnalysisItem(
                skill_id=rs.skill,
                skill_name=catalog.skill_name(rs.skill),
                current=current,
                source=lvl.source if lvl is not None else None,
                measured_at=lvl.measured_at if lvl is not None else None,
                target=rs.level,
                importance=rs.importance,
                gap=round(gap, 1),
                priority=round(gap * rs.importance, 1),
                from_band=band(current),
                to_band=band(rs.level),
                hours=hours_between(current, rs.level),
                interval=(lvl.low, lvl.high) if lvl is not None else None,
                evidence_count=lvl.evidence_count if lvl is not None else 0,
                self_rated_only=lvl.self_rated_only if lvl is not None else False,
            )
        )
    order = {rs.skill: i for i, rs in enumerate(role.skills)}
    return sorted(rows, key=lambda g: (-g.priority, -g.importance, order[g.skill_id]))


def _now(g: GapAnalysisItem) -> str:
    """The level in a sentence; one from a self-rating alone says so (docs/skills.md)."""
    return f"{g.current:.0f}" + (" self-rated" if g.self_rated_only else "")


def _names(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def offline_analysis(role: Role, gaps: list[GapAnalysisItem]) -> GapAnalysis:
    """Strengths, weaknesses and a summary from templates (no AI)."""
    known = [g for g in gaps if g.source is not None]
    met = [g for g in gaps if g.met]
    open_gaps = [g for g in gaps if not g.met]
    total_hours = round(sum(g.hours for g in open_gaps), 1)

    strengths = [
        f"{g.skill_name}: {_now(g)} (the role needs {g.target})"
        for g in sorted(met, key=lambda g: g.target - g.current)
    ]
    strengths += [
        f"{g.skill_name}: {_now(g)}, nearly at the {g.target} needed"
        for g in open_gaps
        if g.source is not None and g.gap <= CLOSE_MARGIN
    ]
    weaknesses = [
        (
            f"{g.skill_name}: not rated or tested yet; the role needs {g.target} "
            f"(importance {g.importance}/5)"
            if g.source is None
            else f"{g.skill_name}: {_now(g)} → {g.target} needed "
            f"(importance {g.importance}/5, about {g.hours:.0f} h)"
        )
        for g in open_gaps
        if g.gap > CLOSE_MARGIN or g.source is None
    ][:5]

    n = len(gaps)
    if not known:
        summary = (
            f"You have not rated or tested any of the {n} skills a {role.title} needs yet. "
            "Rate yourself or take an assessment to see where you stand."
        )
    else:
        parts = [f"You meet {len(met)} of the {n} skill levels a {role.title} needs."]
        if met:
            best = max(met, key=lambda g: (g.importance, g.current - g.target))
            parts.append(f"{best.skill_name} is a strength.")
        biggest = [g.skill_name for g in open_gaps[:2]]
        if biggest:
            parts.append(
                f"The biggest gaps, weighted by how much the role relies on them, are "
                f"{_names(biggest)}."
            )
            parts.append(
                f"Closing every gap takes roughly {total_hours:.0f} hours of study "
                "(CareerDesk's learning-time estimates)."
            )
        else:
            parts.append("You are ready on paper: keep practising and start applying.")
        unknown = [g.skill_name for g in gaps if g.source is None]
        self_only = [g.skill_name for g in gaps if g.source == "self"]
        if unknown:
            parts.append(f"Not rated or tested yet: {_names(unknown)}.")
        elif self_only:
            parts.append("Some levels are self-rated; an assessment makes this more precise.")
        summary = " ".join(parts)
    return GapAnalysis(
        role_id=role.id,
        role_title=role.title,
        gaps=gaps,
        strengths=strengths[:5],
        weaknesses=weaknesses,
        summary=summary,
        met=len(met),
        total_hours=total_hours,
    )


class _AIGapReply(BaseModel):
    summary: str
    strengths: list[str]
    weaknesses: list[str]


AI_SYSTEM = (
    "You are a careful careers adviser. From the learner's skill levels (0-100) and the levels "
    "a target role expects, write a short, encouraging, concrete analysis. Do not invent "
    "numbers: use only those given. Reply with JSON only."
)


def _ai_prompt(base: GapAnalysis) -> str:
    lines = [f"Target role: {base.role_title}.", "Skills (current / needed / importance 1-5):"]
    for g in base.gaps:
        current = "not rated" if g.source is None else f"{g.current:.0f} ({g.source})"
        lines.append(f"- {g.skill_name}: {current} / {g.target} / {g.importance}")
    lines.append(
        f"Estimated study time to close all gaps: {base.total_hours:.0f} hours. Write a summary "
        "of at most 4 sentences, up to 4 strengths and up to 4 weaknesses with one concrete "
        "next step each."
    )
    return "\n".join(lines)


def _clip(items: list[str], n: int = 5, width: int = 220) -> list[str]:
    return [" ".join(i.split())[:width] for i in items if i.strip()][:n]


def ai_analysis(ai: AIProvider, base: GapAnalysis) -> GapAnalysis:
    """``base`` reworded by the AI; on any failure ``base`` with a notice saying why."""
    try:
        reply = ai.generate(_ai_prompt(base), _AIGapReply, system=AI_SYSTEM)
    except AIError as exc:
        return base.model_copy(update={"notice": f"{exc.message} Showing CareerDesk's analysis."})
    summary = " ".join(reply.summary.split())[:1200]
    if not summary:
        return base.model_copy(
            update={"notice": "Gemini's answer was empty. Showing CareerDesk's analysis."}
        )
    return base.model_copy(
        update={
            "summary": summary,
            "strengths": _clip(reply.strengths) or base.strengths,
            "weaknesses": _clip(reply.weaknesses) or base.weaknesses,
            "source": "ai",
            "notice": f"Written by {ai.name} (AI) from your levels; the numbers are CareerDesk's.",
        }
    )


class GapAnalysisService:
    """Gap analysis for a learner's (primary or given) target role."""

    def __init__(
        self,
        skills: SkillProfileService,
        *,
        catalog: Catalog | None = None,
        ai: Callable[[], AIProvider] | None = None,
    ) -> None:
        self.skills = skills
        self.catalog = catalog or load_catalog()
        self._ai = ai

    def analyse(self, profile_id: int, role_id: str | None = None) -> GapAnalysis | None:
        """Offline analysis; None when the learner has no target role (and none is given)."""
        role = self.catalog.role(role_id) if role_id else self.skills.target_role(profile_id)
        if role is None:
            return None
        gaps = compute_gaps(role, self.skills.current_levels(profile_id), self.catalog)
        return offline_analysis(role, gaps)

    def analyse_with_ai(self, profile_id: int, role_id: str | None = None) -> GapAnalysis | None:
        """Like :meth:`analyse`, reworded by the AI when it is reachable (slow: off the GUI)."""
        base = self.analyse(profile_id, role_id)
        if base is None or self._ai is None:
            return base
        return ai_analysis(self._ai(), base)
