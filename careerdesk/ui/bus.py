"""Re-emit core domain events as a Qt signal, delivered on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from careerdesk.core.events import DomainEvent, EventBus


class QtEventBridge(QObject):
    """``event`` fires (queued, on the GUI thread) for every domain event published.

    Widgets connect a method of theirs: because the receiver lives on the GUI thread, Qt
    queues events published from worker threads instead of calling across threads.
    """

    event = Signal(object)

    def __init__(self, bus: EventBus) -> None:
        super().__init__()
        self._unsubscribe = bus.subscribe(DomainEvent, self.event.emit)

    def close(self) -> None:
        self._unsubscribe()
