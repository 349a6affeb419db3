"""Pushing the outbox: idempotent, batched, bounded retries, nothing lost on failure.

Every queued change goes through a small state machine:

- **upsert**: a known event (link in the target calendar) is patched; otherwise the calendar is
  searched for an event whose private properties carry the item's CareerDesk id (and this
  install's id), which is patched if found and inserted if not. So a crash after Google
  created the event but before the outbox was updated creates no duplicate on the next push.
  A 404/410 on patch means the event was removed in Google: it is created again. Extra events
  with the same CareerDesk id (duplicates) are deleted.
- **inserts are idempotent**: every insert names its event with the item's stable id
  (:func:`~careerdesk.core.calendar.models.stable_event_id`), so an insert repeated after a
  lost answer (a 5xx or a timeout after Google applied it) gets 409 "duplicate" instead of
  creating a second event. A 409 counts as success: the event is fetched (``get``); one
  deleted earlier (status ``cancelled``) is restored by a patch that sets it confirmed again.
- **delete**: the linked event is deleted (or the events found by CareerDesk id); 404/410
  mean it is already gone.

All requests of a round go to ``provider.execute`` together, which sends them as batch
requests. Rate limits and 5xx are retried with backoff a bounded number of times; items that
still fail stay in the outbox with their error and a time for the next attempt. Timeouts,
network errors and rejected sign-ins stop the push at once; the outbox keeps everything that
was not confirmed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from sqlalchemy import or_, select

from careerdesk.core.calendar import outbox
from careerdesk.core.calendar.errors import CalendarAuthError, CalendarError
from careerdesk.core.calendar.events import CalendarSynced
from careerdesk.core.calendar.models import (
    IDENTITY_PROPERTY,
    INSTALL_PROPERTY,
    KIND_PROPERTY,
    CalendarEntry,
    EventAction,
    EventOp,
    EventOpResult,
    PushReport,
    RemoteEvent,
    entry_hash,
    stable_event_id,
)
from careerdesk.core.storage.tables.calendar import CalendarEventLink, CalendarOutbox

if TYPE_CHECKING:
    from careerdesk.core.calendar.service import CalendarSyncService, ProgressState
    from careerdesk.core.kernel.ports import CalendarProvider

log = logging.getLogger(__name__)

# Each item needs at most find → patch → insert (+ a retry budget); this bounds the loop.
MAX_ROUNDS = 12
GONE_KINDS = ("not_found", "gone")


_Stage = Literal["start", "find", "patch", "insert", "fetch", "delete", "done"]
DUPLICATE = 409


@dataclass
class _Work:
    """One outbox row on its way to the calendar."""

    row_id: int
    revision: int
    uid: str
    operation: str
    attempts: int
    entry: CalendarEntry | None
    link_calendar: str | None
    link_event: str | None
    link_remote_deleted: bool
    stable_id: str = ""
    stage: _Stage = "start"
    event_id: str | None = None
    to_delete: list[tuple[str, str]] = field(default_factory=list)
    # Extra events to remove along the way: ("duplicate" | "moved", calendar id, event id).
    cleanup: list[tuple[str, str, str]] = field(default_factory=list)
    sent: dict[str, tuple[str, ...]] = field(default_factory=dict)  # op key -> purpose
    result: RemoteEvent | None = None
    outcome: str = ""
    recreated: bool = False
    restoring: bool = False  # patching a deleted event under the stable id back to life
    duplicates_removed: int = 0
    error: CalendarError | None = None
    waiting: CalendarError | None = None  # a retryable refusal in this round
    finished: bool = False
    recorded: bool = False


def run_push(
    svc: CalendarSyncService,
    profile_id: int,
    provider: CalendarProvider,
    state: ProgressState | None,
    *,
    force: bool,
) -> PushReport:
    """Send the profile's due outbox rows; see the module docstring for the rules."""
    target = svc.calendar_id()
    identity = {INSTALL_PROPERTY: svc.install_id()}
    works = _load(svc, profile_id, force, identity[INSTALL_PROPERTY])
    report = PushReport()
    if not works:
        report.remaining = svc.pending_count(profile_id)
        return report
    total = len(works)
    retries = 0
    for round_no in range(MAX_ROUNDS):
        active = [w for w in works if not w.finished]
        if not active:
            break
        if state is not None:
            state.check()
        ops: list[EventOp] = []
        for w in active:
            w.waiting = None
            ops.extend(_ops_for(w, target, identity, round_no))
        results: list[EventOpResult] = []
        if ops:
            try:
                results = provider.execute(ops)
            except CalendarError as exc:
                _stop(svc, profile_id, works, exc)
                raise
        report.requests += len(ops)
        by_key = {r.key: r for r in results}
        auth_error = None
        for w in active:
            auth_error = _absorb(w, by_key, target) or auth_error
        _record_done(svc, profile_id, [w for w in works if w.finished and not w.recorded], target)
        if auth_error is not None:
            _stop(svc, profile_id, works, auth_error)
            raise auth_error
        if state is not None:
            done = sum(1 for w in works if w.finished)
            state.progress(0.3 + 0.7 * done / total, f"Sent {done} of {total} changes")
        waiting = [w for w in works if not w.finished and w.waiting is not None]
        if waiting:
            retries += 1
            if retries >= svc.retry.attempts:
                for w in waiting:
                    w.error, w.finished = w.waiting, True
                break
            delay = svc.retry.delay(retries)
            log.info("calendar: %d change(s) refused for now; retry in %.1f s", len(waiting), delay)
            svc.sleep(delay)
    for w in works:
        if not w.finished:  # MAX_ROUNDS ran out (cannot happen with a well-behaved provider)
            w.error = CalendarError("Google Calendar did not finish the update; try again.")
            w.finished = True
    failed = [w for w in works if w.error is not None]
    _record_failures(svc, failed)
    for w in works:
        report.duplicates_removed += w.duplicates_removed
        if w.error is None:
            setattr(report, w.outcome, getattr(report, w.outcome) + 1)
    report.failed = len(failed)
    report.remaining = svc.pending_count(profile_id)
    error = failed[-1].error.message if failed and failed[-1].error else None
    report.last_error = error
    svc.record_outcome(profile_id, error, synced=not failed)
    _publish(svc, profile_id, error or "")
    return report


def _stop(
    svc: CalendarSyncService, profile_id: int, works: list[_Work], error: CalendarError
) -> None:
    """A failure of the whole exchange: keep every unconfirmed item queued, with the error."""
    log.warning("calendar push stopped: %s", error.message)
    _record_failures(svc, [w for w in works if not w.recorded], error)
    svc.record_outcome(profile_id, error.message, synced=False)
    _publish(svc, profile_id, error.message)


def _load(svc: CalendarSyncService, profile_id: int, force: bool, install_id: str) -> list[_Work]:
    now = svc.clock.now()
    with svc.db.read() as s:
        query = select(CalendarOutbox).where(CalendarOutbox.profile_id == profile_id)
        if not force:
            query = query.where(
                or_(CalendarOutbox.next_attempt_at.is_(None), CalendarOutbox.next_attempt_at <= now)
            )
        rows = s.scalars(query.order_by(CalendarOutbox.id)).all()
        links = {
            link.uid: link
            for link in s.scalars(
                select(CalendarEventLink).where(
                    CalendarEventLink.profile_id == profile_id,
                    CalendarEventLink.uid.in_([r.uid for r in rows]),
                )
            )
        }
        works = []
        for row in rows:
            link = links.get(row.uid)
            entry = CalendarEntry.model_validate(row.payload) if row.operation == "upsert" else None
            works.append(
                _Work(
                    row_id=row.id,
                    revision=row.revision,
                    uid=row.uid,
                    operation=row.operation,
                    attempts=row.attempts,
                    entry=entry,
                    link_calendar=link.calendar_id if link else None,
                    link_event=link.event_id if link else None,
                    link_remote_deleted=bool(link and link.remote_deleted),
                    stable_id=stable_event_id(install_id, row.uid),
                )
            )
        return works


def _start(w: _Work, target: str) -> None:
    """Choose the first step of ``w`` from what is known locally."""
    usable_link = w.link_event is not None and not w.link_remote_deleted
    if w.operation == "upsert":
        if usable_link and w.link_calendar == target:
            w.stage, w.event_id = "patch", w.link_event
            return
        if usable_link:  # the calendar was changed in Settings: remove the old copy
            w.cleanup.append(("moved", w.link_calendar or target, w.link_event or ""))
        w.stage = "find"
    elif usable_link:
        w.stage, w.to_delete = "delete", [(w.link_calendar or target, w.link_event or "")]
    elif w.link_event is not None:
        w.stage, w.finished, w.outcome = "done", True, "deleted"  # deleted in Google already
    else:
        w.stage = "find"


def _ops_for(w: _Work, target: str, identity: dict[str, str], round_no: int) -> list[EventOp]:
    """The requests ``w`` needs next; each key names its item, round and purpose."""
    if w.stage == "start":
        _start(w, target)
    w.sent = {}
    base = f"{w.row_id}:{round_no}"
    match = {IDENTITY_PROPERTY: w.uid, **identity}
    ops: list[EventOp] = []

    def add(
        purpose: tuple[str, ...],
        *,
        action: EventAction,
        calendar_id: str,
        event_id: str | None = None,
        entry: CalendarEntry | None = None,
        private: dict[str, str] | None = None,
        match: dict[str, str] | None = None,
    ) -> None:
        key = f"{base}:{len(w.sent)}"
        w.sent[key] = purpose
        ops.append(
            EventOp(
                key=key,
                action=action,
                calendar_id=calendar_id,
                event_id=event_id,
                entry=entry,
                private=private or {},
                match=match or {},
            )
        )

    if w.stage == "find":
        add(("find",), action="find", calendar_id=target, match=match)
    elif w.stage == "fetch":
        add(("fetch",), action="get", calendar_id=target, event_id=w.stable_id)
    elif w.stage in ("patch", "insert"):
        assert w.entry is not None
        private = {**match, KIND_PROPERTY: w.entry.source_kind}
        add(
            (w.stage,),
            action=w.stage,
            calendar_id=target,
            event_id=w.event_id if w.stage == "patch" else w.stable_id,
            entry=w.entry,
            private=private,
        )
        for kind, calendar_id, event_id in w.cleanup:
            add(("cleanup", kind), action="delete", calendar_id=calendar_id, event_id=event_id)
        w.cleanup = []  # tried once; a duplicate left behind is found and removed next time
    elif w.stage == "delete":
        for calendar_id, event_id in w.to_delete:
            add(
                ("delete", calendar_id, event_id),
                action="delete",
                calendar_id=calendar_id,
                event_id=event_id,
            )
    return ops


def _absorb(w: _Work, results: dict[str, EventOpResult], target: str) -> CalendarAuthError | None:
    """Move ``w`` on according to its results; returns a sign-in error that stops the push."""
    mine = [(purpose, results.get(key)) for key, purpose in w.sent.items()]
    w.sent = {}
    if not mine:
        return None
    for _purpose, result in mine:
        if result is None:
            raise RuntimeError(f"calendar provider gave no result for a request of {w.uid}")
        if isinstance(result.error, CalendarAuthError):
            return result.error
    main: list[tuple[tuple[str, ...], EventOpResult]] = []
    for purpose, result in mine:
        assert result is not None
        if purpose[0] != "cleanup":
            main.append((purpose, result))
        elif result.error is None or result.error.kind in GONE_KINDS:
            w.duplicates_removed += int(purpose[1] == "duplicate")
        else:
            log.warning("calendar: could not remove an extra copy of %s: %s", w.uid, result.error)
    if w.stage == "find":
        result = main[0][1]
        if result.error is not None:
            _refused(w, result.error)
            return None
        # The event under the stable id is kept first, then the oldest (see _keeper_order).
        found = sorted(
            (e for e in result.found if e.status != "cancelled"),
            key=lambda e: _keeper_order(e, w.stable_id),
        )
        if w.operation == "upsert":
            if found:
                w.stage, w.event_id = "patch", found[0].event_id
                w.cleanup = [("duplicate", target, e.event_id) for e in found[1:]]
            else:
                w.stage = "insert"
        elif found:
            w.stage, w.to_delete = "delete", [(target, e.event_id) for e in found]
        else:
            w.stage, w.finished, w.outcome = "done", True, "deleted"
        return None
    if w.stage == "fetch":
        result = main[0][1]
        if result.error is not None:
            if result.error.kind in GONE_KINDS:  # gone for good since the 409: create it anew
                w.stage = "insert"
            else:
                _refused(w, result.error)
            return None
        event = result.event
        assert event is not None
        if event.status == "cancelled" or event.uid != w.uid:
            # Deleted earlier (in Google, or by CareerDesk before the item came back): the id
            # stays taken, so the event is restored by patching it confirmed again.
            w.stage, w.event_id, w.restoring = "patch", w.stable_id, True
        else:  # our insert went through; only its answer was lost
            w.result, w.finished, w.stage = event, True, "done"
            w.outcome = "recreated" if w.recreated else "created"
        return None
    if w.stage in ("patch", "insert"):
        purpose, result = main[0]
        if result.error is None:
            w.result, w.finished, w.stage = result.event, True, "done"
            if purpose[0] == "patch" and not w.restoring:
                w.outcome = "updated"
            else:
                w.outcome = "recreated" if w.recreated else "created"
        elif w.stage == "patch" and result.error.kind in GONE_KINDS:
            log.info("calendar: the event of %s is gone in Google; creating it again", w.uid)
            w.stage, w.recreated = "insert", True
        elif w.stage == "insert" and result.error.status == DUPLICATE:
            # The id is taken: an earlier insert of ours went through (its answer was lost).
            log.info("calendar: %s already exists in Google (409); fetching it", w.uid)
            w.stage = "fetch"
        else:
            _refused(w, result.error)
        return None
    if w.stage == "delete":
        still: list[tuple[str, str]] = []
        refusal = None
        for purpose, result in main:
            if result.error is None or result.error.kind in GONE_KINDS:
                continue
            still.append((purpose[1], purpose[2]))
            refusal = result.error
        w.to_delete = still
        if not still:
            w.finished, w.outcome, w.stage = True, "deleted", "done"
        elif refusal is not None:
            _refused(w, refusal)
    return None


def _keeper_order(event: RemoteEvent, stable_id: str) -> tuple[bool, bool, object, str]:
    """Which copy of an item to keep: the one under the stable id, else the oldest."""
    return (event.event_id != stable_id, event.updated is None, event.updated, event.event_id)


def _refused(w: _Work, error: CalendarError) -> None:
    """A refusal of one request: retry later in this push, or give up on this item."""
    if error.retryable:
        w.waiting = error
    else:
        w.error, w.finished = error, True
    return None


def _record_done(
    svc: CalendarSyncService, profile_id: int, works: list[_Work], target: str
) -> None:
    """Confirm finished items: update links, remove their outbox rows (same revision only)."""
    ok = [w for w in works if w.error is None]
    if not ok:
        return
    now = svc.clock.now()
    with svc.db.session() as s:
        for w in ok:
            link = outbox.link_of(s, profile_id, w.uid)
            if w.operation == "upsert":
                assert w.entry is not None and w.result is not None
                if link is None:
                    link = CalendarEventLink(profile_id=profile_id, uid=w.uid)
                    s.add(link)
                link.calendar_id = target
                link.event_id = w.result.event_id
                link.etag = w.result.etag
                link.pushed_hash = entry_hash(w.entry)
                link.payload = w.entry.payload()
                link.remote_updated = w.result.updated
                link.remote_deleted = False
                link.updated_at = now
            elif link is not None:
                s.delete(link)
            row = s.get(CalendarOutbox, w.row_id)
            if row is not None and row.revision == w.revision:
                s.delete(row)
    for w in ok:
        w.recorded = True


def _record_failures(
    svc: CalendarSyncService, works: list[_Work], fallback: CalendarError | None = None
) -> None:
    """Keep failed items queued with their error (or ``fallback``) and a retry time."""
    if not works:
        return
    now = svc.clock.now()
    with svc.db.session() as s:
        for w in works:
            error = w.error or fallback
            message = error.message if error is not None else "unknown error"
            outbox.mark_failed(s, w.row_id, w.revision, message, now, svc.retry.outbox_delay)
            w.recorded = True


def _publish(svc: CalendarSyncService, profile_id: int, error: str) -> None:
    svc.bus.publish(
        CalendarSynced(profile_id=profile_id, pending=svc.pending_count(profile_id), error=error)
    )
