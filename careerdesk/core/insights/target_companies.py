"""Target companies per learner, with editable difficulty factors.

Until a learner edits the list, the defaults of docs/insights.md apply (Google, Microsoft, Amazon,
Meta, Apple, Netflix). Difficulty 1.0 is an average employer; the defaults are above it
because those companies receive far more applicants per opening. The factors are a
judgement, shown and editable, not a measurement.
"""

from __future__ import annotations

import builtins

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from careerdesk.core.insights.events import TargetCompaniesChanged
from careerdesk.core.insights.models import CompanyInput
from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.insights import TargetCompany
from careerdesk.core.storage.tables.profiles import Profile

DEFAULT_COMPANIES: tuple[tuple[str, float], ...] = (
    ("Google", 1.30),
    ("Microsoft", 1.15),
    ("Amazon", 1.15),
    ("Meta", 1.25),
    ("Apple", 1.25),
    ("Netflix", 1.35),
)
_TC = TargetCompany.__table__.c
_LIST = (
    select(_TC.name, _TC.difficulty, _TC.hidden, _TC.is_default)
    .where(_TC.profile_id == bindparam("pid"))
    .order_by(_TC.position, _TC.id)
)
MAX_COMPANIES = 30
MIN_DIFFICULTY = 0.5
MAX_DIFFICULTY = 2.0


def name_key(name: str) -> str:
    """Case- and space-insensitive key: "  meta  platforms" == "Meta Platforms"."""
    return " ".join(name.lower().split())


class CompanyEdit(BaseModel):
    """One row of the editable list."""

    name: str = Field(min_length=1, max_length=200)
    difficulty: float = Field(default=1.0, ge=MIN_DIFFICULTY, le=MAX_DIFFICULTY)

    @field_validator("name")
    @classmethod
    def _clean(cls, name: str) -> str:
        cleaned = " ".join(name.split())
        if not cleaned:
            raise ValueError("a company needs a name")
        return cleaned


def default_companies() -> list[CompanyInput]:
    return [CompanyInput(name=n, difficulty=d, source="default") for n, d in DEFAULT_COMPANIES]


class TargetCompanyService:
    """Read and replace a learner's target companies."""

    def __init__(self, db: Database, bus: EventBus) -> None:
        self.db = db
        self.bus = bus

    def list(self, profile_id: int) -> list[CompanyInput]:
        """The learner's companies in their order (the defaults until the first edit)."""
        with self.db.read() as s:
            return self.list_in(s, profile_id)

    @staticmethod
    def list_in(s: Session, profile_id: int) -> builtins.list[CompanyInput]:
        # Columns on the Core connection: insights reads this on every recompute.
        rows = s.connection().execute(_LIST, {"pid": profile_id}).all()
        if not rows:
            return default_companies()
        return [
            CompanyInput(
                name=name,
                difficulty=difficulty,
                source="default" if is_default else "custom",
            )
            for name, difficulty, hidden, is_default in rows
            if not hidden
        ]

    def set_companies(
        self, profile_id: int, companies: builtins.list[CompanyEdit]
    ) -> builtins.list[CompanyInput]:
        """Replace the list (order kept). Duplicate names are refused; nothing changes then."""
        if len(companies) > MAX_COMPANIES:
            raise ValidationError(f"At most {MAX_COMPANIES} target companies, please.")
        keys = [name_key(c.name) for c in companies]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise ValidationError(f"Company listed twice: {', '.join(dupes)}.")
        defaults = {name_key(n) for n, _d in DEFAULT_COMPANIES}
        with self.db.session() as s:
            if s.get(Profile, profile_id) is None:
                raise NotFoundError(f"Profile #{profile_id} does not exist.")
            existing = {
                r.name_key: r
                for r in s.scalars(
                    select(TargetCompany).where(TargetCompany.profile_id == profile_id)
                )
            }
            for position, (key, edit) in enumerate(zip(keys, companies, strict=True)):
                row = existing.pop(key, None)
                if row is None:
                    row = TargetCompany(profile_id=profile_id, name_key=key)
                    s.add(row)
                row.name = edit.name
                row.difficulty = round(edit.difficulty, 2)
                row.position = position
                row.hidden = False
                row.is_default = key in defaults
            for key, row in existing.items():
                if key in defaults:
                    row.hidden = True  # a removed default must not come back
                else:
                    s.delete(row)
            # The defaults the learner never touched are stored as hidden rows too, so the
            # stored list is the whole truth from now on.
            for name, difficulty in DEFAULT_COMPANIES:
                key = name_key(name)
                if key not in keys and key not in existing:
                    s.add(
                        TargetCompany(
                            profile_id=profile_id,
                            name=name,
                            name_key=key,
                            difficulty=difficulty,
                            position=len(keys),
                            hidden=True,
                            is_default=True,
                        )
                    )
            s.flush()
            result = self.list_in(s, profile_id)
        self.bus.publish(TargetCompaniesChanged(profile_id=profile_id))
        return result

    def reset(self, profile_id: int) -> builtins.list[CompanyInput]:
        """Back to the six defaults."""
        with self.db.session() as s:
            for row in s.scalars(
                select(TargetCompany).where(TargetCompany.profile_id == profile_id)
            ):
                s.delete(row)
        self.bus.publish(TargetCompaniesChanged(profile_id=profile_id))
        return default_companies()
