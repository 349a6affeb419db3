"""Append learning activity to the learning_events log (docs/learning.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.storage.tables.profiles import LearningEvent

# Kinds used across features; free text is allowed but these keep reports consistent.
ASSESSMENT_STARTED = "assessment_started"
ASSESSMENT_SUBMITTED = "assessment_submitted"
ASSESSMENT_ABANDONED = "assessment_abandoned"
CONTENT_OPENED = "content_opened"
CONTENT_STARTED = "content_started"
CONTENT_COMPLETED = "content_completed"
PATH_GENERATED = "learning_path_generated"


def record(
    s: Session,
    profile_id: int,
    kind: str,
    *,
    subject_type: str = "",
    subject_id: int | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> None:
    """Add one learning event inside the caller's unit of work.

    ``at`` defaults to now; services pass their injected clock's time so the log agrees with
    the rows it describes.
    """
    s.add(
        LearningEvent(
            profile_id=profile_id,
            kind=kind,
            subject_type=subject_type,
            subject_id=subject_id,
            detail=detail or {},
            at=at or utcnow(),
        )
    )
