"""Removing the duplicate events earlier versions of CareerDesk could leave in Google.

Before inserts carried a client-chosen id (``push.py``), an insert repeated after a lost answer
created a second event for the same item. Such copies carry the item's CareerDesk id and this
install's id like the real one, but not its stable id. The first full sync after the upgrade
(``CalendarSync.sync``) looks up every item linked to an event of an earlier version (a link
whose event id is not the stable id) by its CareerDesk id and keeps one event per item: the
one under the stable id if there is one, else the linked one, else the oldest; the others are
deleted and the link follows the kept event. Then a per-profile mark in ``app_meta`` records
that it is done: items inserted under their stable id cannot be duplicated (an insert with a
taken id answers 409), and unlinked items are looked up by the push itself. So later syncs
cost no extra request. See docs/calendar.md.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from careerdesk.core.calendar.models import (
    IDENTITY_PROPERTY,
    INSTALL_PROPERTY,
    EventOp,
    RemoteEvent,
    stable_event_id,
)
from careerdesk.core.storage.tables.calendar import CalendarEventLink
from careerdesk.core.storage.tables.profiles import AppMeta

if TYPE_CHECKING:
    from careerdesk.core.calendar.service import CalendarSyncService
    from careerdesk.core.kernel.ports import CalendarProvider

log = logging.getLogger(__name__)

GONE_KINDS = ("not_found", "gone")
DONE_KEY = "calendar_legacy_duplicates_checked:{profile_id}"
_OLDEST = datetime.min.replace(tzinfo=UTC)


def keeper(events: list[RemoteEvent], stable_id: str, linked_id: str | None) -> RemoteEvent:
    """The copy of one item to keep: under the stable id, else the linked one, else the oldest."""
    return min(
        events,
        key=lambda e: (
            e.event_id != stable_id,
            e.event_id != linked_id,
            e.updated or _OLDEST,
            e.event_id,
        ),
    )


def run_sweep(svc: CalendarSyncService, profile_id: int, provider: CalendarProvider) -> int:
    """Delete extra copies of the profile's linked events; returns how many were removed.

    Raises the provider's ``CalendarError`` when the exchange as a whole fails (nothing is
    changed locally then); a refused lookup or delete of one item is logged and skipped.
    """
    target = svc.calendar_id()
    install = svc.install_id()
    done_key = DONE_KEY.format(profile_id=profile_id)
    with svc.db.read() as s:
        if s.get(AppMeta, done_key) is not None:
            return 0
        links = {
            link.uid: link.event_id
            for link in s.scalars(
                select(CalendarEventLink).where(
                    CalendarEventLink.profile_id == profile_id,
                    CalendarEventLink.calendar_id == target,
                    CalendarEventLink.remote_deleted.is_(False),
                )
            )
            if link.event_id != stable_event_id(install, link.uid)
        }
    if not links:
        _mark_done(svc, done_key)
        return 0
    finds = [
        EventOp(
            key=f"find{n}",
            action="find",
            calendar_id=target,
            match={IDENTITY_PROPERTY: uid, INSTALL_PROPERTY: install},
        )
        for n, uid in enumerate(sorted(links))
    ]
    doomed: list[EventOp] = []
    relink: dict[str, RemoteEvent] = {}
    for op, result in zip(finds, provider.execute(finds), strict=True):
        uid = op.match[IDENTITY_PROPERTY]
        if result.error is not None:
            log.warning("calendar: could not look for copies of %s: %s", uid, result.error)
            continue
        found = [e for e in result.found if e.status != "cancelled"]
        if len(found) < 2:
            continue
        kept = keeper(found, stable_event_id(install, uid), links[uid])
        for e in found:
            if e.event_id != kept.event_id:
                # Short keys: the batch's Content-ID header must not be folded.
                doomed.append(
                    EventOp(
                        key=f"del{len(doomed)}",
                        action="delete",
                        calendar_id=target,
                        event_id=e.event_id,
                    )
                )
        if kept.event_id != links[uid]:
            relink[uid] = kept
    removed = 0
    if doomed:
        for result in provider.execute(doomed):
            if result.error is None or result.error.kind in GONE_KINDS:
                removed += 1
            else:
                log.warning("calendar: could not remove a duplicate event: %s", result.error)
    if relink:
        _relink(svc, profile_id, relink)
    _mark_done(svc, done_key)
    if removed:
        log.info("calendar: removed %d duplicate event(s) left by an earlier version", removed)
    return removed


def _mark_done(svc: CalendarSyncService, key: str) -> None:
    with svc.db.session() as s:
        if s.get(AppMeta, key) is None:
            s.add(AppMeta(key=key, value=svc.clock.now().isoformat()))


def _relink(svc: CalendarSyncService, profile_id: int, kept: dict[str, RemoteEvent]) -> None:
    """Point the links at the copies kept (their content is patched on the next change)."""
    with svc.db.session() as s:
        for link in s.scalars(
            select(CalendarEventLink).where(
                CalendarEventLink.profile_id == profile_id,
                CalendarEventLink.uid.in_(list(kept)),
            )
        ):
            event = kept[link.uid]
            link.event_id = event.event_id
            link.etag = event.etag
            link.remote_updated = event.updated
