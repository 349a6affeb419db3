"""The outbox tables as functions: queue changes, diff sources, read status.

Everything here runs inside a session the caller opened; ``service.py``, ``push.py`` and
``pull.py`` share these so the rules for a queued row live in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from careerdesk.core.calendar.models import (
    OUTBOX_OPERATIONS,
    CalendarEntry,
    OutboxItem,
    OutboxOperation,
    RefreshReport,
    SyncStatus,
    entry_hash,
)
from careerdesk.core.kernel.literals import one_of
from careerdesk.core.storage.tables.calendar import (
    CalendarEventLink,
    CalendarOutbox,
    CalendarSyncState,
)


def diff_into_outbox(
    s: Session,
    profile_id: int,
    live: dict[str, CalendarEntry],
    target: str,
    now: datetime,
) -> RefreshReport:
    """Compare ``live`` entries with the links (what was pushed) and queue the difference.

    New or changed → upsert; pushed (or queued) but gone → delete. A queued change that became
    unnecessary is dropped. An event the user deleted in Google is not recreated until the
    entry itself changes.
    """
    report = RefreshReport(entries=len(live))
    links = {
        link.uid: link
        for link in s.scalars(
            select(CalendarEventLink).where(CalendarEventLink.profile_id == profile_id)
        )
    }
    rows = {
        row.uid: row
        for row in s.scalars(select(CalendarOutbox).where(CalendarOutbox.profile_id == profile_id))
    }
    for uid, entry in live.items():
        digest = entry_hash(entry)
        link, row = links.get(uid), rows.get(uid)
        in_sync = (
            link is not None
            and link.pushed_hash == digest
            and (link.calendar_id == target or link.remote_deleted)
        )
        if in_sync:
            if row is not None:
                s.delete(row)
                report.dropped += 1
            continue
        if row is not None and row.operation == "upsert" and entry_hash(row.payload) == digest:
            continue
        put_row(s, profile_id, uid, "upsert", entry.payload(), now, row=row)
        report.upserts += 1
    pushed_or_queued = set(links) | {u for u, r in rows.items() if r.operation == "upsert"}
    for uid in sorted(pushed_or_queued - set(live)):
        link, row = links.get(uid), rows.get(uid)
        if link is not None and link.remote_deleted:
            # Already gone from Google: nothing to send.
            s.delete(link)
            if row is not None:
                s.delete(row)
            continue
        if row is not None and row.operation == "delete":
            continue
        # Also for a never-confirmed upsert: the insert may have reached Google before a
        # crash, and a delete finds it by its CareerDesk id.
        put_row(s, profile_id, uid, "delete", {}, now, row=row)
        report.deletes += 1
    return report


def put_row(
    s: Session,
    profile_id: int,
    uid: str,
    operation: OutboxOperation,
    payload: dict[str, Any],
    now: datetime,
    *,
    row: CalendarOutbox | None = None,
) -> None:
    """Insert or replace the outbox row of ``uid`` (one row per event: the latest wins)."""
    if row is None:
        row = s.scalar(
            select(CalendarOutbox).where(
                CalendarOutbox.profile_id == profile_id, CalendarOutbox.uid == uid
            )
        )
    if row is None:
        s.add(
            CalendarOutbox(
                profile_id=profile_id,
                uid=uid,
                operation=operation,
                payload=payload,
                created_at=now,
                updated_at=now,
            )
        )
        return
    row.operation = operation
    row.payload = payload
    row.revision += 1
    row.attempts = 0
    row.last_error = None
    row.next_attempt_at = None
    row.updated_at = now


def count(s: Session, profile_id: int) -> int:
    """How many changes are queued for ``profile_id``."""
    return int(
        s.scalar(
            select(func.count())
            .select_from(CalendarOutbox)
            .where(CalendarOutbox.profile_id == profile_id)
        )
        or 0
    )


def pending_items(s: Session, profile_id: int) -> list[OutboxItem]:
    """The queued changes of ``profile_id``, oldest first."""
    rows = s.scalars(
        select(CalendarOutbox)
        .where(CalendarOutbox.profile_id == profile_id)
        .order_by(CalendarOutbox.id)
    ).all()
    return [
        OutboxItem(
            id=r.id,
            uid=r.uid,
            operation=one_of(r.operation, OUTBOX_OPERATIONS),
            attempts=r.attempts,
            last_error=r.last_error,
            next_attempt_at=r.next_attempt_at,
            created_at=r.created_at,
        )
        for r in rows
    ]


def read_status(s: Session, profile_id: int) -> SyncStatus:
    """Last sync, pending count, failing items and the last error of ``profile_id``."""
    state = s.scalar(select(CalendarSyncState).where(CalendarSyncState.profile_id == profile_id))
    failing = s.execute(
        select(CalendarOutbox.last_error, CalendarOutbox.next_attempt_at)
        .where(CalendarOutbox.profile_id == profile_id, CalendarOutbox.last_error.is_not(None))
        .order_by(CalendarOutbox.updated_at.desc())
    ).all()
    last_error = state.last_error if state is not None else None
    if last_error is None and failing:
        last_error = failing[0].last_error
    return SyncStatus(
        profile_id=profile_id,
        calendar_id=state.calendar_id if state else None,
        last_sync_at=state.last_sync_at if state else None,
        last_attempt_at=state.last_attempt_at if state else None,
        pending=count(s, profile_id),
        failing=len(failing),
        last_error=last_error,
        next_retry_at=min(
            (f.next_attempt_at for f in failing if f.next_attempt_at is not None), default=None
        ),
    )


def sync_state(s: Session, profile_id: int) -> CalendarSyncState:
    """The profile's sync-state row, created on first use."""
    state = s.scalar(select(CalendarSyncState).where(CalendarSyncState.profile_id == profile_id))
    if state is None:
        state = CalendarSyncState(profile_id=profile_id)
        s.add(state)
        s.flush()
    return state


def mark_failed(
    s: Session,
    row_id: int,
    revision: int,
    message: str,
    now: datetime,
    delay: Callable[[int], timedelta],
) -> None:
    """Count a failed attempt on a queued row and set when to try it again.

    A row replaced by a newer change meanwhile (another revision) is left alone: the newer
    change starts afresh.
    """
    row = s.get(CalendarOutbox, row_id)
    if row is None or row.revision != revision:
        return
    row.attempts += 1
    row.last_error = message
    row.next_attempt_at = now + delay(row.attempts)


def link_of(s: Session, profile_id: int, uid: str) -> CalendarEventLink | None:
    """The link (pushed event) of ``uid``, if any."""
    return s.scalar(
        select(CalendarEventLink).where(
            CalendarEventLink.profile_id == profile_id, CalendarEventLink.uid == uid
        )
    )
