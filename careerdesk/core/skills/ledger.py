"""The evidence ledger inside a unit of work: append and read back (docs/skills.md).

Features that produce evidence (assessments, interviews, learning, the player, self- and
advisor ratings) append it inside their own transaction with :func:`append`, then publish
:class:`~careerdesk.core.skills.events.SkillEvidenceAdded` after the commit (the
:func:`evidence_event` helper builds it). Rows are never updated or deleted here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import as_utc
from careerdesk.core.kernel.literals import one_of
from careerdesk.core.skills.events import SkillEvidenceAdded
from careerdesk.core.skills.model_rules import (
    EVIDENCE_KINDS,
    STUDY_CEILING,
    Evidence,
    EvidenceKind,
)
from careerdesk.core.storage.tables.content import ContentItem
from careerdesk.core.storage.tables.skills import SkillEvidenceRecord


@dataclass(frozen=True)
class NewEvidence:
    """One piece of evidence to append (``id`` is given by the database)."""

    skill_id: str
    kind: EvidenceKind
    value: float
    at: datetime
    difficulty: float | None = None
    ref: str = ""
    note: str = ""  # an advisor's short note with a rating


def append(
    s: Session,
    profile_id: int,
    items: Iterable[NewEvidence],
    recorded_at: datetime | None = None,
) -> list[NewEvidence]:
    """Append ``items`` to the learner's ledger inside the caller's transaction.

    ``recorded_at`` is the (injected) time of writing; observations keep their own ``at``.
    """
    added = []
    for e in items:
        s.add(
            SkillEvidenceRecord(
                profile_id=profile_id,
                skill_id=e.skill_id,
                kind=e.kind,
                value=float(e.value),
                difficulty=e.difficulty,
                ref=e.ref,
                note=e.note,
                observed_at=e.at,
                recorded_at=recorded_at or e.at,
            )
        )
        added.append(e)
    return added


def evidence_event(profile_id: int, items: Sequence[NewEvidence]) -> SkillEvidenceAdded | None:
    """The event to publish after committing ``items`` (None when nothing was added)."""
    if not items:
        return None
    return SkillEvidenceAdded(
        profile_id=profile_id,
        skill_ids=tuple(dict.fromkeys(e.skill_id for e in items)),
        kinds=tuple(dict.fromkeys(e.kind for e in items)),
    )


def read_evidence(
    s: Session, profile_id: int, *, after_id: int = 0, skill_id: str | None = None
) -> list[Evidence]:
    """The learner's evidence with ``id > after_id`` (one skill when given), by id."""
    query = (
        select(
            SkillEvidenceRecord.id,
            SkillEvidenceRecord.skill_id,
            SkillEvidenceRecord.kind,
            SkillEvidenceRecord.value,
            SkillEvidenceRecord.observed_at,
            SkillEvidenceRecord.difficulty,
            SkillEvidenceRecord.ref,
        )
        .where(SkillEvidenceRecord.profile_id == profile_id)
        .where(SkillEvidenceRecord.id > after_id)
        .order_by(SkillEvidenceRecord.id)
    )
    if skill_id is not None:
        query = query.where(SkillEvidenceRecord.skill_id == skill_id)
    return [
        Evidence(rid, skill, one_of(kind, EVIDENCE_KINDS), value, as_utc(at), diff, ref)
        for rid, skill, kind, value, at, diff, ref in s.execute(query)
    ]


def study_change(
    s: Session, profile_id: int, content_id: int, old_state: str, new_state: str, at: datetime
) -> list[NewEvidence]:
    """Study evidence for a learning item or video whose state changed (appended here).

    Becoming DONE is study of each skill the item teaches (its hours shared among them, up to
    the level it teaches); leaving DONE withdraws that evidence. Ref ``content:<id>``, so
    marking an item done twice counts once.
    """
    done, was_done = new_state == "DONE", old_state == "DONE"
    if done == was_done:
        return []
    item = s.get(ContentItem, content_id)
    if item is None:
        return []
    skills = [str(k) for k in (item.skills or [])]
    if not skills:
        return []
    ref = f"content:{content_id}"
    if done:
        hours = float(item.est_hours or 0.0) / len(skills)
        ceiling = STUDY_CEILING.get(item.level, STUDY_CEILING["beginner"])
        items = [NewEvidence(k, "study", round(hours, 2), at, ceiling, ref) for k in skills]
    else:
        items = [NewEvidence(k, "withdrawn", 0.0, at, None, ref) for k in skills]
    return append(s, profile_id, items, at)


def restate(
    s: Session, profile_id: int, prefix: str, wanted: Sequence[NewEvidence], at: datetime
) -> list[NewEvidence]:
    """Make the counted evidence whose ref starts with ``prefix`` equal ``wanted``.

    Appends only the differences: a new or changed piece is appended (the newest per ref
    counts), one no longer wanted is withdrawn. Used for records that can be edited or
    deleted (an interview practice's scores): the ledger stays append-only.
    """
    rows = s.execute(
        select(
            SkillEvidenceRecord.id,
            SkillEvidenceRecord.skill_id,
            SkillEvidenceRecord.kind,
            SkillEvidenceRecord.value,
            SkillEvidenceRecord.observed_at,
            SkillEvidenceRecord.ref,
        )
        .where(SkillEvidenceRecord.profile_id == profile_id)
        .where(SkillEvidenceRecord.ref.startswith(prefix, autoescape=True))
        .order_by(SkillEvidenceRecord.observed_at, SkillEvidenceRecord.id)
    ).all()
    current: dict[tuple[str, str], tuple[str, float, datetime]] = {}
    for _id, skill, kind, value, observed, ref in rows:
        current[(skill, ref)] = (kind, value, as_utc(observed))
    current = {k: v for k, v in current.items() if v[0] != "withdrawn"}
    want = {(e.skill_id, e.ref): e for e in wanted}
    out = [
        e for key, e in want.items() if current.get(key) != (e.kind, float(e.value), as_utc(e.at))
    ]
    out += [
        NewEvidence(skill, "withdrawn", 0.0, at, None, ref)
        for (skill, ref) in current
        if (skill, ref) not in want
    ]
    return append(s, profile_id, out, at)
