"""Learner profiles: several people can share one install (a careers-centre kiosk)."""

from __future__ import annotations

import builtins
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.profiles.events import ProfileCreated, ProfileDeleted, ProfileUpdated
from careerdesk.core.profiles.names import name_key, visible_name
from careerdesk.core.profiles.rows import profile_row
from careerdesk.core.skills.events import TargetRoleChanged
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.profiles import Profile

MAX_NAME = 80


class ProfileInfo(BaseModel):
    """A profile as the rest of the app sees it (never an ORM object)."""

    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: int
    name: str
    full_name: str = ""
    location: str = ""
    field_of_study: str = ""
    interests: str = ""
    target_role_ids: list[str] = Field(default_factory=list)
    has_pin: bool = False
    created_at: datetime
    last_active_at: datetime | None = None

    @classmethod
    def of(cls, row: Profile) -> ProfileInfo:
        return cls(
            id=row.id,
            name=row.name,
            full_name=row.full_name,
            location=row.location,
            field_of_study=row.field_of_study,
            interests=row.interests,
            target_role_ids=list(row.target_role_ids or []),
            has_pin=row.pin_hash is not None,
            created_at=row.created_at,
            last_active_at=row.last_active_at,
        )


class ProfileDetails(BaseModel):
    """Editable free-text details of a profile."""

    full_name: str = Field(default="", max_length=200)
    location: str = Field(default="", max_length=200)
    field_of_study: str = Field(default="", max_length=200)
    interests: str = Field(default="", max_length=5000)


def clean_name(name: str) -> str:
    """Validate a profile name: 1–80 visible characters, no control characters. The name is
    NFKC-normalised and invisible characters are removed (core/profiles/names.py)."""
    cleaned = visible_name(name)
    if not cleaned:
        raise ValidationError("A profile needs a name.")
    if len(cleaned) > MAX_NAME:
        raise ValidationError(f"A profile name can have at most {MAX_NAME} characters.")
    if any(ord(ch) < 32 for ch in cleaned):
        raise ValidationError("A profile name cannot contain control characters.")
    return cleaned


class ProfileService:
    """Create, rename, update, list and delete learner profiles."""

    def __init__(self, db: Database, bus: EventBus, clock: Clock | None = None) -> None:
        self.db = db
        self.bus = bus
        self.clock = clock or SystemClock()

    # -- queries -------------------------------------------------------------------------
    def list(self) -> list[ProfileInfo]:
        with self.db.read() as s:
            rows = s.scalars(select(Profile).order_by(func.lower(Profile.name))).all()
            return [ProfileInfo.of(r) for r in rows]

    def get(self, profile_id: int) -> ProfileInfo:
        with self.db.read() as s:
            return ProfileInfo.of(self._row(s, profile_id))

    def by_name(self, name: str) -> ProfileInfo:
        with self.db.read() as s:
            row = s.scalar(select(Profile).where(func.lower(Profile.name) == name.strip().lower()))
            if row is None:
                names = ", ".join(p.name for p in s.scalars(select(Profile))) or "none yet"
                raise NotFoundError(f"No profile named {name!r} (profiles: {names}).")
            return ProfileInfo.of(row)

    def exists(self, name: str) -> bool:
        with self.db.read() as s:
            return (
                s.scalar(select(Profile.id).where(func.lower(Profile.name) == name.strip().lower()))
                is not None
            )

    def check_name_free(self, name: str) -> str:
        """The cleaned name if no existing profile looks like it; ValidationError if one
        does (the kiosk asks before the walk-in chooses a PIN)."""
        cleaned = clean_name(name)
        with self.db.read() as s:
            self._ensure_free(s, cleaned)
        return cleaned

    # -- changes -------------------------------------------------------------------------
    def create(
        self,
        name: str,
        details: ProfileDetails | None = None,
        *,
        pin_hash: str | None = None,
    ) -> ProfileInfo:
        """A new profile (with its kiosk PIN hash when given: one transaction)."""
        name = clean_name(name)
        details = details or ProfileDetails()
        with self.db.session() as s:
            self._ensure_free(s, name)
            row = Profile(name=name, **details.model_dump(), target_role_ids=[])
            row.pin_hash = pin_hash
            row.created_at = row.updated_at = self.clock.now()
            s.add(row)
            s.flush()
            info = ProfileInfo.of(row)
        self.bus.publish(ProfileCreated(profile_id=info.id, name=info.name))
        return info

    def rename(self, profile_id: int, new_name: str) -> ProfileInfo:
        new_name = clean_name(new_name)
        with self.db.session() as s:
            row = self._row(s, profile_id)
            if name_key(row.name) != name_key(new_name):
                self._ensure_free(s, new_name, except_id=profile_id)
            row.name = new_name
            s.flush()
            info = ProfileInfo.of(row)
        self.bus.publish(ProfileUpdated(profile_id=profile_id, fields=("name",)))
        return info

    def update_details(self, profile_id: int, details: ProfileDetails) -> ProfileInfo:
        with self.db.session() as s:
            row = self._row(s, profile_id)
            changed = tuple(k for k, v in details.model_dump().items() if getattr(row, k) != v)
            for key, value in details.model_dump().items():
                setattr(row, key, value)
            s.flush()
            info = ProfileInfo.of(row)
        if changed:
            self.bus.publish(ProfileUpdated(profile_id=profile_id, fields=changed))
        return info

    def set_target_roles(self, profile_id: int, role_ids: builtins.list[str]) -> ProfileInfo:
        """Replace the learner's target roles (validated against the catalogue by callers)."""
        ordered = list(dict.fromkeys(r.strip() for r in role_ids if r.strip()))
        with self.db.session() as s:
            row = self._row(s, profile_id)
            row.target_role_ids = ordered
            s.flush()
            info = ProfileInfo.of(row)
        self.bus.publish(TargetRoleChanged(profile_id=profile_id, role_ids=tuple(ordered)))
        return info

    def set_pin_hash(self, profile_id: int, pin_hash: str | None) -> None:
        with self.db.session() as s:
            self._row(s, profile_id).pin_hash = pin_hash

    def pin_hash(self, profile_id: int) -> str | None:
        with self.db.read() as s:
            return self._row(s, profile_id).pin_hash

    def touch(self, profile_id: int) -> None:
        """Record activity (kiosk "last active", advisor stall detection)."""
        with self.db.session() as s:
            self._row(s, profile_id).last_active_at = self.clock.now()

    def delete(self, profile_id: int) -> None:
        """Delete a profile and, by cascade, every row that belongs to it."""
        with self.db.session() as s:
            row = self._row(s, profile_id)
            name = row.name
            s.delete(row)
        self.bus.publish(ProfileDeleted(profile_id=profile_id, name=name))

    # -- helpers -------------------------------------------------------------------------
    _row = staticmethod(profile_row)

    @staticmethod
    def _ensure_free(s: Session, name: str, *, except_id: int | None = None) -> None:
        """Refuse a name that looks like an existing one (same letters, a look-alike from
        another script, hidden characters): on a kiosk tile the two could not be told apart.
        Every name is compared in Python: a handful to a few hundred rows."""
        key = name_key(name)
        for pid, existing in s.execute(select(Profile.id, Profile.name)):
            if pid != except_id and name_key(existing) == key:
                raise ValidationError(
                    f"A profile named {existing!r} already exists, and {name!r} looks the same "
                    "on screen; pick another name (add an initial, for example)."
                )
