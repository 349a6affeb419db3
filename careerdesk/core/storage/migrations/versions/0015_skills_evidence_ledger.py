"""skills: the append-only evidence ledger of the skill model (docs/skills.md)

Creates ``skill_evidence`` and turns what earlier versions kept into evidence, so every
estimate starts from the learner's whole history:

* each answer of a submitted assessment → ``quiz_answer`` (right 1 / wrong or skipped 0, at
  the question's location: easy 25, medium 50, hard 75);
* a measured level with no answers behind it (a session without answer rows, an older
  record) → ``assessment_score``;
* self-ratings → ``self_rating`` (ref ``self``: the newest counts);
* interview practice levels → ``interview_practice``, or ``interview_real`` for an interview
  tied to an application (any kind but mock), ref ``interview:<id>:<dimension>``;
* interview levels in ``skill_levels`` (none were ever written) → ``interview_practice``.

Nothing is deleted or changed: ``skill_levels``, ``assessment_results``,
``interview_skill_levels`` and ``insight_snapshots`` stay as they were.

Revision ID: 0015_skills_evidence_ledger
Revises: 0014_jsonimport_unique_dedupe
Create Date: 2026-12-03 15:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0015_skills_evidence_ledger"
down_revision: str | Sequence[str] | None = "0014_jsonimport_unique_dedupe"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Copied from careerdesk.core.skills.model_rules.DIFFICULTY_LOCATION at the time of writing: a
# migration must not change when the rules do.
_LOCATION = {"easy": 25.0, "medium": 50.0, "hard": 75.0}


def upgrade() -> None:
    op.create_table(
        "skill_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(length=60), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("difficulty", sa.Float(), nullable=True),
        sa.Column("ref", sa.String(length=120), nullable=False),
        sa.Column("observed_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_skill_evidence_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skill_evidence")),
    )
    with op.batch_alter_table("skill_evidence", schema=None) as batch_op:
        batch_op.create_index(
            "ix_skill_evidence_profile_skill", ["profile_id", "skill_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_skill_evidence_profile_id"), ["profile_id"], unique=False
        )
    _backfill()


def _backfill() -> None:
    conn = op.get_bind()
    now = datetime.now(UTC).replace(tzinfo=None)  # naive UTC, as the DateTime columns store it
    rows: list[dict[str, Any]] = []

    def add(pid: int, skill: str, kind: str, value: float, at: Any, ref: str,
            difficulty: float | None = None) -> None:  # fmt: skip
        rows.append(
            {"profile_id": pid, "skill_id": skill, "kind": kind, "value": float(value),
             "difficulty": difficulty, "ref": ref, "observed_at": at, "recorded_at": now}
        )  # fmt: skip

    answered: set[int] = set()
    answers = conn.execute(
        sa.text(
            "SELECT a.id, a.profile_id, a.session_id, a.skill_id, a.difficulty, a.correct_index,"
            " a.chosen, a.answered_at, s.ended_at FROM assessment_answers a"
            " JOIN assessment_sessions s ON s.id = a.session_id"
            " WHERE s.state = 'submitted' ORDER BY s.ended_at, s.id, a.position"
        )
    ).all()
    for aid, pid, sid, skill, diff, correct, chosen, answered_at, ended_at in answers:
        right = chosen is not None and chosen == correct
        at = ended_at or answered_at
        add(pid, skill, "quiz_answer", 1.0 if right else 0.0, at, f"answer:{aid}",
            _LOCATION.get(diff, _LOCATION["medium"]))  # fmt: skip
        answered.add(sid)

    levels = conn.execute(
        sa.text(
            "SELECT id, profile_id, skill_id, level, source, measured_at, session_id"
            " FROM skill_levels ORDER BY measured_at, id"
        )
    ).all()
    for lid, pid, skill, level, source, at, sid in levels:
        if source == "self":
            add(pid, skill, "self_rating", level, at, "self")
        elif source == "assessment":
            if sid is None or sid not in answered:
                add(pid, skill, "assessment_score", level, at, f"level:{lid}")
        else:
            add(pid, skill, "interview_practice", level, at, f"level:{lid}")

    practice_levels = conn.execute(
        sa.text(
            "SELECT l.profile_id, l.practice_id, l.dimension, l.skill_id, l.level, l.measured_at,"
            " p.kind, p.application_id FROM interview_skill_levels l"
            " JOIN interview_practices p ON p.id = l.practice_id ORDER BY l.measured_at, l.id"
        )
    ).all()
    for pid, practice_id, dimension, skill, level, at, kind, application_id in practice_levels:
        real = application_id is not None and kind != "mock"
        add(pid, skill, "interview_real" if real else "interview_practice", level, at,
            f"interview:{practice_id}:{dimension}")  # fmt: skip

    if rows:
        table = sa.table(
            "skill_evidence",
            *(sa.column(c) for c in ("profile_id", "skill_id", "kind", "value", "difficulty",
                                     "ref", "observed_at", "recorded_at")),
        )  # fmt: skip
        op.bulk_insert(table, rows)


def downgrade() -> None:
    with op.batch_alter_table("skill_evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_skill_evidence_profile_id"))
        batch_op.drop_index("ix_skill_evidence_profile_skill")
    op.drop_table("skill_evidence")
