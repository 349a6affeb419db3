"""Read side of the résumé library: rows as plain models (docs/resumes.md)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.errors import NotFoundError
from careerdesk.core.kernel.literals import one_of
from careerdesk.core.resumes.models import AttachedResume, ResumeKind, ResumeVersionOut
from careerdesk.core.storage.tables.resumes import ApplicationResume, ResumeVersion

KINDS: tuple[ResumeKind, ...] = ("pdf", "docx", "txt", "tailored")


def version_out(row: ResumeVersion) -> ResumeVersionOut:
    return ResumeVersionOut(
        id=row.id,
        profile_id=row.profile_id,
        label=row.label,
        kind=one_of(row.kind, KINDS),
        source_name=row.source_name,
        file_path=row.file_path,
        text=row.text,
        pages=row.pages,
        image_only_pages=row.image_only_pages,
        images=row.images,
        parent_id=row.parent_id,
        application_id=row.application_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def attached_out(row: ApplicationResume) -> AttachedResume:
    return AttachedResume(
        application_id=row.application_id,
        version_id=row.version_id,
        label=row.label,
        text=row.text,
        file_path=row.file_path,
        attached_at=row.attached_at,
    )


def versions_in(s: Session, profile_id: int) -> list[ResumeVersionOut]:
    """Every version of a learner's résumé, newest first."""
    rows = s.scalars(
        select(ResumeVersion)
        .where(ResumeVersion.profile_id == profile_id)
        .order_by(ResumeVersion.created_at.desc(), ResumeVersion.id.desc())
    )
    return [version_out(r) for r in rows]


def find_version(s: Session, profile_id: int, which: int | str | None) -> ResumeVersion:
    """A version by id or label (any case); ``None``: the newest. NotFoundError otherwise."""
    query = select(ResumeVersion).where(ResumeVersion.profile_id == profile_id)
    if which is None:
        row = s.scalar(query.order_by(ResumeVersion.created_at.desc(), ResumeVersion.id.desc()))
        if row is None:
            raise NotFoundError(
                "This profile has no résumé yet: import one first "
                "(careerdesk resume import FILE --profile NAME)."
            )
        return row
    if isinstance(which, int):
        row = s.scalar(query.where(ResumeVersion.id == which))
    else:
        wanted = which.strip().casefold()
        row = next((r for r in s.scalars(query) if r.label.casefold() == wanted), None)
    if row is None:
        raise NotFoundError(f"No résumé version called {which!r} in this profile.")
    return row
