"""Queries behind the learning service: the current path, its items, candidate content."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from careerdesk.core.learning.models import PathItemView
from careerdesk.core.learning.suggestions import Candidate
from careerdesk.core.storage.tables.content import ContentItem, ContentProgress
from careerdesk.core.storage.tables.learning import LearningPath, LearningPathItem


def latest_path_id(s: Session, profile_id: int) -> int | None:
    return s.scalar(
        select(LearningPath.id)
        .where(LearningPath.profile_id == profile_id)
        .order_by(LearningPath.created_at.desc(), LearningPath.id.desc())
        .limit(1)
    )


def path_counts_in(s: Session, profile_id: int) -> tuple[int, int]:
    """(items in the current path, of which DONE) inside an open unit of work."""
    path_id = latest_path_id(s, profile_id)
    if path_id is None:
        return (0, 0)
    total = s.scalar(
        select(func.count())
        .select_from(LearningPathItem)
        .where(LearningPathItem.path_id == path_id)
    )
    done = s.scalar(
        select(func.count())
        .select_from(LearningPathItem)
        .join(
            ContentProgress,
            (ContentProgress.content_id == LearningPathItem.content_id)
            & (ContentProgress.profile_id == profile_id),
        )
        .where(LearningPathItem.path_id == path_id)
        .where(ContentProgress.state == "DONE")
    )
    return (int(total or 0), int(done or 0))


def candidates_of(s: Session, profile_id: int) -> list[Candidate]:
    """Content a path may use: shipped items and the learner's own, with skills."""
    rows = s.scalars(
        select(ContentItem).where(
            or_(ContentItem.profile_id.is_(None), ContentItem.profile_id == profile_id)
        )
    )
    return [
        Candidate(
            content_id=r.id,
            title=r.title,
            kind=r.kind,
            skills=tuple(r.skills or ()),
            level=r.level,
            est_hours=r.est_hours,
            owned=r.profile_id is not None,
        )
        for r in rows
        if r.skills
    ]


def items_of(s: Session, path_id: int, profile_id: int) -> list[PathItemView]:
    """A path's items in order with the learner's progress on each."""
    # Columns, not ORM entities: insights reads this after every progress step, and building
    # three identity-mapped objects per row cost ten times the query itself on long paths.
    rows = s.execute(
        select(
            ContentItem.id,
            ContentItem.catalog_key,
            ContentItem.title,
            ContentItem.kind,
            ContentItem.url,
            ContentItem.skills,
            ContentItem.level,
            LearningPathItem.est_hours,
            ContentProgress.state,
            ContentProgress.watched_fraction,
            LearningPathItem.reason,
            LearningPathItem.position,
            LearningPathItem.skill_id,
        )
        .join(ContentItem, ContentItem.id == LearningPathItem.content_id)
        .outerjoin(
            ContentProgress,
            (ContentProgress.content_id == LearningPathItem.content_id)
            & (ContentProgress.profile_id == profile_id),
        )
        .where(LearningPathItem.path_id == path_id)
        .order_by(LearningPathItem.position)
    ).all()
    return [
        PathItemView(
            content_id=cid,
            catalog_key=key,
            title=title,
            kind=kind,
            url=url,
            skills=list(skills or ()),
            level=level,
            est_hours=hours,
            state=state if state is not None else "NOT_STARTED",
            watched_fraction=watched if watched is not None else 0.0,
            reason=reason,
            position=position,
            skill=skill,
        )
        for (
            cid,
            key,
            title,
            kind,
            url,
            skills,
            level,
            hours,
            state,
            watched,
            reason,
            position,
            skill,
        ) in rows
    ]
