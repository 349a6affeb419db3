"""Interview practice: record practice and real interviews, their scores and feedback.

A practice holds the four interview scores (communication, technical, problem solving, code
quality; 0–100, or None when a skill was not assessed), notes or a pasted transcript, and
per-skill feedback from Gemini and/or the offline rules. Saving a practice also records its
skill levels (``interview_skill_levels``) so charts and "current level" views can use them.
Every change publishes :class:`~careerdesk.core.interviews.events.InterviewPracticeChanged`
after commit.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from careerdesk.core.interviews.events import InterviewPracticeChanged
from careerdesk.core.interviews.feedback import (
    FEEDBACK_SOURCES,
    FeedbackSet,
    FeedbackSource,
    GeneratedFeedback,
    SkillFeedback,
    generate_feedback,
)
from careerdesk.core.interviews.models import (
    KIND_LABELS,
    InterviewPractice,
    PracticeInput,
    clean_feedback_skills,
)
from careerdesk.core.kernel.clock import Clock, SystemClock, as_utc
from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.kernel.literals import one_of
from careerdesk.core.kernel.ports import AIProvider
from careerdesk.core.reference.catalog import Catalog
from careerdesk.core.reference.lazy import LazyCatalog
from careerdesk.core.skills import ledger
from careerdesk.core.skills.model_rules import EvidenceKind
from careerdesk.core.skills.rules import (
    INTERVIEW_SKILLS,
    ScoreRecord,
    SkillBreakdown,
    SkillPoint,
)
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.interviews import (
    InterviewFeedbackRecord,
    InterviewPracticeRecord,
    InterviewSkillLevel,
)
from careerdesk.core.storage.tables.profiles import Profile

# The data classes live in interview_models; importing them from here is fine too.
__all__ = [
    "KIND_LABELS",
    "InterviewPractice",
    "InterviewPracticeService",
    "PracticeInput",
]


class InterviewPracticeService(LazyCatalog):
    """Record, edit and delete interview practices; generate and store their feedback."""

    def __init__(
        self,
        db: Database,
        bus: EventBus,
        clock: Clock | None = None,
        ai: Callable[[], AIProvider] | None = None,
        catalog: Catalog | None = None,
    ) -> None:
        self.db = db
        self.bus = bus
        self.clock = clock or SystemClock()
        self._ai = ai
        self._catalog = catalog

    # -- queries -------------------------------------------------------------------------
    def list(self, profile_id: int) -> list[InterviewPractice]:
        """The learner's practices, newest first, with their feedback."""
        with self.db.read() as s:
            rows = s.scalars(
                select(InterviewPracticeRecord)
                .where(InterviewPracticeRecord.profile_id == profile_id)
                .order_by(InterviewPracticeRecord.held_at.desc(), InterviewPracticeRecord.id.desc())
            ).all()
            feedback = self._feedback_for(s, [r.id for r in rows])
            return [self._view(r, feedback.get(r.id, {})) for r in rows]

    def get(self, practice_id: int) -> InterviewPractice:
        with self.db.read() as s:
            row = self._row(s, practice_id)
            return self._view(row, self._feedback_for(s, [row.id]).get(row.id, {}))

    def skill_breakdown(self, practice_id: int) -> dict[str, SkillBreakdown]:
        """The per-skill breakdown of one interview (see :meth:`InterviewPractice.breakdown`)."""
        return self.get(practice_id).breakdown()

    def skill_points(self, profile_id: int) -> builtins.list[SkillPoint]:
        """Every recorded interview level per dimension, oldest first (progression series)."""
        with self.db.read() as s:
            rows = s.execute(
                select(InterviewSkillLevel, InterviewPracticeRecord)
                .join(
                    InterviewPracticeRecord,
                    InterviewPracticeRecord.id == InterviewSkillLevel.practice_id,
                )
                .where(InterviewSkillLevel.profile_id == profile_id)
                .order_by(InterviewSkillLevel.measured_at, InterviewSkillLevel.id)
            ).all()
            return [
                SkillPoint(
                    skill_id=lvl.dimension,
                    level=lvl.level,
                    source="interview",
                    at=lvl.measured_at,
                    ref=f"interview:{lvl.practice_id}",
                    label=rec.title or KIND_LABELS.get(rec.kind, rec.kind),
                )
                for lvl, rec in rows
            ]

    def catalogue_levels(self, profile_id: int) -> dict[str, SkillPoint]:
        """Latest interview level per *catalogue* skill (technical counts for the focus skill)."""
        with self.db.read() as s:
            rows = s.scalars(
                select(InterviewSkillLevel)
                .where(InterviewSkillLevel.profile_id == profile_id)
                .order_by(InterviewSkillLevel.measured_at, InterviewSkillLevel.id)
            ).all()
            out: dict[str, SkillPoint] = {}
            for row in rows:
                if row.skill_id in self.catalog.skills:
                    out[row.skill_id] = SkillPoint(
                        skill_id=row.skill_id,
                        level=row.level,
                        source="interview",
                        at=row.measured_at,
                        ref=f"interview:{row.practice_id}",
                    )
            return out

    def score_records(self, profile_id: int) -> builtins.list[ScoreRecord]:
        """One record per practice (oldest first), for comparisons."""
        return [
            ScoreRecord(
                key=f"interview:{p.id}",
                label=p.label,
                source="interview",
                at=p.held_at,
                scores={k: float(v) for k, v in p.scores.items() if v is not None},
            )
            for p in reversed(self.list(profile_id))
        ]

    # -- changes -------------------------------------------------------------------------
    def create(
        self, profile_id: int, data: PracticeInput, feedback: Iterable[FeedbackSet] = ()
    ) -> InterviewPractice:
        """Save a new practice (and any feedback sets); records its skill levels."""
        self._check(data)
        feedback = list(feedback)
        now = self.clock.now()
        with self.db.session() as s:
            if s.get(Profile, profile_id) is None:
                raise NotFoundError(f"Profile #{profile_id} does not exist.")
            row = InterviewPracticeRecord(profile_id=profile_id, **_fields(data))
            row.created_at = row.updated_at = now
            s.add(row)
            s.flush()
            self._write_levels(s, row)
            added = self._evidence(s, row)
            for fs in feedback:
                self._put_feedback(s, row, fs)
            s.flush()
            view = self._view(row, self._feedback_for(s, [row.id]).get(row.id, {}))
        self._publish_evidence(profile_id, added)
        self.bus.publish(InterviewPracticeChanged(profile_id=profile_id, practice_id=view.id))
        return view

    def update(
        self,
        practice_id: int,
        data: PracticeInput,
        feedback: Iterable[FeedbackSet] | None = None,
    ) -> InterviewPractice:
        """Replace a practice's fields; ``feedback`` sets replace those of the same source."""
        self._check(data)
        with self.db.session() as s:
            row = self._row(s, practice_id)
            for key, value in _fields(data).items():
                setattr(row, key, value)
            row.updated_at = self.clock.now()
            s.flush()
            self._write_levels(s, row)
            added = self._evidence(s, row)
            for fs in feedback or ():
                self._put_feedback(s, row, fs)
            s.flush()
            view = self._view(row, self._feedback_for(s, [row.id]).get(row.id, {}))
        self._publish_evidence(view.profile_id, added)
        self.bus.publish(InterviewPracticeChanged(profile_id=view.profile_id, practice_id=view.id))
        return view

    def delete(self, practice_id: int) -> InterviewPractice:
        """Delete a practice with its feedback and levels; returns what was deleted."""
        with self.db.session() as s:
            row = self._row(s, practice_id)
            view = self._view(row, self._feedback_for(s, [row.id]).get(row.id, {}))
            added = self._evidence(s, row, deleted=True)
            s.delete(row)
        self._publish_evidence(view.profile_id, added)
        self.bus.publish(InterviewPracticeChanged(profile_id=view.profile_id, practice_id=view.id))
        return view

    def save_feedback(
        self, practice_id: int, source: FeedbackSource, skills: dict[str, SkillFeedback]
    ) -> InterviewPractice:
        """Store the learner's edit of one feedback set (marked as edited)."""
        cleaned = clean_feedback_skills(skills)
        now = self.clock.now()
        with self.db.session() as s:
            row = self._row(s, practice_id)
            existing = self._feedback_for(s, [row.id]).get(row.id, {}).get(source)
            self._put_feedback(
                s,
                row,
                FeedbackSet(
                    source=source,
                    model=existing.model if existing else "",
                    skills=cleaned,
                    generated_at=existing.generated_at if existing else now,
                    edited_at=now,
                ),
            )
            s.flush()
            view = self._view(row, self._feedback_for(s, [row.id]).get(row.id, {}))
        self.bus.publish(InterviewPracticeChanged(profile_id=view.profile_id, practice_id=view.id))
        return view

    # -- feedback generation -------------------------------------------------------------
    def generate_feedback(self, data: PracticeInput, *, use_ai: bool = True) -> GeneratedFeedback:
        """Feedback for (possibly unsaved) practice data. Slow with AI: not on the GUI thread."""
        ai = self._ai() if (use_ai and self._ai is not None) else None
        return generate_feedback(
            data.scores,
            kind=KIND_LABELS.get(data.kind, data.kind),
            title=data.title,
            notes=data.notes,
            transcript=data.transcript,
            ai=ai,
            now=self.clock.now(),
        )

    def generate_and_store(
        self, practice_id: int, *, use_ai: bool = True
    ) -> tuple[InterviewPractice, GeneratedFeedback]:
        """Generate feedback for a saved practice and store every set produced.

        Replaces earlier generated sets of the same source, including hand-edited ones:
        callers ask the learner first when ``preferred_feedback.edited_at`` is set.
        """
        practice = self.get(practice_id)
        generated = self.generate_feedback(practice, use_ai=use_ai)
        sets = [generated.offline] + ([generated.gemini] if generated.gemini else [])
        return self.update(practice_id, practice, sets), generated

    # -- helpers -------------------------------------------------------------------------
    def _check(self, data: PracticeInput) -> None:
        if data.focus_skill_id is not None and data.focus_skill_id not in self.catalog.skills:
            raise ValidationError(f"Unknown skill {data.focus_skill_id!r} for the technical focus.")

    @staticmethod
    def _row(s: Session, practice_id: int) -> InterviewPracticeRecord:
        row = s.get(InterviewPracticeRecord, practice_id)
        if row is None:
            raise NotFoundError(
                f"Interview practice #{practice_id} does not exist (it may have been deleted)."
            )
        return row

    def _evidence(
        self, s: Session, row: InterviewPracticeRecord, *, deleted: bool = False
    ) -> builtins.list[ledger.NewEvidence]:
        """Restate this interview's evidence in the skill model's ledger (docs/skills.md).

        Each score counts for its catalogue skill ("technical" for the focus skill; without
        one it measures no catalogue skill). An interview tied to an application that is not
        a mock is a real interview.
        """
        real = row.application_id is not None and row.kind != "mock"
        kind: EvidenceKind = "interview_real" if real else "interview_practice"
        prefix = f"interview:{row.id}:"
        wanted = []
        for dimension in () if deleted else INTERVIEW_SKILLS:
            score = getattr(row, dimension)
            skill_id = row.focus_skill_id if dimension == "technical" else dimension
            if score is None or skill_id is None or skill_id not in self.catalog.skills:
                continue
            wanted.append(
                ledger.NewEvidence(
                    skill_id, kind, float(score), as_utc(row.held_at), ref=prefix + dimension
                )
            )
        return ledger.restate(s, row.profile_id, prefix, wanted, self.clock.now())

    def _publish_evidence(self, profile_id: int, added: builtins.list[ledger.NewEvidence]) -> None:
        event = ledger.evidence_event(profile_id, added)
        if event is not None:
            self.bus.publish(event)

    def _write_levels(self, s: Session, row: InterviewPracticeRecord) -> None:
        s.execute(delete(InterviewSkillLevel).where(InterviewSkillLevel.practice_id == row.id))
        for dimension in INTERVIEW_SKILLS:
            score = getattr(row, dimension)
            if score is None:
                continue
            skill_id = dimension
            if dimension == "technical" and row.focus_skill_id:
                skill_id = row.focus_skill_id
            s.add(
                InterviewSkillLevel(
                    profile_id=row.profile_id,
                    practice_id=row.id,
                    dimension=dimension,
                    skill_id=skill_id,
                    level=float(score),
                    measured_at=row.held_at,
                )
            )

    @staticmethod
    def _put_feedback(s: Session, row: InterviewPracticeRecord, fs: FeedbackSet) -> None:
        skills = clean_feedback_skills(fs.skills)
        record = s.scalar(
            select(InterviewFeedbackRecord).where(
                InterviewFeedbackRecord.practice_id == row.id,
                InterviewFeedbackRecord.source == fs.source,
            )
        )
        if record is None:
            record = InterviewFeedbackRecord(
                profile_id=row.profile_id, practice_id=row.id, source=fs.source
            )
            s.add(record)
        record.model = fs.model
        record.skills = {k: v.model_dump() for k, v in skills.items()}
        record.generated_at = fs.generated_at
        record.edited_at = fs.edited_at

    @staticmethod
    def _feedback_for(s: Session, ids: builtins.list[int]) -> dict[int, dict[str, FeedbackSet]]:
        if not ids:
            return {}
        out: dict[int, dict[str, FeedbackSet]] = {}
        rows = s.scalars(
            select(InterviewFeedbackRecord).where(InterviewFeedbackRecord.practice_id.in_(ids))
        )
        for r in rows:
            out.setdefault(r.practice_id, {})[r.source] = FeedbackSet(
                source=one_of(r.source, FEEDBACK_SOURCES),
                model=r.model,
                skills={k: SkillFeedback(**v) for k, v in (r.skills or {}).items()},
                generated_at=r.generated_at,
                edited_at=r.edited_at,
            )
        return out

    @staticmethod
    def _view(row: InterviewPracticeRecord, feedback: dict[str, FeedbackSet]) -> InterviewPractice:
        return InterviewPractice(
            id=row.id,
            profile_id=row.profile_id,
            created_at=row.created_at,
            updated_at=row.updated_at,
            feedback=feedback,
            **{k: getattr(row, k) for k in _FIELD_NAMES},
        )


_FIELD_NAMES = tuple(PracticeInput.model_fields)


def _fields(data: PracticeInput) -> dict[str, Any]:
    return {k: getattr(data, k) for k in _FIELD_NAMES}
