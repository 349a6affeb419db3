"""résumé library: versions and the résumé frozen with each application (docs/resumes.md)

Revision ID: 0016_resumes_library
Revises: 0015_skills_evidence_ledger
Create Date: 2026-12-03 16:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_resumes_library"
down_revision: str | Sequence[str] | None = "0015_skills_evidence_ledger"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "resume_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source_name", sa.String(length=300), nullable=False),
        sa.Column("file_path", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("image_only_pages", sa.Integer(), nullable=False),
        sa.Column("images", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_resume_versions_application_id_applications"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["resume_versions.id"],
            name=op.f("fk_resume_versions_parent_id_resume_versions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_resume_versions_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resume_versions")),
        sa.UniqueConstraint(
            "profile_id", "label", name=op.f("uq_resume_versions_profile_id_label")
        ),
    )
    with op.batch_alter_table("resume_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_resume_versions_profile_id"), ["profile_id"], unique=False
        )

    op.create_table(
        "application_resumes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("file_path", sa.Text(), nullable=False),
        sa.Column("attached_at", sa.DateTime(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_application_resumes_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_application_resumes_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["resume_versions.id"],
            name=op.f("fk_application_resumes_version_id_resume_versions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_resumes")),
        sa.UniqueConstraint("application_id", name=op.f("uq_application_resumes_application_id")),
    )
    with op.batch_alter_table("application_resumes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_resumes_profile_id"), ["profile_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("application_resumes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_resumes_profile_id"))
    op.drop_table("application_resumes")
    with op.batch_alter_table("resume_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resume_versions_profile_id"))
    op.drop_table("resume_versions")
