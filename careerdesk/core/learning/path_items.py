"""Writing a learning-path snapshot's items (inside the caller's unit of work).

A path is never edited in place: each change writes a new ``LearningPath`` row and its
items, so the history stays intact (docs/learning.md). Learning's own regeneration and
pipeline intelligence's "add this job's gaps" both write the items here.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from careerdesk.core.learning.suggestions import PlannedItem
from careerdesk.core.storage.tables.learning import LearningPathItem


def add_path_items(s: Session, profile_id: int, path_id: int, items: Iterable[PlannedItem]) -> None:
    """Add ``items`` to path ``path_id`` in the order given (positions 0, 1, …)."""
    for position, p in enumerate(items):
        s.add(
            LearningPathItem(
                profile_id=profile_id,
                path_id=path_id,
                content_id=p.content_id,
                position=position,
                skill_id=p.skill_id,
                reason=p.reason,
                est_hours=p.est_hours,
            )
        )
