"""Queries behind the learning service: the current path, its items, candidate content."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from careerdesk.core.learning.models import PathItemView
from careerdesk.core.learning.playable import plays_in
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
    """(items in the current path, of which done) inside an open unit of work.

    An item is done when it is DONE or when every skill it teaches is at the path's role's
    level by the skill model (its gap is closed; docs/skills.md).
    """
    path_id = latest_path_id(s, profile_id)
    if path_id is None:
        return (0, 0)
    rows = s.execute(
        select(LearningPathItem.content_id, ContentItem.skills, ContentProgress.state)
        .join(ContentItem, ContentItem.id == LearningPathItem.content_id)
        .outerjoin(
            ContentProgress,
            (ContentProgress.content_id == LearningPathItem.content_id)
            & (ContentProgress.profile_id == profile_id),
        )
        .where(LearningPathItem.path_id == path_id)
    ).all()
    met = met_skills_in(s, profile_id, path_id)
    done = sum(
        1
        for _cid, skills, state in rows
        if state == "DONE" or (skills and all(k in met for k in skills))
    )
    return (len(rows), done)


def met_skills_in(s: Session, profile_id: int, path_id: int | None = None) -> frozenset[str]:
    """The skills of the path's role (else the target role) at the role's level by the model."""
    from careerdesk.core.reference.catalog import load_catalog
    from careerdesk.core.skills.service import current_levels_in
    from careerdesk.core.storage.tables.learning import LearningPath
    from careerdesk.core.storage.tables.profiles import Profile

    catalog = load_catalog()
    role_id = None
    if path_id is not None:
        path = s.get(LearningPath, path_id)
        role_id = path.role_id if path is not None else None
    if role_id is None:
        profile = s.get(Profile, profile_id)
        role_id = next(
            (r for r in (profile.target_role_ids if profile else []) if r in catalog.roles), None
        )
    role = catalog.roles.get(role_id or "")
    if role is None:
        return frozenset()
    levels = current_levels_in(s, profile_id)
    return frozenset(
        rs.skill for rs in role.skills if rs.skill in levels and levels[rs.skill].level >= rs.level
    )


def gaps_open_in(s: Session, profile_id: int) -> int:
    """How many skills of the current path's role are below its level (0 without a path)."""
    from careerdesk.core.reference.catalog import load_catalog
    from careerdesk.core.storage.tables.learning import LearningPath

    path_id = latest_path_id(s, profile_id)
    if path_id is None:
        return 0
    path = s.get(LearningPath, path_id)
    role = load_catalog().roles.get(path.role_id if path is not None else "")
    if role is None:
        return 0
    return len(role.skills) - len(met_skills_in(s, profile_id, path_id))


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
            playable=plays_in(r.kind, r.url, r.local_path) == "player",
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
            ContentItem.local_path,
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
    views: list[PathItemView] = []
    for (
        cid,
        key,
        title,
        kind,
        url,
        local_path,
        skills,
        level,
        hours,
        state,
        watched,
        reason,
        position,
        skill,
    ) in rows:
        where = plays_in(kind, url, local_path)
        views.append(
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
                plays_in=where,
                playable=where == "player",
            )
        )
    return views
