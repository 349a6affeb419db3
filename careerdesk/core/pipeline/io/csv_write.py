"""Inserting imported applications with their records and dated logs, in bulk.

Plain ``executemany`` inserts (no ``RETURNING``: with thousands of rows SQLAlchemy's
ordered RETURNING splices results quadratically); new ids are read back by dedupe key
(unique among the profile's rows, checked in the same transaction) and child ids by
application in id order. The caller owns the transaction, so an import is all or nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from careerdesk.core.pipeline.io.dated_history import Built
from careerdesk.core.storage.tables.pipeline import (
    Application,
    ApplicationEvent,
    Contact,
    Document,
    Interview,
    Offer,
)

CHUNK = 1000
_TABLES: tuple[tuple[str, type[Interview | Offer | Contact | Document]], ...] = (
    ("interview", Interview),
    ("offer", Offer),
    ("contact", Contact),
    ("document", Document),
)


def insert_built(
    s: Session,
    profile_id: int,
    items: Sequence[Built],
    progress: Callable[[float], None] | None = None,
) -> list[int]:
    """Insert ``items`` (dedupe keys new to the profile); returns the new application ids."""
    conn = s.connection()
    new_ids: list[int] = []
    for start in range(0, len(items), CHUNK):
        chunk = items[start : start + CHUNK]
        conn.execute(insert(Application), [{"profile_id": profile_id, **b.columns} for b in chunk])
        keys = [b.columns["dedupe_key"] for b in chunk]
        id_of = dict(
            conn.execute(
                select(Application.dedupe_key, Application.id).where(
                    Application.profile_id == profile_id, Application.dedupe_key.in_(keys)
                )
            ).all()
        )
        app_ids = [id_of[k] for k in keys]
        refs: dict[tuple[int, str, int], int] = {}
        for name, table in _TABLES:
            rows: list[dict[str, Any]] = []
            for app_id, b in zip(app_ids, chunk, strict=True):
                for child in b.children[name]:
                    data = {k: v for k, v in child.items() if k != "ref"}
                    rows.append({"profile_id": profile_id, "application_id": app_id, **data})
            if not rows:
                continue
            conn.execute(insert(table), rows)
            per_app: dict[int, list[int]] = defaultdict(list)
            for app_id, child_id in conn.execute(
                select(table.application_id, table.id)
                .where(table.application_id.in_(app_ids))
                .order_by(table.id)
            ):
                per_app[app_id].append(child_id)
            for app_id, b in zip(app_ids, chunk, strict=True):
                for child, child_id in zip(b.children[name], per_app[app_id], strict=True):
                    refs[(app_id, name, child["ref"])] = child_id
        events = []
        for app_id, b in zip(app_ids, chunk, strict=True):
            for e in b.events:
                ref = e["subject_ref"]
                subject = refs[(app_id, e["subject_type"], ref)] if ref is not None else None
                data = {k: v for k, v in e.items() if k != "subject_ref"}
                events.append(
                    {
                        "profile_id": profile_id,
                        "application_id": app_id,
                        **data,
                        "subject_id": subject,
                    }
                )
        conn.execute(insert(ApplicationEvent), events)
        new_ids.extend(app_ids)
        if progress is not None:
            progress(len(new_ids) / max(1, len(items)))
    return new_ids
