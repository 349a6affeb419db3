"""Re-emit core domain events as a Qt signal, delivered on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from careerdesk.core.kernel.events import DomainEvent, EventBus


class QtEventBridge(QObject):
    """``domain_event`` fires (queued, on the GUI thread) for every domain event published.

    Widgets connect a method of theirs: because the receiver lives on the GUI thread, Qt
    queues events published from worker threads instead of calling across threads.
    """

    domain_event = Signal(object)

    def __init__(self, bus: EventBus | None = None) -> None:
        super().__init__()
        self._unsubscribe: Callable[[], None] | None = None
        if bus is not None:
            self.connect_bus(bus)

    def connect_bus(self, bus: EventBus) -> None:
        self.close()
        self._unsubscribe = bus.subscribe(DomainEvent, self.domain_event.emit)

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
