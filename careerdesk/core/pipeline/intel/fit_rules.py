"""Per-job fit (docs/intel.md), pure: posting skills vs the learner's levels.

For every catalogue skill the posting asks for (``skill_extractor.extract_skills``):

* **match**: the learner's current level ≥ the level the posting implies;
* **partial**: some level, but below it;
* **missing**: no level (never rated or tested, or 0).

Technologies without a catalogue skill ("Go", "Salesforce") cannot be measured; they are
listed as *not tracked* and left out of the percentages.

* **Required match** = (matches + ½ · partials) / required skills × 100.
* **Hours to close** = Σ learning hours (``levels.hours_between``, docs/learning.md) from the
  current level to the implied level over the required gaps.
* **Severity** of a gap: *critical* = a required skill that is missing at an implied level of
  65+ (advanced); *high* = another missing required skill; *medium* = a required partial
  more than 25 points short; *low* = other partials and every preferred gap.
* **Impact** (fit points lost) = shortfall × (1 for required, 0.4 for preferred); **priority**
  ranks gaps by impact per hour of learning, so quick wins come first.
* **Verdict** (docs/intel.md): **Apply now** when required match ≥ 80% and no critical
  gap; **Learn first** when required match ≥ 60% and fewer than 80 hours close the gaps;
  **Reconsider** otherwise. Without any recognised skill there is no verdict ("unknown").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel

from careerdesk.core.reference.levels import hours_between
from careerdesk.core.reference.skill_extractor import ExtractedSkills, SkillMention

Verdict = Literal["apply_now", "learn_first", "reconsider", "unknown"]
VERDICT_LABELS: dict[str, str] = {
    "apply_now": "Apply now",
    "learn_first": "Learn first",
    "reconsider": "Reconsider",
    "unknown": "No verdict",
}
APPLY_NOW_MATCH = 80.0
LEARN_FIRST_MATCH = 60.0
LEARN_FIRST_HOURS = 80.0
CRITICAL_LEVEL = 65
PREFERRED_WEIGHT = 0.4

GapStatus = Literal["match", "partial", "missing", "untracked"]
GapSeverity = Literal["critical", "high", "medium", "low", ""]


class GapItem(BaseModel):
    skill_id: str | None
    name: str
    required: bool
    implied: int
    current: float | None
    status: GapStatus
    severity: GapSeverity = ""
    impact: float = 0.0
    hours: float = 0.0
    priority: int = 0  # 1 = learn first; 0 = no gap
    technologies: list[str] = []
    evidence: str = ""


class FitResult(BaseModel):
    verdict: Verdict
    label: str
    reasons: list[str]
    required_match: float
    preferred_match: float
    hours_to_close: float
    items: list[GapItem]
    technologies: list[str]
    occupation_code: str = ""
    occupation: str = ""

    @property
    def gaps(self) -> list[GapItem]:
        return sorted(
            (i for i in self.items if i.status in ("partial", "missing")),
            key=lambda i: i.priority,
        )


def decide(required_match: float, critical: int, hours: float) -> Verdict:
    """The verdict for a required-match percentage, critical-gap count and hours to close."""
    if required_match >= APPLY_NOW_MATCH and critical == 0:
        return "apply_now"
    if required_match >= LEARN_FIRST_MATCH and hours < LEARN_FIRST_HOURS:
        return "learn_first"
    return "reconsider"


def _item(m: SkillMention, levels: Mapping[str, float]) -> GapItem:
    skill_id = m.skill_id
    implied = int(m.implied_level)
    required = bool(m.required)

    def gap(
        current: float | None,
        status: GapStatus,
        severity: GapSeverity = "",
        impact: float = 0.0,
        hours: float = 0.0,
    ) -> GapItem:
        return GapItem(
            skill_id=skill_id,
            name=m.name,
            required=required,
            implied=implied,
            current=current,
            status=status,
            severity=severity,
            impact=impact,
            hours=hours,
            technologies=list(m.technologies),
            evidence=m.evidence,
        )

    if skill_id is None:
        return gap(None, "untracked")
    current = levels.get(skill_id)
    if current is not None and current >= implied:
        return gap(current, "match")
    have = current or 0.0
    status: GapStatus = "partial" if have > 0 else "missing"
    shortfall = implied - have
    severity: GapSeverity
    if status == "missing":
        severity = "critical" if required and implied >= CRITICAL_LEVEL else "high"
        if not required:
            severity = "low"
    else:
        severity = "medium" if required and shortfall > 25 else "low"
    weight = 1.0 if required else PREFERRED_WEIGHT
    return gap(
        current,
        status,
        severity=severity,
        impact=round(shortfall * weight, 1),
        hours=hours_between(have, implied),
    )


def _share(items: list[GapItem]) -> float:
    tracked = [i for i in items if i.status != "untracked"]
    if not tracked:
        return 0.0
    got = sum(
        1.0 if i.status == "match" else 0.5 if i.status == "partial" else 0.0 for i in tracked
    )
    return round(100.0 * got / len(tracked), 1)


def analyse(
    extracted: ExtractedSkills,
    levels: Mapping[str, float],
    *,
    occupation_code: str = "",
    occupation: str = "",
) -> FitResult:
    """The fit of a posting's skills against ``levels`` (skill id → current 0–100 level)."""
    items = [_item(m, levels) for m in [*extracted.required, *extracted.preferred]]
    gaps = [i for i in items if i.status in ("partial", "missing")]
    ranked = sorted(gaps, key=lambda i: (-(i.impact / max(i.hours, 1.0)), -i.impact, i.name))
    for n, gap in enumerate(ranked, start=1):
        gap.priority = n
    required = [i for i in items if i.required]
    req_match = _share(required)
    pref_match = _share([i for i in items if not i.required])
    hours = round(sum(i.hours for i in required if i.status in ("partial", "missing")), 1)
    critical = [i.name for i in required if i.severity == "critical"]
    tracked_required = [i for i in required if i.status != "untracked"]
    reasons: list[str] = []
    if not tracked_required:
        verdict: Verdict = "unknown"
        reasons.append(
            "No required skills from the catalogue were found in the job description; "
            "paste the full description to get a verdict."
        )
    else:
        verdict = decide(req_match, len(critical), hours)
        n_match = sum(1 for i in tracked_required if i.status == "match")
        n_part = sum(1 for i in tracked_required if i.status == "partial")
        reasons.append(
            f"You match {req_match:.0f}% of the required skills "
            f"({n_match} met, {n_part} partly met, of {len(tracked_required)})."
        )
        if critical:
            reasons.append(f"Critical gap: {', '.join(critical)} (required at an advanced level).")
        if hours > 0:
            reasons.append(f"About {hours:.0f} h of learning would close the required gaps.")
        if verdict == "apply_now":
            reasons.append("At least 80% matched and no critical gap: apply now.")
        elif verdict == "learn_first":
            reasons.append("60% or more matched and under 80 h to close: learn first, then apply.")
        else:
            why = []
            if req_match < LEARN_FIRST_MATCH:
                why.append("less than 60% matched")
            if hours >= LEARN_FIRST_HOURS:
                why.append("80 h or more to close")
            if critical and req_match >= APPLY_NOW_MATCH:
                why.append("a critical gap")
            reasons.append(f"Reconsider: {' and '.join(why) or 'the gaps are large'}.")
    untracked = [i.name for i in items if i.status == "untracked"]
    if untracked:
        reasons.append(f"Not in your skills catalogue (not scored): {', '.join(untracked[:8])}.")
    return FitResult(
        verdict=verdict,
        label=VERDICT_LABELS[verdict],
        reasons=reasons,
        required_match=req_match,
        preferred_match=pref_match,
        hours_to_close=hours,
        items=items,
        technologies=list(extracted.technologies),
        occupation_code=occupation_code,
        occupation=occupation,
    )
