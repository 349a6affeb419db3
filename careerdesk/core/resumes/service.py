"""``ResumeService``: the résumé library, freezing a version with an application, the match
report and the cover-letter draft (docs/resumes.md).

One unit of work per method; events after the commit. Imported files are copied into the
data folder (``<data>/resumes/<profile id>/``) before the row is written and removed again if
the write fails, so an import is all or nothing.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from careerdesk.core.companies.service import CompanyService
from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import NotFoundError, UserError, ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.kernel.ports import AIProvider
from careerdesk.core.pipeline.models import ApplicationDetail
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.postings.reader import read_posting
from careerdesk.core.postings.service import PostingService
from careerdesk.core.postings.text import read_posting_file
from careerdesk.core.profiles.service import ProfileService
from careerdesk.core.reference.catalog import Catalog
from careerdesk.core.reference.lazy import LazyReference
from careerdesk.core.reference.onet import OnetData
from careerdesk.core.resumes import cover_letter, queries, rules
from careerdesk.core.resumes.events import ResumeChanged
from careerdesk.core.resumes.evidence import SkillEvidence
from careerdesk.core.resumes.models import (
    AttachedResume,
    MatchReport,
    PostingSkills,
    ResumeVersionOut,
)
from careerdesk.core.resumes.reading import read_resume
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.resumes import ApplicationResume, ResumeVersion

MAX_LABEL = 200
MAX_TEXT = 100_000


def _safe_name(name: str) -> str:
    stem = re.sub(r"[^\w.-]+", "_", name).strip("._") or "resume"
    return stem[-80:]


class ResumeService(LazyReference):
    """Résumé versions per profile; what was sent with each application; match reports."""

    def __init__(
        self,
        db: Database,
        bus: EventBus,
        data_dir: Path,
        applications: ApplicationService,
        postings: PostingService,
        companies: CompanyService,
        profiles: ProfileService,
        evidence: SkillEvidence,
        clock: Clock | None = None,
        *,
        ai: Callable[[], AIProvider] | None = None,
        catalog: Catalog | None = None,
        onet_data: OnetData | None = None,
    ) -> None:
        self.db = db
        self.bus = bus
        self.data_dir = data_dir
        self.applications = applications
        self.postings = postings
        self.companies = companies
        self.profiles = profiles
        self.evidence = evidence
        self.clock = clock or SystemClock()
        self._ai = ai
        self._catalog = catalog
        self._onet = onet_data

    # -- library ---------------------------------------------------------------------------
    def versions(self, profile_id: int) -> list[ResumeVersionOut]:
        """Every version, newest first."""
        with self.db.read() as s:
            return queries.versions_in(s, profile_id)

    def version(self, profile_id: int, which: int | str | None = None) -> ResumeVersionOut:
        """A version by id or label; ``None``: the newest. NotFoundError when there is none."""
        with self.db.read() as s:
            return queries.version_out(queries.find_version(s, profile_id, which))

    def import_file(
        self, profile_id: int, path: Path, label: str | None = None
    ) -> ResumeVersionOut:
        """Read ``path`` (PDF, DOCX, TXT/MD), copy it into the data folder, add a version.

        The label defaults to the file's name and today's date ("cv 2026-03-02"). Raises a
        UserError (nothing stored) for unreadable files or a label already in use.
        """
        self.profiles.get(profile_id)  # NotFoundError for an unknown profile
        read = read_resume(path)
        today = self.clock.now().date().isoformat()
        wanted = (label or "").strip()
        with self.db.read() as s:
            taken = {r.casefold() for r in s.scalars(self._labels(profile_id))}
        final = self._label(wanted, f"{path.stem} {today}", taken)
        data = path.read_bytes()
        folder = self.data_dir / "resumes" / str(profile_id)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{uuid.uuid4().hex[:12]}-{_safe_name(path.name)}"
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(data)
        partial.replace(target)
        try:
            with self.db.session() as s:
                self._check_free(s, profile_id, final)
                row = ResumeVersion(
                    profile_id=profile_id,
                    label=final,
                    kind=read.kind,
                    source_name=path.name[:300],
                    file_path=target.relative_to(self.data_dir).as_posix(),
                    sha256=hashlib.sha256(data).hexdigest(),
                    text=read.text,
                    pages=read.pages,
                    image_only_pages=read.image_only_pages,
                    images=read.images,
                    created_at=self.clock.now(),
                    updated_at=self.clock.now(),
                )
                s.add(row)
                s.flush()
                out = queries.version_out(row)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        self.bus.publish(ResumeChanged(profile_id=profile_id, version_id=out.id, what="imported"))
        return out

    def save_version(
        self,
        profile_id: int,
        label: str,
        text: str,
        *,
        parent_id: int | None = None,
        application_id: int | None = None,
    ) -> ResumeVersionOut:
        """A new version written in the app (a tailored copy), optionally for an application."""
        text = text.strip()
        if not text:
            raise ValidationError("A résumé version needs some text.")
        if len(text) > MAX_TEXT:
            raise ValidationError(f"A résumé is limited to {MAX_TEXT:,} characters.")
        if application_id is not None:
            self._application(profile_id, application_id)
        with self.db.session() as s:
            final = self._label(label.strip(), "", set())
            self._check_free(s, profile_id, final)
            if parent_id is not None:
                queries.find_version(s, profile_id, parent_id)
            now = self.clock.now()
            row = ResumeVersion(
                profile_id=profile_id,
                label=final,
                kind="tailored",
                text=text,
                parent_id=parent_id,
                application_id=application_id,
                created_at=now,
                updated_at=now,
            )
            s.add(row)
            s.flush()
            out = queries.version_out(row)
        self.bus.publish(ResumeChanged(profile_id=profile_id, version_id=out.id, what="saved"))
        return out

    def edit_text(self, profile_id: int, version_id: int, text: str) -> ResumeVersionOut:
        """Replace a version's text (what was attached to applications stays as it was)."""
        text = text.strip()
        if not text:
            raise ValidationError("A résumé version needs some text.")
        with self.db.session() as s:
            row = queries.find_version(s, profile_id, version_id)
            row.text = text[:MAX_TEXT]
            row.updated_at = self.clock.now()
            s.flush()
            out = queries.version_out(row)
        self.bus.publish(ResumeChanged(profile_id=profile_id, version_id=version_id, what="edited"))
        return out

    def delete_version(self, profile_id: int, version_id: int) -> None:
        """Remove a version and its file copy; applications keep their frozen copies."""
        with self.db.session() as s:
            row = queries.find_version(s, profile_id, version_id)
            file_path = row.file_path
            s.delete(row)
        if file_path:
            (self.data_dir / file_path).unlink(missing_ok=True)
        self.bus.publish(
            ResumeChanged(profile_id=profile_id, version_id=version_id, what="deleted")
        )

    # -- applications ----------------------------------------------------------------------
    def attach(self, profile_id: int, application_id: int, version_id: int) -> AttachedResume:
        """Freeze ``version_id`` as the résumé sent with the application (replacing any
        earlier one): its label, text and a copy of its file are kept with the application."""
        self._application(profile_id, application_id)
        with self.db.read() as s:
            source = queries.version_out(queries.find_version(s, profile_id, version_id))
        frozen_file = ""
        copy: Path | None = None
        if source.file_path:
            original = self.data_dir / source.file_path
            if original.is_file():
                folder = self.data_dir / "resumes" / str(profile_id) / "sent"
                folder.mkdir(parents=True, exist_ok=True)
                copy = folder / f"{application_id}-{uuid.uuid4().hex[:8]}-{original.name}"
                shutil.copyfile(original, copy)
                frozen_file = copy.relative_to(self.data_dir).as_posix()
        old_file = ""
        try:
            with self.db.session() as s:
                row = s.scalar(
                    select(ApplicationResume).where(
                        ApplicationResume.application_id == application_id
                    )
                )
                if row is None:
                    row = ApplicationResume(profile_id=profile_id, application_id=application_id)
                    s.add(row)
                else:
                    old_file = row.file_path
                row.version_id = source.id
                row.label = source.label
                row.text = source.text
                row.file_path = frozen_file
                row.attached_at = self.clock.now()
                s.flush()
                out = queries.attached_out(row)
        except BaseException:
            if copy is not None:
                copy.unlink(missing_ok=True)
            raise
        if old_file:
            (self.data_dir / old_file).unlink(missing_ok=True)
        self.bus.publish(
            ResumeChanged(
                profile_id=profile_id,
                version_id=source.id,
                application_id=application_id,
                what="attached",
            )
        )
        return out

    def attached(self, profile_id: int, application_id: int) -> AttachedResume | None:
        """The résumé frozen with the application, or None."""
        with self.db.read() as s:
            row = s.scalar(
                select(ApplicationResume).where(
                    ApplicationResume.application_id == application_id,
                    ApplicationResume.profile_id == profile_id,
                )
            )
            return queries.attached_out(row) if row is not None else None

    # -- postings and the match report ------------------------------------------------------
    def posting_of_application(self, profile_id: int, application_id: int) -> PostingSkills:
        """The skills of the application's posting: as captured, else read from its text."""
        detail = self._application(profile_id, application_id)
        info = self.postings.posting(application_id)
        source = f"application {application_id}"
        if info is not None:
            return PostingSkills(
                company=detail.company,
                title=detail.title,
                required=info.required,
                preferred=info.preferred,
                technologies=info.technologies,
                source=source,
            )
        if not detail.description.strip():
            raise UserError(
                f"Application {application_id} has no posting text to match against: paste "
                "the posting into its description, or match with --posting FILE."
            )
        read = read_posting(
            detail.description,
            today=self.clock.now().date(),
            catalog=self.catalog,
            onet=self.onet,
        )
        return PostingSkills(
            company=detail.company,
            title=detail.title,
            required=read.required,
            preferred=read.preferred,
            technologies=read.technologies,
            source=source,
        )

    def posting_from_file(self, path: Path) -> PostingSkills:
        """The skills of a posting file (.txt, .md, .html, .pdf), read by the rules."""
        read = read_posting(
            read_posting_file(path),
            today=self.clock.now().date(),
            catalog=self.catalog,
            onet=self.onet,
            source=path.name,
        )
        return PostingSkills(
            company=read.company,
            title=read.title,
            required=read.required,
            preferred=read.preferred,
            technologies=read.technologies,
            source=path.name,
        )

    def match(
        self, profile_id: int, posting: PostingSkills, which: int | str | None = None
    ) -> MatchReport:
        """The match report of a version (default: the newest) against ``posting``."""
        version = self.version(profile_id, which)
        return self.match_text(profile_id, posting, version)

    def match_text(
        self, profile_id: int, posting: PostingSkills, version: ResumeVersionOut
    ) -> MatchReport:
        """The report for a version's text as given (the tailoring editor's unsaved text)."""
        return rules.match_report(
            resume_label=version.label,
            resume_text=version.text,
            posting=posting,
            estimates=self.evidence.estimates(profile_id),
            catalog=self.catalog,
            onet=self.onet,
            image_only_pages=version.image_only_pages,
            pages=version.pages,
            images=version.images,
        )

    def cover_letter(
        self,
        profile_id: int,
        application_id: int,
        which: int | str | None = None,
        *,
        use_ai: bool = True,
    ) -> cover_letter.CoverLetterDraft:
        """A draft letter for the application from its posting, the company card and the
        best-matched evidence. Slow when Gemini is asked: call it off the GUI thread."""
        posting = self.posting_of_application(profile_id, application_id)
        report = self.match(profile_id, posting, which)
        estimates = self.evidence.estimates(profile_id)
        card = self.companies.card(profile_id, posting.company, allow_new=True)
        company = cover_letter.CompanyFacts(
            name=card.name or posting.company,
            industry=card.fields.industry,
            location=card.fields.location,
        )
        return cover_letter.draft(
            learner=self.profiles.get(profile_id).name,
            posting=posting,
            company=company,
            evidence=cover_letter.best_evidence(report, estimates),
            missing_required=[h.name for h in report.missing if h.required],
            ai=self._ai() if use_ai and self._ai is not None else None,
        )

    # -- helpers ---------------------------------------------------------------------------
    def _application(self, profile_id: int, application_id: int) -> ApplicationDetail:
        try:
            detail = self.applications.get(application_id)
        except NotFoundError:
            detail = None
        if detail is None or detail.profile_id != profile_id:
            raise NotFoundError(f"This profile has no application {application_id}.")
        return detail

    @staticmethod
    def _labels(profile_id: int) -> Select[str]:
        return select(ResumeVersion.label).where(ResumeVersion.profile_id == profile_id)

    @staticmethod
    def _label(wanted: str, default: str, taken: set[str]) -> str:
        if wanted:
            if len(wanted) > MAX_LABEL:
                raise ValidationError(f"A version name is limited to {MAX_LABEL} characters.")
            return wanted
        if not default:
            raise ValidationError("A résumé version needs a name.")
        label, n = default[:MAX_LABEL], 2
        while label.casefold() in taken:
            label = f"{default[: MAX_LABEL - 4]} ({n})"
            n += 1
        return label

    def _check_free(self, s: Session, profile_id: int, label: str) -> None:
        for existing in s.scalars(self._labels(profile_id)):
            if existing.casefold() == label.casefold():
                raise ValidationError(
                    f"A résumé version called {label!r} already exists; choose another name."
                )
