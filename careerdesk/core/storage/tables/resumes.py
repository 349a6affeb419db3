"""The résumé library and the résumé sent with each application (docs/resumes.md).

``resume_versions`` holds every named, dated version of a learner's résumé: its text as
extracted at import (or as written in the tailoring editor), the copy of the original file
in the data folder, and, for a tailored copy, the version it came from and the application
it was made for. ``application_resumes`` freezes what was sent: the label, text and file of
the version at the moment it was attached, so editing or deleting the version later never
changes what the application records.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.storage.base import Base, ProfileOwned


class ResumeVersion(ProfileOwned, Base):
    """One named version of a learner's résumé."""

    __tablename__ = "resume_versions"
    __table_args__ = (UniqueConstraint("profile_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # pdf | docx | txt | tailored
    source_name: Mapped[str] = mapped_column(String(300), default="")  # original file name
    file_path: Mapped[str] = mapped_column(Text, default="")  # relative to the data folder
    sha256: Mapped[str] = mapped_column(String(64), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    pages: Mapped[int] = mapped_column(Integer, default=0)
    image_only_pages: Mapped[int] = mapped_column(Integer, default=0)
    images: Mapped[int] = mapped_column(Integer, default=0)
    parent_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("resume_versions.id", ondelete="SET NULL"), default=None
    )
    application_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("applications.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApplicationResume(ProfileOwned, Base):
    """The résumé sent with one application, frozen when it was attached."""

    __tablename__ = "application_resumes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("applications.id", ondelete="CASCADE"), unique=True
    )
    version_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("resume_versions.id", ondelete="SET NULL"), default=None
    )
    label: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    file_path: Mapped[str] = mapped_column(Text, default="")  # a frozen copy of the file
    attached_at: Mapped[datetime] = mapped_column(default=utcnow)
