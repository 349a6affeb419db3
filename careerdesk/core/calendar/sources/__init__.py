"""Calendar plug-ins: one module per feature that has calendar entries.

Each module defines ``register(service, app) -> None`` and calls
``service.register_source(...)`` (a :class:`~careerdesk.core.calendar.models.CalendarSource`)
and, when it can apply times moved in Google, ``service.on_change(...)``. They are found
automatically when the :class:`~careerdesk.core.calendar.service.CalendarSyncService` is
built, so the pipeline plugs in without editing the calendar code. See docs/calendar.md.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from careerdesk.core.calendar.service import CalendarSyncService

log = logging.getLogger(__name__)


def register_all(service: CalendarSyncService, app: Any) -> list[str]:
    """Call ``register(service, app)`` of every module here; returns the module names."""
    names: list[str] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if callable(register):
            register(service, app)
            names.append(info.name)
        else:
            log.warning("calendar plug-in %s has no register(service, app)", info.name)
    return names
