"""one application per dedupe key (duplicates merged); imported documents may be text only

Until now nothing in the schema stopped two rows of a profile from sharing a dedupe key, and
two imports of the same file running at once could both insert it (issue 19). This revision
merges every such group into one row and then makes ``(profile_id, dedupe_key)`` unique.
It also adds ``application_documents.text_only``: an imported path that is not a plain local
document (a network share, a URL, a program) is shown as text and never opened.

Which row survives: the one whose history starts first (smallest event id), so every event
moved onto it still comes after its 'created' event in log order. From each duplicate:

- interviews, offers (with their negotiation rounds), contacts, documents, follow-ups,
  preference signals and interview-practice links move to the surviving row;
- one-per-application records (fit, outcome, recommendation, saved posting) move only when
  the survivor has none (otherwise the survivor's own is kept and the duplicate's goes);
- its events about those records and its notes move as they are; its own created / moved /
  edited events cannot join another log (the replay allows one 'created'), so they are
  summarised in one note on the surviving row, dated when the duplicate was created.

Revision ID: 0014_jsonimport_unique_dedupe
Revises: 0013_merge_heads
Create Date: 2026-12-03 15:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0014_jsonimport_unique_dedupe"
down_revision: str | Sequence[str] | None = "0013_merge_heads"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_INDEX = "ix_applications_profile_dedupe"
NEW_INDEX = "ux_applications_profile_dedupe"
# Rows that simply follow their application.
MOVED = (
    "interviews",
    "offers",
    "application_contacts",
    "application_documents",
    "followups",
    "preference_signals",
    "interview_practices",  # a soft link (no foreign key), kept pointing at a live row
)
# At most one row per application (a unique constraint on application_id).
ONE_PER_APPLICATION = (
    "job_fits",
    "application_outcomes",
    "recommendations",
    "application_postings",
)
# Event kinds that make up the state and the fields (pipeline.history.FIELD_KINDS).
FIELD_KINDS = ("created", "updated", "state", "state_reverted")

_apps = sa.table(
    "applications",
    sa.column("id", sa.Integer),
    sa.column("profile_id", sa.Integer),
    sa.column("dedupe_key", sa.String),
    sa.column("state", sa.String),
    sa.column("company", sa.String),
    sa.column("title", sa.String),
    sa.column("created_at", sa.DateTime),
)
_events = sa.table(
    "application_events",
    sa.column("id", sa.Integer),
    sa.column("profile_id", sa.Integer),
    sa.column("application_id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("from_state", sa.String),
    sa.column("to_state", sa.String),
    sa.column("changes", sa.JSON),
    sa.column("note", sa.Text),
    sa.column("subject_type", sa.String),
    sa.column("subject_id", sa.Integer),
    sa.column("at", sa.DateTime),
    sa.column("actor", sa.String),
)


def _app_table(name: str) -> sa.TableClause:
    return sa.table(name, sa.column("id", sa.Integer), sa.column("application_id", sa.Integer))


def _label(state: str | None) -> str:
    return (state or "?").replace("_", " ").capitalize()  # "PHONE_INTERVIEW" -> "Phone interview"


def _summary(dup: Any, field_events: list[Any]) -> str:
    created = dup.created_at.strftime("%Y-%m-%d %H:%M") if dup.created_at else "?"
    lines = [
        f"Merged a duplicate entry of this application (#{dup.id}, created {created}, "
        f"last status {_label(dup.state)}); its records and notes are now here."
    ]
    for e in field_events:
        at = e.at.strftime("%Y-%m-%d") if isinstance(e.at, datetime) else str(e.at)
        if e.kind in ("state", "state_reverted"):
            lines.append(f"- {at}: status {_label(e.from_state)} → {_label(e.to_state)}")
        elif e.kind == "updated":
            names = ", ".join(sorted((e.changes or {}).keys())) or "fields"
            lines.append(f"- {at}: edited {names}")
    return "\n".join(lines)


def _merge(conn: sa.Connection, present: set[str], keep: int, dup: Any) -> None:
    for name in MOVED:
        if name in present:
            t = _app_table(name)
            conn.execute(
                sa.update(t).where(t.c.application_id == dup.id).values(application_id=keep)
            )
    for name in ONE_PER_APPLICATION:
        if name not in present:
            continue
        t = _app_table(name)
        has_own = conn.execute(sa.select(t.c.id).where(t.c.application_id == keep)).first()
        if has_own is None:
            conn.execute(
                sa.update(t).where(t.c.application_id == dup.id).values(application_id=keep)
            )
        else:
            conn.execute(sa.delete(t).where(t.c.application_id == dup.id))
    field_events = list(
        conn.execute(
            sa.select(_events)
            .where(_events.c.application_id == dup.id, _events.c.kind.in_(FIELD_KINDS))
            .order_by(_events.c.id)
        )
    )
    conn.execute(
        sa.update(_events)
        .where(_events.c.application_id == dup.id, _events.c.kind.not_in(FIELD_KINDS))
        .values(application_id=keep)
    )
    conn.execute(
        sa.insert(_events).values(
            profile_id=dup.profile_id,
            application_id=keep,
            kind="note",
            from_state=None,
            to_state=None,
            changes={},
            note=_summary(dup, field_events),
            subject_type="",
            subject_id=None,
            at=dup.created_at or datetime(1970, 1, 1),
            actor="merge",
        )
    )
    conn.execute(sa.delete(_events).where(_events.c.application_id == dup.id))
    conn.execute(sa.delete(_apps).where(_apps.c.id == dup.id))


def merge_duplicates(conn: sa.Connection) -> int:
    """Merge every group of same-key applications into one row; returns rows removed."""
    present = set(sa.inspect(conn).get_table_names())
    groups = conn.execute(
        sa.select(_apps.c.profile_id, _apps.c.dedupe_key)
        .group_by(_apps.c.profile_id, _apps.c.dedupe_key)
        .having(sa.func.count() > 1)
    ).all()
    removed = 0
    for profile_id, key in groups:
        first_event = (
            sa.select(sa.func.min(_events.c.id))
            .where(_events.c.application_id == _apps.c.id)
            .scalar_subquery()
        )
        rows = conn.execute(
            sa.select(_apps, first_event.label("first_event")).where(
                _apps.c.profile_id == profile_id, _apps.c.dedupe_key == key
            )
        ).all()
        # A row without any event (impossible through the app) sorts last.
        rows.sort(key=lambda r: (r.first_event is None, r.first_event or 0, r.id))
        keep = rows[0].id
        for dup in rows[1:]:
            _merge(conn, present, keep, dup)
            removed += 1
    return removed


def upgrade() -> None:
    merge_duplicates(op.get_bind())
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index(OLD_INDEX)
        batch_op.create_index(NEW_INDEX, ["profile_id", "dedupe_key"], unique=True)
    # Imported document paths that are not plain local files are kept as text only.
    with op.batch_alter_table("application_documents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("text_only", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    # The merged rows stay merged: there is no way (and no wish) to split them again.
    with op.batch_alter_table("application_documents", schema=None) as batch_op:
        batch_op.drop_column("text_only")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index(NEW_INDEX)
        batch_op.create_index(OLD_INDEX, ["profile_id", "dedupe_key"], unique=False)
