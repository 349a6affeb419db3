"""merge heads: one head from here on

The features were developed side by side, each on its own branch from 0001_baseline (intel and
postings from 0007_pipeline), which left six heads. This revision joins them and changes no
schema. From here on there is a single head: new revisions chain from this one (or from the
revision after it), so the history stays linear.

Revision ID: 0013_merge_heads
Revises: 0003_learning, 0005_insights, 0006_interviews, 0008_intel, 0009_calendar, 0012_postings
Create Date: 2026-12-03 13:32:40.000000
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0013_merge_heads"
down_revision: str | Sequence[str] | None = (
    "0003_learning",
    "0005_insights",
    "0006_interviews",
    "0008_intel",
    "0009_calendar",
    "0012_postings",
)
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
