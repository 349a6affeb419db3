"""``PostingService``: read a posting into a proposal, and save a reviewed one as an application.

Reading never writes: ``propose``/``propose_file`` return a :class:`PostingProposal` the
learner reviews and edits; only ``save`` creates anything — the application (through
``ApplicationService.create``, so its history, duplicate warning and events are the
pipeline's own), what was read from the posting, and the company's card.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field
from sqlalchemy import select

from careerdesk.core.companies.service import CompanyService
from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import UserError, ValidationError
from careerdesk.core.kernel.ports import AIProvider
from careerdesk.core.pipeline.models import ApplicationDetail
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.postings.models import PostingProposal, ProposedSkill
from careerdesk.core.postings.reader import improve_with_ai, read_posting
from careerdesk.core.postings.text import read_posting_file
from careerdesk.core.reference.catalog import Catalog
from careerdesk.core.reference.lazy import LazyReference
from careerdesk.core.reference.onet import OnetData
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.postings import ApplicationPosting

NOTHING_USEFUL = (
    "CareerDesk found no job details in this text: no company, job title or skills. "
    "Nothing was saved. Paste the posting itself (its title, company and requirements)."
)


class NothingUsefulError(UserError):
    """The text named no company, title or skill; nothing is proposed or saved."""


class PostingInfo(BaseModel):
    """What was read from the posting an application was created from."""

    application_id: int
    source: str
    required: list[ProposedSkill] = Field(default_factory=list)
    preferred: list[ProposedSkill] = Field(default_factory=list)
    technologies: list[str] = Field(default_factory=list)
    onet_code: str = ""
    onet_title: str = ""
    extracted_by: str = "rules"


class PostingService(LazyReference):
    """Capture job postings as applications."""

    def __init__(
        self,
        db: Database,
        applications: ApplicationService,
        companies: CompanyService,
        clock: Clock | None = None,
        *,
        ai: Callable[[], AIProvider] | None = None,
        catalog: Catalog | None = None,
        onet_data: OnetData | None = None,
    ) -> None:
        self.db = db
        self.applications = applications
        self.companies = companies
        self.clock = clock or SystemClock()
        self._ai = ai
        self._catalog = catalog
        self._onet = onet_data

    def ai_available(self) -> bool:
        """Whether ``propose`` will ask the AI too (a key is set and AI is on)."""
        return self._ai is not None and self._ai().available()

    # -- reading ---------------------------------------------------------------------------
    def propose(self, text: str, *, source: str = "pasted", use_ai: bool = True) -> PostingProposal:
        """Read ``text``; raises NothingUsefulError when it holds no job details.

        Slow when the AI is asked (network): call it off the GUI thread.
        """
        if not text.strip():
            raise NothingUsefulError("There is no text to read: paste or drop a job posting.")
        today = self.clock.now().astimezone().date()
        proposal = read_posting(
            text, today=today, catalog=self.catalog, onet=self.onet, source=source
        )
        if use_ai and self._ai is not None:
            proposal = improve_with_ai(proposal, self._ai(), catalog=self.catalog, onet=self.onet)
        if not proposal.useful():
            raise NothingUsefulError(NOTHING_USEFUL)
        return proposal

    def propose_file(self, path: Path, *, use_ai: bool = True) -> PostingProposal:
        """Read a ``.txt``, ``.html`` or ``.pdf`` posting file (UserError when unreadable)."""
        text = read_posting_file(path)
        return self.propose(text, source=path.name, use_ai=use_ai)

    # -- saving ----------------------------------------------------------------------------
    def save(
        self, profile_id: int, proposal: PostingProposal, *, allow_duplicate: bool = False
    ) -> ApplicationDetail:
        """Create the application the learner reviewed (state Saved) and its company card.

        Raises ValidationError when company or title is missing and
        DuplicateApplicationError (nothing saved) when one already matches, unless
        ``allow_duplicate``.
        """
        missing = proposal.missing_required()
        if missing:
            raise ValidationError(f"Fill in the {' and '.join(missing)} before saving.")
        data = {
            "company": proposal.company,
            "title": proposal.title,
            "location": proposal.location,
            "remote": proposal.remote,
            "posting_url": proposal.posting_url,
            "source": "",
            "salary_min": proposal.salary_min,
            "salary_max": proposal.salary_max,
            "currency": proposal.currency,
            "description": proposal.description,
            "deadline": proposal.deadline,
        }
        how = "Gemini and CareerDesk's rules" if proposal.extracted_by == "gemini" else "rules"
        where = "pasted text" if proposal.source == "pasted" else proposal.source
        detail = self.applications.create(
            profile_id,
            data,
            allow_duplicate=allow_duplicate,
            note=f"Added from a job posting ({where}, read by {how})",
        )
        try:
            with self.db.session() as s:
                s.add(
                    ApplicationPosting(
                        profile_id=profile_id,
                        application_id=detail.id,
                        source=proposal.source[:300],
                        required=[k.model_dump() for k in proposal.required],
                        preferred=[k.model_dump() for k in proposal.preferred],
                        technologies=list(proposal.technologies),
                        onet_code=proposal.onet_code,
                        onet_title=proposal.onet_title[:200],
                        extracted_by=proposal.extracted_by,
                        created_at=self.clock.now(),
                        note=proposal.notice,
                    )
                )
            self.companies.ensure(profile_id, proposal.company)
        except Exception:
            # All or nothing for the learner: an application without its posting record
            # would look saved but lack its skills.
            self.applications.delete(detail.id)
            raise
        return detail

    def posting(self, application_id: int) -> PostingInfo | None:
        """What was read from the application's posting; None if it was not captured."""
        with self.db.read() as s:
            row = s.scalar(
                select(ApplicationPosting).where(
                    ApplicationPosting.application_id == application_id
                )
            )
            if row is None:
                return None
            return PostingInfo(
                application_id=row.application_id,
                source=row.source,
                required=[ProposedSkill.model_validate(k) for k in row.required],
                preferred=[ProposedSkill.model_validate(k) for k in row.preferred],
                technologies=list(row.technologies),
                onet_code=row.onet_code,
                onet_title=row.onet_title,
                extracted_by=row.extracted_by,
            )
