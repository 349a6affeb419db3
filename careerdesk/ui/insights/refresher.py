"""Keeps insights and career recommendations fresh while the app is open, off the GUI thread.

One :class:`InsightsRefresher` per :class:`UiContext` (``refresher_for(ctx)``), installed at
start-up by the Insights tab's ``install_actions`` so it listens even before the tab is
opened:

* a domain event that can change the numbers (``careerdesk.core.insights.service.
  TRIGGER_EVENTS``) schedules ``InsightsService.recompute(profile)`` on the runner's write
  lane. Bursts coalesce: while one recompute runs, further requests for that profile become
  a single follow-up run. ``computed`` fires with every result.
* career recommendations are checked at start, when the learner changes, when their
  interests / course change, and every 6 hours; only stale sets are regenerated (plan = read,
  generate = network on the parallel pool, store = write lane).

Nothing here polls for freshness: the 6-hour timer is the schedule for regenerating career
recommendations (docs/insights.md), not a check of whether insights changed.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from careerdesk.core.kernel.events import DomainEvent
from careerdesk.core.profiles.events import ProfileCreated, ProfileUpdated
from careerdesk.ui.shell.context import UiContext

log = logging.getLogger(__name__)

RECOMMENDATION_INTERVAL_MS = 6 * 60 * 60 * 1000
START_DELAY_MS = 2500
_PROFILE_FIELDS = {"interests", "field_of_study", "location"}


def _ready(ctx: UiContext) -> bool:
    """True once the context has its App (start-up opens the database in the background)."""
    return bool(getattr(ctx, "ready", True))


class InsightsRefresher(QObject):
    """Runs recomputes and recommendation refreshes for one UiContext."""

    computed = Signal(object)  # RecomputeResult
    failed = Signal(int, str)  # profile id, message
    busy_changed = Signal(bool)
    recommendations_changed = Signal(int)  # profile id
    recommendations_busy = Signal(int, bool)  # profile id, busy

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self._running: set[int] = set()
        self._again: set[int] = set()
        self._recs_running: set[int] = set()
        self._recs_again: dict[int, bool] = {}
        self.last: dict[int, Any] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(RECOMMENDATION_INTERVAL_MS)
        self._timer.timeout.connect(self._scheduled_recommendations)
        self._timer.start()
        ctx.events.domain_event.connect(self._on_event)
        ctx.profile_changed.connect(self._on_profile_changed)
        QTimer.singleShot(START_DELAY_MS, self._scheduled_recommendations)

    # -- insights --------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._running)

    def request(self, profile_id: int | None) -> None:
        """Recompute ``profile_id``'s insights in the background (coalescing bursts)."""
        if profile_id is None or not _ready(self.ctx):
            return
        if profile_id in self._running:
            self._again.add(profile_id)
            return
        from careerdesk.core.insights.service import InsightsService

        svc = self.ctx.service(InsightsService)
        self._running.add(profile_id)
        self.busy_changed.emit(True)
        self.ctx.runner.run(
            lambda _state: svc.recompute(profile_id),
            name="insights-recompute",
            write=True,
            on_success=lambda result: self._done(profile_id, result, None),
            on_error=lambda exc: self._done(profile_id, None, exc),
        )

    def _done(self, profile_id: int, result: Any, error: BaseException | None) -> None:
        self._running.discard(profile_id)
        if result is not None:
            self.last[profile_id] = result.document
            self.computed.emit(result)
        elif error is not None:
            from careerdesk.core.kernel.errors import NotFoundError

            if not isinstance(error, NotFoundError):  # a deleted profile is not a fault
                log.error("insights recompute failed", exc_info=error)
                self.failed.emit(profile_id, str(error) or type(error).__name__)
        if profile_id in self._again:
            self._again.discard(profile_id)
            self.request(profile_id)
        if not self._running:
            self.busy_changed.emit(False)

    def _on_event(self, event: DomainEvent) -> None:
        from careerdesk.core.insights.events import InterestsChanged
        from careerdesk.core.insights.service import is_trigger

        target = event.profile_id if event.profile_id is not None else self.ctx.profile_id
        if is_trigger(event):
            self.request(target)
        if isinstance(event, InterestsChanged | ProfileCreated) or (
            isinstance(event, ProfileUpdated) and _PROFILE_FIELDS & set(event.fields)
        ):
            self.refresh_recommendations(target)

    def _on_profile_changed(self, profile_id: int) -> None:
        if profile_id >= 0:
            # Not the Home's data (the Home shows the stored insights): after the first screen.
            self.ctx.after_first_screen(lambda: self._recompute_all(profile_id))

    def _recompute_all(self, profile_id: int) -> None:
        if profile_id == self.ctx.profile_id:  # still the learner in front
            self.request(profile_id)
            self.refresh_recommendations(profile_id)

    # -- recommendations -------------------------------------------------------------------
    def _scheduled_recommendations(self) -> None:
        if _ready(self.ctx):
            self.refresh_recommendations(self.ctx.profile_id)

    def refresh_recommendations(self, profile_id: int | None, *, force: bool = False) -> None:
        """Regenerate the recommendations in the background if stale (or ``force``)."""
        if profile_id is None or not _ready(self.ctx):
            return
        if profile_id in self._recs_running:
            self._recs_again[profile_id] = self._recs_again.get(profile_id, False) or force
            return
        from careerdesk.core.insights.career_service import CareerRecommendationService

        svc = self.ctx.service(CareerRecommendationService)
        self._recs_running.add(profile_id)
        self.recommendations_busy.emit(profile_id, True)

        def work(_state: Any) -> Any:
            # Plan (read) and generate (network) on the parallel pool: a slow Gemini answer
            # must not hold up the write lane.
            plan = svc.plan(profile_id, force=force)
            return (plan, svc.generate(plan)) if plan.needed else (plan, None)

        def planned(result: tuple[Any, Any]) -> None:
            plan, generated = result
            if generated is None:
                self._recs_done(profile_id, changed=False)
                return
            self.ctx.runner.run(
                lambda _s: svc.store(plan, generated),
                name="recommendations-store",
                write=True,
                on_success=lambda _o: self._recs_done(profile_id, changed=True),
                on_error=lambda exc: self._recs_failed(profile_id, exc),
            )

        self.ctx.runner.run(
            work,
            name="recommendations-refresh",
            on_success=planned,
            on_error=lambda exc: self._recs_failed(profile_id, exc),
        )

    def _recs_failed(self, profile_id: int, error: BaseException) -> None:
        from careerdesk.core.kernel.errors import NotFoundError

        if not isinstance(error, NotFoundError):
            log.error("recommendation refresh failed", exc_info=error)
        self._recs_done(profile_id, changed=False)

    def _recs_done(self, profile_id: int, *, changed: bool) -> None:
        self._recs_running.discard(profile_id)
        self.recommendations_busy.emit(profile_id, False)
        if changed:
            self.recommendations_changed.emit(profile_id)
        if profile_id in self._recs_again:
            force = self._recs_again.pop(profile_id)
            self.refresh_recommendations(profile_id, force=force)


def refresher_for(ctx: UiContext) -> InsightsRefresher:
    """The context's refresher, created on first use."""
    return ctx.shared(InsightsRefresher, lambda: InsightsRefresher(ctx))
