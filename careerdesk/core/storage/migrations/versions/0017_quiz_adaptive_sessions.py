"""adaptive quizzes: an adaptive session's state; an advisor's note with a rating (docs/skills.md)

Revision ID: 0017_quiz_adaptive_sessions
Revises: 0016_resumes_library
Create Date: 2026-12-03 18:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_quiz_adaptive_sessions"
down_revision: str | Sequence[str] | None = "0017_packs_content_packs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: every earlier session was a fixed quiz and stays one.
    with op.batch_alter_table("assessment_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("adaptive", sa.JSON(), nullable=True))
    # The ledger stays append-only: earlier evidence simply has no note.
    with op.batch_alter_table("skill_evidence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("skill_evidence", schema=None) as batch_op:
        batch_op.drop_column("note")
    with op.batch_alter_table("assessment_sessions", schema=None) as batch_op:
        batch_op.drop_column("adaptive")
