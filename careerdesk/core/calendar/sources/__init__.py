"""Calendar plug-ins: one module per feature that has calendar entries.

Each module defines ``register(service, app) -> None`` and calls
``service.register_source(...)`` (a :class:`~careerdesk.core.calendar.models.CalendarSource`)
and, when it can apply times moved in Google, ``service.on_change(...)``. They are found
automatically when the :class:`~careerdesk.core.calendar.service.CalendarSyncService` is
built, so the pipeline plugs in without editing the calendar code. See docs/calendar.md.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from careerdesk.core.kernel.plugins import CALENDAR_SOURCES, discover

if TYPE_CHECKING:
    from careerdesk.core.calendar.service import CalendarSyncService
    from careerdesk.core.kernel.ports import AppServices

log = logging.getLogger(__name__)


def register_all(service: CalendarSyncService, app: AppServices) -> list[str]:
    """Call ``register(service, app)`` of every module here; returns the module names."""
    names: list[str] = []
    for plugin in discover(CALENDAR_SOURCES):
        plugin.value(service, app)
        names.append(plugin.name.rsplit(".", 1)[-1])
    return names
