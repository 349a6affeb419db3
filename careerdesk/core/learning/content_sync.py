"""Copy the shipped learning content into ``content_items`` so progress can point at it.

Shipped items are rows with ``profile_id`` NULL and ``catalog_key`` = the catalogue id. The
sync is idempotent (matched by ``catalog_key``; changed fields are updated, nothing is
deleted because progress rows reference the items) and cheap: a fingerprint of the shipped
content is kept in ``app_meta``, so once a database is in step a check costs one row read,
and once per process per database not even that.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import threading
import weakref

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from careerdesk.core.reference.catalog import Catalog, ContentSpec, load_catalog
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.content import ContentItem
from careerdesk.core.storage.tables.profiles import AppMeta

log = logging.getLogger(__name__)

FINGERPRINT_KEY = "catalog_content_fingerprint"

_synced: weakref.WeakKeyDictionary[Database, str] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


class SyncReport(BaseModel):
    added: int = 0
    updated: int = 0
    skipped: bool = False  # already in step: nothing was read beyond the fingerprint


@functools.lru_cache(maxsize=4)
def catalog_fingerprint(catalog: Catalog) -> str:
    """sha256 over the shipped content items (order-independent)."""
    payload = json.dumps(
        sorted((c.model_dump(mode="json") for c in catalog.content), key=lambda d: d["id"]),
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _fields(spec: ContentSpec) -> dict[str, object]:
    return {
        "kind": spec.kind,
        "title": spec.title,
        "url": spec.url,
        "provider": spec.provider,
        "description": spec.description,
        "skills": list(spec.skills),
        "level": spec.level,
        "est_hours": float(spec.est_hours),
    }


def sync_catalog_content(db: Database, catalog: Catalog | None = None) -> SyncReport:
    """Bring the shipped content rows in step with the catalogue (see the module docstring)."""
    catalog = catalog or load_catalog()
    fingerprint = catalog_fingerprint(catalog)
    with db.read() as s:
        meta = s.get(AppMeta, FINGERPRINT_KEY)
        if meta is not None and meta.value == fingerprint:
            return SyncReport(skipped=True)
    report = SyncReport()
    try:
        with db.session() as s:
            meta = s.get(AppMeta, FINGERPRINT_KEY)
            if meta is not None and meta.value == fingerprint:  # another writer just did it
                return SyncReport(skipped=True)
            rows = {
                r.catalog_key: r
                for r in s.scalars(select(ContentItem).where(ContentItem.catalog_key.is_not(None)))
            }
            for spec in catalog.content:
                fields = _fields(spec)
                row = rows.get(spec.id)
                if row is None:
                    s.add(ContentItem(profile_id=None, catalog_key=spec.id, **fields))
                    report.added += 1
                elif any(getattr(row, k) != v for k, v in fields.items()):
                    for k, v in fields.items():
                        setattr(row, k, v)
                    report.updated += 1
            if meta is None:
                s.add(AppMeta(key=FINGERPRINT_KEY, value=fingerprint))
            else:
                meta.value = fingerprint
    except IntegrityError:
        # A second process (another kiosk on a shared database) inserted the same keys at
        # the same moment; its sync did the work.
        log.info("catalogue content was synced concurrently by another process")
        return SyncReport(skipped=True)
    if report.added or report.updated:
        log.info("catalogue content synced: %d added, %d updated", report.added, report.updated)
    return report


def ensure_catalog_content(db: Database, catalog: Catalog | None = None) -> None:
    """Sync once per process and database; later calls return at once."""
    catalog = catalog or load_catalog()
    fingerprint = catalog_fingerprint(catalog)
    with _lock:
        if _synced.get(db) == fingerprint:
            return
        sync_catalog_content(db, catalog)
        _synced[db] = fingerprint


def catalog_content_ids(db: Database) -> dict[str, int]:
    """catalog_key → content_items.id for the shipped items (after syncing them)."""
    ensure_catalog_content(db)
    with db.read() as s:
        rows = s.execute(
            select(ContentItem.catalog_key, ContentItem.id).where(
                ContentItem.catalog_key.is_not(None)
            )
        ).all()
        return {key: item_id for key, item_id in rows if key is not None}
