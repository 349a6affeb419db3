"""Pulling from the calendar: incremental sync that brings back moved times.

- The profile's sync token lists only what changed since the last pull; without a token, or
  when Google answers 410 Gone (token expired), every event is listed (full resync).
- Only events CareerDesk owns count: the private ``careerdeskId`` of a linked item, this
  install's ``careerdeskInstall``, and the linked event id (a copy of an event is not ours).
- An event whose times differ from what CareerDesk last sent is a change. If CareerDesk has a
  queued change of the same item that is newer than Google's, CareerDesk's wins (it will be
  pushed); otherwise the latest change — Google's — wins and is handed to the change handlers
  as a :class:`CalendarChange`. Every decision is logged.
- An event deleted in Google is remembered (``remote_deleted``) and not recreated until the
  item changes in CareerDesk.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdesk.core.calendar.errors import CalendarError, CalendarGoneError
from careerdesk.core.calendar.events import CalendarSynced, CalendarTimesChanged
from careerdesk.core.calendar.models import (
    INSTALL_PROPERTY,
    CalendarChange,
    CalendarEntry,
    EventChanges,
    PullReport,
    RemoteEvent,
    entry_hash,
)
from careerdesk.core.calendar.outbox import sync_state
from careerdesk.core.storage.tables.calendar import (
    CalendarEventLink,
    CalendarOutbox,
    CalendarSyncState,
)

if TYPE_CHECKING:
    from careerdesk.core.calendar.service import CalendarSyncService
    from careerdesk.core.kernel.ports import CalendarProvider

log = logging.getLogger(__name__)

_EPOCH = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class _Link:
    uid: str
    event_id: str
    remote_deleted: bool
    entry: CalendarEntry


@dataclass(frozen=True)
class _Pending:
    operation: str
    changed_at: datetime


def run_pull(svc: CalendarSyncService, profile_id: int, provider: CalendarProvider) -> PullReport:
    """Pull changes for ``profile_id`` from the chosen calendar; see the module docstring."""
    target = svc.calendar_id()
    install = svc.install_id()
    token, links, pending = _load(svc, profile_id, target)
    report = PullReport()
    try:
        try:
            changes = provider.list_changes(target, token)
        except CalendarGoneError:
            log.info("calendar: sync token of profile %s expired (410); full resync", profile_id)
            report.full_resync = True
            changes = provider.list_changes(target, None)
    except CalendarError as exc:
        svc.record_outcome(profile_id, exc.message, synced=False)
        svc.bus.publish(
            CalendarSynced(
                profile_id=profile_id, pending=svc.pending_count(profile_id), error=exc.message
            )
        )
        raise
    report.events_seen = len(changes.events)
    ours = _ours(changes, links, install)

    seen: dict[str, tuple[str | None, datetime | None]] = {}
    removed: list[str] = []
    moved: list[tuple[CalendarChange, RemoteEvent]] = []
    for uid, event in ours.items():
        link = links[uid]
        if event.status == "cancelled":
            if not link.remote_deleted:
                log.info("calendar: %s was deleted in Google; it will not be recreated", uid)
                removed.append(uid)
            continue
        seen[uid] = (event.etag, event.updated)
        if not _times_differ(link.entry, event):
            continue  # our own change coming back, or an edit that does not touch the time
        local = pending.get(uid)
        if local is not None and local.operation == "delete":
            log.info("calendar: %s moved in Google but is being deleted in CareerDesk", uid)
            continue
        if local is not None and local.changed_at > (event.updated or _EPOCH):
            log.info("calendar: %s changed in both; CareerDesk's change is newer and wins", uid)
            report.kept_local += 1
            continue
        moved.append((_change(profile_id, link.entry, event), event))
    if changes.full:
        listed = {e.event_id for e in changes.events if e.status != "cancelled"}
        for uid, link in links.items():
            if not link.remote_deleted and link.event_id not in listed and uid not in removed:
                log.info("calendar: %s is no longer in Google (full resync)", uid)
                removed.append(uid)
    report.removed_in_google = len(removed)
    report.changes = [c for c, _ in moved]

    applied: list[tuple[CalendarChange, RemoteEvent]] = []
    for change, event in moved:
        log.info(
            "calendar: %s moved in Google: %s → %s",
            change.uid,
            change.previous_start or change.previous_date,
            change.new_start or change.new_date,
        )
        if _hand_over(svc, change):
            applied.append((change, event))
        else:
            log.info(
                "calendar: no handler applied the change of %s; it stays in Google", change.uid
            )
    report.applied = len(applied)
    _save(svc, profile_id, target, changes, seen, removed, applied, links)
    if applied:
        svc.bus.publish(
            CalendarTimesChanged(profile_id=profile_id, uids=tuple(c.uid for c, _ in applied))
        )
    svc.bus.publish(CalendarSynced(profile_id=profile_id, pending=svc.pending_count(profile_id)))
    return report


def _load(
    svc: CalendarSyncService, profile_id: int, target: str
) -> tuple[str | None, dict[str, _Link], dict[str, _Pending]]:
    with svc.db.read() as s:
        state = s.scalar(
            select(CalendarSyncState).where(CalendarSyncState.profile_id == profile_id)
        )
        token = state.sync_token if state is not None and state.calendar_id == target else None
        links = {
            link.uid: _Link(
                uid=link.uid,
                event_id=link.event_id,
                remote_deleted=link.remote_deleted,
                entry=CalendarEntry.model_validate(link.payload),
            )
            for link in s.scalars(
                select(CalendarEventLink).where(
                    CalendarEventLink.profile_id == profile_id,
                    CalendarEventLink.calendar_id == target,
                )
            )
        }
        pending: dict[str, _Pending] = {}
        for row in s.scalars(select(CalendarOutbox).where(CalendarOutbox.profile_id == profile_id)):
            changed_at = row.updated_at
            stamp = (row.payload or {}).get("updated_at")
            if stamp:
                changed_at = datetime.fromisoformat(stamp).astimezone(UTC)
            pending[row.uid] = _Pending(row.operation, changed_at)
    return token, links, pending


def _ours(changes: EventChanges, links: dict[str, _Link], install: str) -> dict[str, RemoteEvent]:
    """The latest version of each linked event (latest ``updated`` wins).

    Live events must carry our ``careerdeskId`` and ``careerdeskInstall``; a deleted event is
    only a stub (id and status) in an incremental listing, so it is matched by event id.
    """
    by_event_id = {link.event_id: uid for uid, link in links.items()}
    latest: dict[str, RemoteEvent] = {}
    for event in changes.events:
        uid = by_event_id.get(event.event_id)
        if uid is None:
            continue  # not an event CareerDesk linked (or a copy of one)
        if event.status != "cancelled" and (
            event.uid != uid or event.private.get(INSTALL_PROPERTY) != install
        ):
            continue
        previous = latest.get(uid)
        if previous is None or (event.updated or _EPOCH) >= (previous.updated or _EPOCH):
            latest[uid] = event
    return latest


def _times_differ(entry: CalendarEntry, event: RemoteEvent) -> bool:
    if event.start_date != entry.all_day:
        return True  # another day, or switched between all-day and timed
    if entry.all_day is not None:
        return False
    return event.start != entry.start or event.end != entry.end


def _change(profile_id: int, entry: CalendarEntry, event: RemoteEvent) -> CalendarChange:
    return CalendarChange(
        uid=entry.uid,
        profile_id=profile_id,
        source_kind=entry.source_kind,
        source_id=entry.source_id,
        new_start=event.start if event.start_date is None else None,
        new_end=event.end if event.start_date is None else None,
        new_date=event.start_date,
        previous_start=entry.start,
        previous_end=entry.end,
        previous_date=entry.all_day,
        remote_updated=event.updated,
    )


def _hand_over(svc: CalendarSyncService, change: CalendarChange) -> bool:
    """Give ``change`` to every handler; True when at least one applied it."""
    applied = False
    for handler in svc.handlers:
        try:
            applied = bool(handler(change)) or applied
        except Exception:
            # One broken handler must not stop the sync or the other handlers.
            log.exception("calendar change handler %r failed for %s", handler, change.uid)
    return applied


def _moved_entry(entry: CalendarEntry, change: CalendarChange) -> CalendarEntry:
    return entry.with_times(change.new_start, change.new_end, change.new_date)


def _save(
    svc: CalendarSyncService,
    profile_id: int,
    target: str,
    changes: EventChanges,
    seen: dict[str, tuple[str | None, datetime | None]],
    removed: list[str],
    applied: list[tuple[CalendarChange, RemoteEvent]],
    links: dict[str, _Link],
) -> None:
    now = svc.clock.now()
    applied_by_uid = {c.uid: c for c, _ in applied}
    with svc.db.session() as s:
        state = sync_state(s, profile_id)
        state.calendar_id = target
        state.sync_token = changes.next_sync_token
        state.last_sync_at = state.last_attempt_at = now
        state.last_error = None
        state.last_error_at = None
        rows = {
            link.uid: link
            for link in s.scalars(
                select(CalendarEventLink).where(
                    CalendarEventLink.profile_id == profile_id,
                    CalendarEventLink.calendar_id == target,
                )
            )
        }
        for uid, (etag, updated) in seen.items():
            if uid in rows:
                rows[uid].etag, rows[uid].remote_updated = etag, updated
        for uid in removed:
            if uid in rows:
                rows[uid].remote_deleted = True
        for uid, change in applied_by_uid.items():
            link = rows.get(uid)
            if link is None:
                continue
            # What Google now shows is what CareerDesk "sent": no echo push of the same time.
            moved = _moved_entry(links[uid].entry, change)
            link.payload = moved.payload()
            link.pushed_hash = entry_hash(moved)
            _merge_pending(s, profile_id, uid, change, link.pushed_hash)


def _merge_pending(
    s: Session, profile_id: int, uid: str, change: CalendarChange, new_hash: str
) -> None:
    """An older queued upsert keeps its other edits but takes Google's newer times."""
    row = s.scalar(
        select(CalendarOutbox).where(
            CalendarOutbox.profile_id == profile_id, CalendarOutbox.uid == uid
        )
    )
    if row is None or row.operation != "upsert":
        return
    queued = CalendarEntry.model_validate(row.payload)
    merged = _moved_entry(queued, change)
    if entry_hash(merged) == new_hash:
        s.delete(row)  # nothing left to send
        return
    row.payload = merged.payload()
    row.revision += 1
