"""Work-style and culture preferences of a profile (docs/intel.md, "Work-style and culture").

A short form: work modes (remote / hybrid / on-site), company sizes, sectors, values and
ways of working — each chosen from the fixed lists of :mod:`.culture_rules` — and the
expected yearly salary. The fit score matches them against what the posting and the company
card say (:mod:`.culture_rules`); nothing is guessed when the learner leaves a field empty.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import NotFoundError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.pipeline.intel.culture_rules import COMPANY_SIZES, SECTORS, VALUES, WORK_MODES
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.profiles import Profile
from careerdesk.core.storage.tables.verdicts import WorkPreferences


class WorkPreferencesData(BaseModel):
    """What the form holds (every field optional; an empty field is no preference)."""

    model_config = ConfigDict(str_strip_whitespace=True)

    work_modes: list[str] = Field(default_factory=list)
    company_sizes: list[str] = Field(default_factory=list)
    sectors: list[str] = Field(default_factory=list)
    values: list[str] = Field(default_factory=list)
    expected_salary: int | None = Field(default=None, ge=1, le=100_000_000)
    currency: str = Field(default="", max_length=3)

    @field_validator("work_modes", "company_sizes", "sectors", "values")
    @classmethod
    def _known(cls, value: list[str], info: ValidationInfo) -> list[str]:
        name = info.field_name or ""
        allowed = {
            "work_modes": list(WORK_MODES),
            "company_sizes": list(COMPANY_SIZES),
            "sectors": list(SECTORS),
            "values": list(VALUES),
        }[name]
        unknown = [v for v in value if v not in allowed]
        if unknown:
            raise ValueError(
                f"unknown choice(s) {', '.join(unknown)}; choose from {', '.join(allowed)}"
            )
        return list(dict.fromkeys(value))

    @field_validator("currency")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()

    @property
    def empty(self) -> bool:
        return not (
            self.work_modes
            or self.company_sizes
            or self.sectors
            or self.values
            or self.expected_salary
        )


def read_preferences(s: Session, profile_id: int) -> WorkPreferencesData:
    """The profile's preferences inside a caller's session (empty when never saved)."""
    row = s.scalar(select(WorkPreferences).where(WorkPreferences.profile_id == profile_id))
    if row is None:
        return WorkPreferencesData()
    return WorkPreferencesData(
        work_modes=[str(v) for v in row.work_modes],
        company_sizes=[str(v) for v in row.company_sizes],
        sectors=[str(v) for v in row.sectors],
        values=[str(v) for v in row.values],
        expected_salary=row.expected_salary,
        currency=row.currency,
    )


class PreferencesService:
    """Read and save the work-style and culture form of a profile."""

    def __init__(self, db: Database, bus: EventBus, clock: Clock | None = None) -> None:
        self.db = db
        self.bus = bus
        self.clock = clock or SystemClock()

    def get(self, profile_id: int) -> WorkPreferencesData:
        with self.db.read() as s:
            return read_preferences(s, profile_id)

    def save(self, profile_id: int, data: WorkPreferencesData) -> WorkPreferencesData:
        """Replace the profile's preferences (one transaction)."""
        data = WorkPreferencesData.model_validate(data.model_dump())
        with self.db.session() as s:
            if s.get(Profile, profile_id) is None:
                raise NotFoundError(f"Profile {profile_id} does not exist.")
            row = s.scalar(select(WorkPreferences).where(WorkPreferences.profile_id == profile_id))
            if row is None:
                row = WorkPreferences(profile_id=profile_id)
                s.add(row)
            row.work_modes = list(data.work_modes)
            row.company_sizes = list(data.company_sizes)
            row.sectors = list(data.sectors)
            row.values = list(data.values)
            row.expected_salary = data.expected_salary
            row.currency = data.currency
            row.updated_at = self.clock.now()
        return data
