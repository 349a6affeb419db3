"""Company cards as the service returns them (pydantic), and the research port's types."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator

from careerdesk.core.pipeline.states import State

CACHE_DAYS = 30  # online research is reused this long, then fetched again when asked


class CompanyFields(BaseModel):
    """What the learner edits on a card (all optional)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    website: str = Field(default="", max_length=2000)
    industry: str = Field(default="", max_length=200)
    size: str = Field(default="", max_length=100)
    location: str = Field(default="", max_length=200)
    notes: str = Field(default="", max_length=100_000)
    links: list[str] = Field(default_factory=list)
    github_org: str = Field(default="", max_length=100, pattern=r"^[A-Za-z0-9-]*$")

    @field_validator("website")
    @classmethod
    def _url(cls, v: str) -> str:
        if v and "://" not in v:
            v = "https://" + v
        if v and not v.lower().startswith(("http://", "https://")):
            raise ValueError("the website must start with http:// or https://")
        return v

    @field_validator("links", mode="before")
    @classmethod
    def _links(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = v.splitlines()
        if isinstance(v, list | tuple):
            out: list[str] = []
            for item in v:
                item = str(item).strip()
                if item and item not in out:
                    out.append(item[:2000])
            return out[:50]
        return v


EDITABLE = tuple(CompanyFields.model_fields)


class HistoryItem(BaseModel):
    """One of the learner's applications to the company."""

    application_id: int
    title: str
    state: State
    applied_on: date | None = None
    created_at: datetime
    interviews: int = 0
    interview_outcomes: list[str] = Field(default_factory=list)
    offers: int = 0


class TechCount(BaseModel):
    name: str
    postings: int  # how many of the company's postings mention it


class SummaryOut(BaseModel):
    text: str
    by: str  # the model that wrote it, e.g. "Gemini (gemini-2.5-flash)"
    at: datetime
    fresh: bool


class LanguagesOut(BaseModel):
    org: str
    languages: list[TechCount]  # language -> public repositories using it most
    repos: int
    at: datetime
    fresh: bool


class CompanyCard(BaseModel):
    """Everything a card shows; ``completeness`` is 0–100, ``unknown`` names what is missing."""

    key: str
    name: str
    saved: bool = False  # False: built from applications only, nothing stored yet
    fields: CompanyFields = Field(default_factory=CompanyFields)
    history: list[HistoryItem] = Field(default_factory=list)
    tech_stack: list[TechCount] = Field(default_factory=list)
    summary: SummaryOut | None = None
    github: LanguagesOut | None = None
    suggested_org: str = ""
    completeness: int = 0
    unknown: list[str] = Field(default_factory=list)

    def history_line(self) -> str:
        """ "3 applications · 4 interviews · 1 offer · 1 rejected"."""
        n = len(self.history)
        parts = [f"{n} application{'s' if n != 1 else ''}"]
        interviews = sum(h.interviews for h in self.history)
        offers = sum(h.offers for h in self.history)
        if interviews:
            parts.append(f"{interviews} interview{'s' if interviews != 1 else ''}")
        if offers:
            parts.append(f"{offers} offer{'s' if offers != 1 else ''}")
        for state in (State.ACCEPTED, State.REJECTED, State.WITHDRAWN, State.GHOSTED):
            k = sum(1 for h in self.history if h.state == state)
            if k:
                parts.append(f"{k} {state.label.lower()}")
        return " · ".join(parts)


class CompanyListItem(BaseModel):
    key: str
    name: str
    applications: int
    completeness: int


class OrgLanguages(BaseModel):
    """A code host's answer: public repositories per main language."""

    org: str
    languages: dict[str, int]
    repos: int


class CodeHost(Protocol):
    """Where an organisation's public code lives (the GitHub REST adapter implements it)."""

    def org_languages(self, org: str) -> OrgLanguages:
        """Languages of ``org``'s public repositories; raises UserError with a clear message."""
        ...
