"""verdicts: verdict snapshots, work-style preferences, scores of real interviews (docs/intel.md)

* ``verdict_snapshots``: the fit verdict, score, reasons and components frozen each time an
  application enters a state. Applications applied to before this revision get one
  snapshot from their stored fit (``job_fits``) dated at their applied date, flagged
  ``backfilled``: the fit was computed before or after that day, so analytics counts these
  apart (docs/intel.md).
* ``work_preferences``: one row per profile (work mode, company size, sectors, values,
  expected salary).
* ``interviews``: the four optional interview scores and the technical focus skill.

Revision ID: 0017_verdicts_snapshots
Revises: 0016_resumes_library
Create Date: 2026-12-03 18:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0017_verdicts_snapshots"
down_revision: str | Sequence[str] | None = "0017_quiz_adaptive_sessions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SCORES = ("communication", "technical", "problem_solving", "code_quality")


def upgrade() -> None:
    op.create_table(
        "verdict_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("required_match", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("components", sa.JSON(), nullable=False),
        sa.Column("backfilled", sa.Boolean(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_verdict_snapshots_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_verdict_snapshots_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verdict_snapshots")),
    )
    with op.batch_alter_table("verdict_snapshots", schema=None) as batch_op:
        batch_op.create_index(
            "ix_verdict_snapshots_app_taken", ["application_id", "taken_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_verdict_snapshots_profile_id"), ["profile_id"], unique=False
        )

    op.create_table(
        "work_preferences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("work_modes", sa.JSON(), nullable=False),
        sa.Column("company_sizes", sa.JSON(), nullable=False),
        sa.Column("sectors", sa.JSON(), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("expected_salary", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_work_preferences_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_preferences")),
        sa.UniqueConstraint("profile_id", name=op.f("uq_work_preferences_profile_id")),
    )
    with op.batch_alter_table("work_preferences", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_work_preferences_profile_id"), ["profile_id"], unique=False
        )

    with op.batch_alter_table("interviews", schema=None) as batch_op:
        for name in _SCORES:
            batch_op.add_column(sa.Column(name, sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column("focus_skill_id", sa.String(length=60), nullable=True))

    _backfill()


def _as_datetime(value: Any) -> datetime:
    # SQLite hands dates back as text; PostgreSQL as date objects.
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return datetime(day.year, day.month, day.day, tzinfo=UTC).replace(tzinfo=None)


def _backfill() -> None:
    """One back-filled snapshot per applied application that has a stored fit."""
    bind = op.get_bind()
    fits = sa.table(
        "job_fits",
        sa.column("application_id", sa.Integer()),
        sa.column("profile_id", sa.Integer()),
        sa.column("verdict", sa.String()),
        sa.column("score", sa.Float()),
        sa.column("required_match", sa.Float()),
        sa.column("components", sa.JSON()),
        sa.column("detail", sa.JSON()),
    )
    apps = sa.table(
        "applications", sa.column("id", sa.Integer()), sa.column("applied_on", sa.Date())
    )
    snaps = sa.table(
        "verdict_snapshots",
        sa.column("application_id", sa.Integer()),
        sa.column("profile_id", sa.Integer()),
        sa.column("state", sa.String()),
        sa.column("verdict", sa.String()),
        sa.column("score", sa.Float()),
        sa.column("required_match", sa.Float()),
        sa.column("reasons", sa.JSON()),
        sa.column("components", sa.JSON()),
        sa.column("backfilled", sa.Boolean()),
        sa.column("taken_at", sa.DateTime()),
    )
    rows = bind.execute(
        sa.select(
            fits.c.application_id,
            fits.c.profile_id,
            fits.c.verdict,
            fits.c.score,
            fits.c.required_match,
            fits.c.components,
            fits.c.detail,
            apps.c.applied_on,
        )
        .join(apps, apps.c.id == fits.c.application_id)
        .where(apps.c.applied_on.is_not(None))
    ).all()
    values = [
        {
            "application_id": r.application_id,
            "profile_id": r.profile_id,
            "state": "APPLIED",
            "verdict": r.verdict,
            "score": r.score or 0.0,
            "required_match": r.required_match or 0.0,
            "reasons": list((r.detail or {}).get("reasons", [])),
            "components": dict(r.components or {}),
            "backfilled": True,
            "taken_at": _as_datetime(r.applied_on),
        }
        for r in rows
    ]
    if values:
        op.bulk_insert(snaps, values)


def downgrade() -> None:
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.drop_column("focus_skill_id")
        for name in reversed(_SCORES):
            batch_op.drop_column(name)
    with op.batch_alter_table("work_preferences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_preferences_profile_id"))
    op.drop_table("work_preferences")
    with op.batch_alter_table("verdict_snapshots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_verdict_snapshots_profile_id"))
        batch_op.drop_index("ix_verdict_snapshots_app_taken")
    op.drop_table("verdict_snapshots")
