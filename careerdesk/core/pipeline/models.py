"""What the pipeline service accepts and returns: pydantic models, never ORM rows.

Input models validate and normalise (trimmed text, upper-case currency, min ≤ max salary);
``check`` turns pydantic's errors into one readable ``ValidationError`` for the user.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, TypeVar

import pydantic
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.pipeline.states import State

Remote = Literal["yes", "no", "hybrid", ""]
InterviewKind = Literal["phone", "video", "onsite", "panel"]
InterviewOutcome = Literal["scheduled", "completed", "passed", "failed", "cancelled"]
OfferStatus = Literal["pending", "negotiating", "accepted", "declined", "expired", "rescinded"]
DocumentKind = Literal["resume", "cover_letter", "other"]

INTERVIEW_KINDS: tuple[str, ...] = ("phone", "video", "onsite", "panel")
INTERVIEW_OUTCOMES: tuple[str, ...] = ("scheduled", "completed", "passed", "failed", "cancelled")
OFFER_STATUSES: tuple[str, ...] = (
    "pending",
    "negotiating",
    "accepted",
    "declined",
    "expired",
    "rescinded",
)
DOCUMENT_KINDS: tuple[str, ...] = ("resume", "cover_letter", "other")
PRIORITY_LABELS: dict[int, str] = {1: "Low", 2: "Normal", 3: "High"}

M = TypeVar("M", bound=BaseModel)


def human_date(d: date) -> str:
    """``3 Mar 2026`` (no zero padding, on every platform)."""
    return f"{d.day} {d:%b %Y}"


def check(model: type[M], data: object) -> M:
    """Validate ``data`` as ``model``; raise one ValidationError listing every problem."""
    if isinstance(data, model):
        return data
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or model.__name__
            msg = str(err["msg"]).removeprefix("Value error, ")
            problems.append(f"{where}: {msg}")
        raise ValidationError("; ".join(problems)) from None


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ApplicationFields(_Input):
    """The editable fields of an application (all optional except company and title)."""

    company: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=300)
    location: str = Field(default="", max_length=200)
    remote: Remote = ""
    posting_url: str = Field(default="", max_length=2000)
    source: str = Field(default="", max_length=100)
    salary_min: int | None = Field(default=None, ge=0, le=100_000_000)
    salary_max: int | None = Field(default=None, ge=0, le=100_000_000)
    currency: str = Field(default="", pattern=r"^([A-Z]{3})?$")
    description: str = Field(default="", max_length=200_000)
    deadline: date | None = None
    priority: int = Field(default=2, ge=1, le=3)
    tags: list[str] = Field(default_factory=list)
    notes: str = Field(default="", max_length=100_000)
    applied_on: date | None = None

    @field_validator("currency", mode="before")
    @classmethod
    def _upper(cls, v: Any) -> Any:
        return v.strip().upper() if isinstance(v, str) else v

    @field_validator("remote", mode="before")
    @classmethod
    def _remote(cls, v: Any) -> Any:
        return v.strip().lower() if isinstance(v, str) else v

    @field_validator("tags", mode="before")
    @classmethod
    def _tags(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = v.replace(";", ",").split(",")
        if isinstance(v, list | tuple):
            seen: list[str] = []
            for tag in v:
                tag = " ".join(str(tag).split())
                if tag and tag.lower() not in {t.lower() for t in seen}:
                    seen.append(tag[:60])
            return seen
        return v

    @field_validator("posting_url")
    @classmethod
    def _url(cls, v: str) -> str:
        if v and "://" not in v:
            v = "https://" + v  # "www.example.com/jobs/1" is what people paste
        if v and not v.lower().startswith(("http://", "https://")):
            raise ValueError("the posting URL must start with http:// or https://")
        return v

    @model_validator(mode="after")
    def _range(self) -> ApplicationFields:
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_min > self.salary_max
        ):
            raise ValueError(
                f"the minimum salary ({self.salary_min}) is above the maximum ({self.salary_max})"
            )
        return self


EDITABLE_FIELDS: tuple[str, ...] = tuple(ApplicationFields.model_fields)


class ApplicationInput(ApplicationFields):
    """A new application: its fields plus the state it starts in."""

    state: State = State.SAVED


class ApplicationRow(BaseModel):
    """One application as the board and the table show it (cheap to build for 10k rows)."""

    id: int
    profile_id: int
    company: str
    title: str
    location: str = ""
    remote: str = ""
    source: str = ""
    state: State
    priority: int = 2
    tags: list[str] = Field(default_factory=list)
    salary_min: int | None = None
    salary_max: int | None = None
    currency: str = ""
    applied_on: date | None = None
    deadline: date | None = None
    created_at: datetime
    updated_at: datetime
    state_changed_at: datetime
    next_interview_at: datetime | None = None
    next_action: str = ""


class EventOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    application_id: int
    kind: str
    from_state: State | None = None
    to_state: State | None = None
    changes: dict[str, Any] = Field(default_factory=dict)
    note: str = ""
    subject_type: str = ""
    subject_id: int | None = None
    at: datetime
    actor: str = "user"


class InterviewInput(_Input):
    kind: InterviewKind = "video"
    title: str = Field(default="", max_length=200)
    starts_at: datetime
    duration_min: int = Field(default=60, ge=5, le=24 * 60)
    interviewers: list[str] = Field(default_factory=list)
    location: str = Field(default="", max_length=1000)
    link: str = Field(default="", max_length=2000)
    outcome: InterviewOutcome = "scheduled"
    notes: str = Field(default="", max_length=20_000)
    practice_id: int | None = None
    # How it went (optional): the four interview scores of interview practice, 0–100, and
    # the catalogue skill "technical" measured. They become ``interview_real`` evidence of
    # the skill model (docs/intel.md, "Real interview scores").
    communication: int | None = Field(default=None, ge=0, le=100)
    technical: int | None = Field(default=None, ge=0, le=100)
    problem_solving: int | None = Field(default=None, ge=0, le=100)
    code_quality: int | None = Field(default=None, ge=0, le=100)
    focus_skill_id: str | None = Field(default=None, max_length=60)

    @field_validator("focus_skill_id")
    @classmethod
    def _blank_skill(cls, v: str | None) -> str | None:
        return v or None

    @field_validator("starts_at")
    @classmethod
    def _aware(cls, v: datetime) -> datetime:
        if v.tzinfo is None:
            raise ValueError("the start time needs a time zone")
        return v

    @field_validator("interviewers", mode="before")
    @classmethod
    def _names(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = v.replace(";", ",").split(",")
        return [" ".join(str(n).split()) for n in v if str(n).strip()] if isinstance(v, list) else v


class InterviewOut(InterviewInput):
    model_config = ConfigDict(extra="ignore")

    id: int
    application_id: int
    created_at: datetime
    updated_at: datetime


class RoundInput(_Input):
    requested_base: int | None = Field(default=None, ge=0)
    requested_bonus: int | None = Field(default=None, ge=0)
    requested_equity: str = Field(default="", max_length=200)
    response_base: int | None = Field(default=None, ge=0)
    response_bonus: int | None = Field(default=None, ge=0)
    response_equity: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=20_000)
    at: datetime | None = None


class RoundOut(RoundInput):
    model_config = ConfigDict(extra="ignore")

    id: int
    offer_id: int
    number: int
    at: datetime


class OfferInput(_Input):
    base: int | None = Field(default=None, ge=0)
    bonus: int | None = Field(default=None, ge=0)
    equity: str = Field(default="", max_length=200)
    currency: str = Field(default="", pattern=r"^([A-Z]{3})?$")
    deadline: date | None = None
    received_on: date | None = None
    status: OfferStatus = "pending"
    notes: str = Field(default="", max_length=20_000)

    @field_validator("currency", mode="before")
    @classmethod
    def _upper(cls, v: Any) -> Any:
        return v.strip().upper() if isinstance(v, str) else v


class OfferOut(OfferInput):
    model_config = ConfigDict(extra="ignore")

    id: int
    application_id: int
    created_at: datetime
    updated_at: datetime
    rounds: list[RoundOut] = Field(default_factory=list)


class ContactInput(_Input):
    name: str = Field(min_length=1, max_length=200)
    role: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=320)
    phone: str = Field(default="", max_length=60)
    notes: str = Field(default="", max_length=20_000)

    @field_validator("email")
    @classmethod
    def _email(cls, v: str) -> str:
        if v and ("@" not in v or " " in v):
            raise ValueError(f"{v!r} does not look like an e-mail address")
        return v


class ContactOut(ContactInput):
    model_config = ConfigDict(extra="ignore")

    id: int
    application_id: int


class DocumentInput(_Input):
    kind: DocumentKind = "resume"
    path: str = Field(min_length=1, max_length=4000)
    version: str = Field(default="", max_length=100)


class DocumentOut(DocumentInput):
    model_config = ConfigDict(extra="ignore")

    id: int
    application_id: int
    added_at: datetime
    text_only: bool = False  # never opened: not a plain local document (imported)


class ApplicationDetail(ApplicationRow):
    """Everything about one application, for the detail panel and exports."""

    posting_url: str = ""
    description: str = ""
    notes: str = ""
    dedupe_key: str = ""
    allowed_moves: list[State] = Field(default_factory=list)
    can_revert: bool = False
    events: list[EventOut] = Field(default_factory=list)
    interviews: list[InterviewOut] = Field(default_factory=list)
    offers: list[OfferOut] = Field(default_factory=list)
    contacts: list[ContactOut] = Field(default_factory=list)
    documents: list[DocumentOut] = Field(default_factory=list)

    def fields(self) -> ApplicationFields:
        """The editable fields, e.g. to prefill an editor."""
        return ApplicationFields.model_validate(
            {name: getattr(self, name) for name in EDITABLE_FIELDS}
        )


class DuplicateMatch(BaseModel):
    """An existing application with the same company and title."""

    id: int
    company: str
    title: str
    state: State
    applied_on: date | None = None
    created_at: datetime

    def describe(self) -> str:
        """ "already applied on 3 Mar 2026 (Phone interview)" or "already saved on …"."""
        if self.applied_on is not None:
            when = f"applied on {human_date(self.applied_on)}"
        else:
            when = f"saved on {human_date(self.created_at.date())}"
        return f"{self.company} — {self.title}: already {when} ({self.state.label})"


class ApplicationFilter(BaseModel):
    """Server-side filter for scripted use (the UI filters its loaded rows in memory)."""

    states: list[State] | None = None
    text: str = ""
    source: str = ""
    remote: Remote | None = None
    active_only: bool = False
