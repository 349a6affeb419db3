"""Watching counts: the watched share of a tagged video as bounded study evidence.

A video the learner plays in CareerDesk is study of each skill it is tagged with, in
proportion to the share really watched (the player's interval accounting, docs/player.md):
``hours = est_hours / number of skills × share``, with the share counted in whole 10 % steps
(the steps the player saves and publishes). The evidence has ``ref = content:<id>``, the same
ref a finished learning item uses, and the skill model counts only the newest entry per ref
(docs/skills.md): watching more *restates* it, re-watching the same part or saving the same
progress again appends nothing, and a reset ("mark as not watched") withdraws it. The skill
model's study caps (4 points per item, 12 between two measurements, the level the material
teaches) bound what watching can add.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdesk.core.player.rules import step_index
from careerdesk.core.skills import ledger
from careerdesk.core.skills.model_rules import STUDY_CEILING
from careerdesk.core.storage.tables.content import ContentItem
from careerdesk.core.storage.tables.skills import SkillEvidenceRecord

# Hours are kept to the second's precision (1/3600 h ≈ 0.0003): a short clip still counts.
_HOURS_DIGITS = 4


def content_ref(content_id: int) -> str:
    return f"content:{content_id}"


def watched_share(fraction: float) -> float:
    """The share that counts: whole 10 % steps of the watched fraction (0.0 … 1.0)."""
    return step_index(fraction) / 10


def study_hours(est_hours: float, skill_count: int, share: float) -> float:
    """Study hours one skill earns from ``share`` of an item of ``est_hours``."""
    if skill_count <= 0:
        return 0.0
    return round(max(0.0, est_hours) / skill_count * max(0.0, min(1.0, share)), _HOURS_DIGITS)


def counted_study(s: Session, profile_id: int, ref: str) -> dict[str, tuple[str, float]]:
    """The newest (kind, value) per skill for ``ref`` in the learner's ledger."""
    rows = s.execute(
        select(SkillEvidenceRecord.skill_id, SkillEvidenceRecord.kind, SkillEvidenceRecord.value)
        .where(SkillEvidenceRecord.profile_id == profile_id, SkillEvidenceRecord.ref == ref)
        .order_by(SkillEvidenceRecord.observed_at, SkillEvidenceRecord.id)
    ).all()
    return {skill: (kind, float(value)) for skill, kind, value in rows}


def watch_study(
    s: Session, profile_id: int, content_id: int, fraction: float, at: datetime
) -> list[ledger.NewEvidence]:
    """Make the item's study evidence match ``fraction`` watched; append only differences.

    Returns what was appended (inside the caller's transaction); publish
    :func:`careerdesk.core.skills.ledger.evidence_event` of it after the commit.
    """
    item = s.get(ContentItem, content_id)
    if item is None:
        return []
    skills = [str(k) for k in (item.skills or [])]
    ref = content_ref(content_id)
    current = counted_study(s, profile_id, ref)
    share = watched_share(fraction)
    out: list[ledger.NewEvidence] = []
    if share > 0 and skills:
        hours = study_hours(float(item.est_hours or 0.0), len(skills), share)
        ceiling = STUDY_CEILING.get(item.level, STUDY_CEILING["beginner"])
        for skill in skills:
            kind, value = current.get(skill, ("", 0.0))
            # Coverage never shrinks, so neither does its credit: an item marked done by hand
            # elsewhere (the Learning tab) keeps its full hours when a part is watched later.
            if kind != "study" or value < hours:
                out.append(ledger.NewEvidence(skill, "study", hours, at, ceiling, ref))
    wanted = set(skills) if share > 0 else set()
    for skill, (kind, _value) in current.items():
        if kind != "withdrawn" and skill not in wanted:
            # Reset, or the item's tags changed: what it had earned no longer counts.
            out.append(ledger.NewEvidence(skill, "withdrawn", 0.0, at, None, ref))
    return ledger.append(s, profile_id, out, at)
