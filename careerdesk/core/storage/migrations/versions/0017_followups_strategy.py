"""follow-ups: per-application timing, step anchors, fixed-day default, greetings; offer terms
and comparison weights (docs/intel.md Follow-ups, docs/pipeline.md Offers)

Revision ID: 0017_followups_strategy
Revises: 0016_resumes_library
Create Date: 2026-12-03 18:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_followups_strategy"
down_revision: str | Sequence[str] | None = "0017_verdicts_snapshots"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The built-in texts before greetings, and the ones replacing them (only rows the learner
# never edited are changed: the body must still be the old built-in text word for word).
_OLD_NEW = {
    "post_application": (
        "Dear {name},\n\nI applied for the {role} position at {company} on {applied_on} ",
        "{greeting}\n\nI applied for the {role} position at {company} on {applied_on} ",
        "and wanted to check whether you need anything else from me. I am still very "
        "interested in the role.\n\nBest regards,\n{me}",
    ),
    "thank_you": (
        "Dear {interviewer},\n\nThank you for taking the time to talk with me about the ",
        "{greeting}\n\nThank you for taking the time to talk with me about the ",
        "{role} role at {company}. I enjoyed our conversation and I am even more excited "
        "about the team.\n\nBest regards,\n{me}",
    ),
    "no_response": (
        "Dear {name},\n\nI wanted to check in on the {role} position after my interview. ",
        "{greeting}\n\nI wanted to check in on the {role} position after my interview. ",
        "I would be glad to answer any further questions.\n\nBest regards,\n{me}",
    ),
    "offer": (
        "Dear {name},\n\nThank you for the offer for the {role} position at {company}. ",
        "{greeting}\n\nThank you for the offer for the {role} position at {company}. ",
        "I am reviewing it and will get back to you by {reply_by}.\n\nBest regards,\n{me}",
    ),
}


def _profile_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["profile_id"],
        ["profiles.id"],
        name=op.f(f"fk_{table}_profile_id_profiles"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("anchor_at", sa.DateTime(), nullable=True))

    op.create_table(
        "followup_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("strategy", sa.String(length=12), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_followup_choices_application_id_applications"),
            ondelete="CASCADE",
        ),
        _profile_fk("followup_choices"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_choices")),
        sa.UniqueConstraint("application_id", name=op.f("uq_followup_choices_application_id")),
    )
    with op.batch_alter_table("followup_choices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_followup_choices_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_followup_choices_profile_id"), ["profile_id"], unique=False
        )

    op.create_table(
        "offer_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("sign_on", sa.Integer(), nullable=True),
        sa.Column("equity_value", sa.Integer(), nullable=True),
        sa.Column("benefits", sa.Text(), nullable=False),
        sa.Column("benefits_value", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["offers.id"],
            name=op.f("fk_offer_terms_offer_id_offers"),
            ondelete="CASCADE",
        ),
        _profile_fk("offer_terms"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_terms")),
        sa.UniqueConstraint("offer_id", name=op.f("uq_offer_terms_offer_id")),
    )
    with op.batch_alter_table("offer_terms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_offer_terms_offer_id"), ["offer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_offer_terms_profile_id"), ["profile_id"], unique=False)

    op.create_table(
        "offer_weights",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("weights", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        _profile_fk("offer_weights"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_weights")),
        sa.UniqueConstraint("profile_id", name=op.f("uq_offer_weights_profile_id")),
    )
    with op.batch_alter_table("offer_weights", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_offer_weights_profile_id"), ["profile_id"], unique=False
        )

    # The default post-application timing becomes fixed calendar days (docs/intel.md); rows
    # still on the old built-in text and timing are moved, edited ones are left alone.
    templates = sa.table(
        "followup_templates",
        sa.column("scenario", sa.String()),
        sa.column("body", sa.Text()),
        sa.column("strategy", sa.String()),
        sa.column("builtin", sa.Boolean()),
    )
    old_post = _OLD_NEW["post_application"][0] + _OLD_NEW["post_application"][2]
    op.execute(
        templates.update()
        .where(templates.c.scenario == "post_application")
        .where(templates.c.builtin.is_(True))
        .where(templates.c.strategy == "business")
        .where(templates.c.body == old_post)
        .values(strategy="fixed")
    )
    for scenario, (old_head, new_head, tail) in _OLD_NEW.items():
        op.execute(
            templates.update()
            .where(templates.c.scenario == scenario)
            .where(templates.c.body == old_head + tail)
            .values(body=new_head + tail)
        )


def downgrade() -> None:
    for table in ("offer_weights", "offer_terms", "followup_choices"):
        op.drop_table(table)
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.drop_column("anchor_at")
