"""content packs: videos installed once for every profile (docs/packs.md)

Revision ID: 0017_packs_content_packs
Revises: 0016_resumes_library
Create Date: 2026-12-03 18:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_packs_content_packs"
down_revision: str | Sequence[str] | None = "0016_resumes_library"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "content_packs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pack_key", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("author", sa.String(length=300), nullable=False),
        sa.Column("licence", sa.String(length=300), nullable=False),
        sa.Column("folder", sa.Text(), nullable=False),
        sa.Column("source_name", sa.String(length=300), nullable=False),
        sa.Column("manifest", sa.JSON(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_packs")),
        sa.UniqueConstraint("pack_key", name=op.f("uq_content_packs_pack_key")),
        sa.UniqueConstraint("title", "author", name=op.f("uq_content_packs_title_author")),
    )
    with op.batch_alter_table("content_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pack_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_content_items_pack_id"), ["pack_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_content_items_pack_id_content_packs"),
            "content_packs",
            ["pack_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    # Pack items are shared rows that only make sense with their pack: they go with it.
    op.execute("DELETE FROM content_items WHERE pack_id IS NOT NULL")
    with op.batch_alter_table("content_items", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_content_items_pack_id_content_packs"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_content_items_pack_id"))
        batch_op.drop_column("pack_id")
    op.drop_table("content_packs")
