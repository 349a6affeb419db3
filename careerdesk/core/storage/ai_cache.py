"""The database-backed AI response cache (implements ports.AICacheStore)."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, delete

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.profiles import AICacheEntry


class DbAICache:
    """Stores validated AI answers keyed by model + prompt hash."""

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or SystemClock()

    def get(self, key: str) -> str | None:
        with self.db.read() as s:
            row = s.get(AICacheEntry, key)
            return None if row is None else row.value

    def put(self, key: str, model: str, value: str) -> None:
        with self.db.session() as s:
            row = s.get(AICacheEntry, key)
            if row is None:
                s.add(AICacheEntry(key=key, model=model, value=value, created_at=self.clock.now()))
            else:
                row.value, row.model, row.created_at = value, model, self.clock.now()

    def clear(self) -> int:
        with self.db.session() as s:
            # Session.execute() returns a CursorResult for a DELETE without RETURNING (the
            # SQLAlchemy docs say so); its overloads only promise a Result.
            result = cast(CursorResult[Any], s.execute(delete(AICacheEntry)))
            return result.rowcount or 0
