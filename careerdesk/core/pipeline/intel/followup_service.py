"""Follow-up sequences: started and cancelled by pipeline changes, listed when due, composed.

* **Start.** Moving to *Applied* (or creating an application as Applied) starts the
  post-application sequence; an interview marked completed/passed/failed starts the
  thank-you and the no-response nudges; *Offer received* starts the offer follow-up.
  Starting is idempotent per trigger.
* **Cancel.** A later state change, or a reply logged with :meth:`record_reply`, is a
  response: every pending step of that application scheduled before it is cancelled (with
  the reason). Reverting a move cancels what that move started.
* **Due.** A pending step is due when its due time (or its snooze) has passed and it is the
  next step of its sequence: step 2 waits until step 1 is sent or skipped.
* **Timing.** Fixed calendar days by default; business days or back-off per profile (the
  template) or per application (:meth:`set_strategy`, which re-plans the pending steps).

The composition root subscribes :meth:`FollowUpService.on_application_changed` to the bus when
the app starts (``careerdesk.wiring.start_services``, in the GUI and the CLI alike);
:meth:`sync` replays the same rules for changes made while no app was running, so nothing
depends on which face made the change. Templates: ``followup_templates``; the data handed
out: ``followup_models``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import as_utc
from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.pipeline.events import (
    ApplicationChanged,
    ApplicationStateChanged,
    FollowUpsChanged,
    InterviewChanged,
)
from careerdesk.core.pipeline.intel import followup_rules as rules
from careerdesk.core.pipeline.intel.followup_compose import compose
from careerdesk.core.pipeline.intel.followup_models import Composed, FollowUpItem
from careerdesk.core.pipeline.intel.followup_templates import FollowUpTemplates
from careerdesk.core.storage.tables.intel import FollowUp, FollowUpChoice, FollowUpTemplate
from careerdesk.core.storage.tables.pipeline import (
    Application,
    Interview,
)

DONE_OUTCOMES = ("completed", "passed", "failed")
CATCH_UP_DAYS = 7


class FollowUpService(FollowUpTemplates):
    """Templates, sequences and the due list of follow-ups.

    Pipeline changes start and cancel sequences through :meth:`on_application_changed`; the
    composition root subscribes it when the app starts (``careerdesk/wiring.py``).
    """

    # -- starting and cancelling -----------------------------------------------------------
    def _start(
        self,
        s: Session,
        app: Application,
        scenario: str,
        trigger: str,
        anchor: datetime,
        not_before: datetime | None = None,
    ) -> int:
        exists = s.scalar(
            select(FollowUp.id)
            .where(FollowUp.application_id == app.id, FollowUp.trigger == trigger)
            .where(FollowUp.scenario == scenario)
            .limit(1)
        )
        if exists is not None:
            return 0
        template = self._ensure_templates(s, app.profile_id).get(scenario)
        if template is None or not template.enabled:
            return 0
        offsets = [int(o) for o in template.offsets]
        choice = s.scalar(
            select(FollowUpChoice.strategy).where(FollowUpChoice.application_id == app.id)
        )
        dues = rules.schedule(anchor, offsets, rules.strategy_for(template.strategy, choice))
        for step, due in enumerate(dues):
            if not_before is not None and due < not_before:
                continue  # catching up: a step long past is not worth sending any more
            s.add(
                FollowUp(
                    profile_id=app.profile_id,
                    application_id=app.id,
                    template_id=template.id,
                    scenario=scenario,
                    trigger=trigger,
                    step=step,
                    due_at=due,
                    created_at=self.clock.now(),
                    anchor_at=anchor,
                )
            )
        return len(dues)

    def _cancel(
        self, s: Session, app_id: int, reason: str, *, before: datetime, trigger: str | None = None
    ) -> int:
        q = select(FollowUp).where(FollowUp.application_id == app_id, FollowUp.status == "pending")
        q = q.where(FollowUp.created_at <= before)
        if trigger is not None:
            q = q.where(FollowUp.trigger == trigger)
        n = 0
        for f in s.scalars(q):
            f.status, f.cancelled_at, f.cancel_reason = "cancelled", self.clock.now(), reason
            n += 1
        return n

    def on_application_changed(self, event: ApplicationChanged) -> None:
        """Start or cancel follow-ups after a pipeline change (runs after its commit)."""
        try:
            changed = self.handle(event)
        except NotFoundError:
            return  # the application was deleted meanwhile
        if changed and event.profile_id is not None:
            self.bus.publish(FollowUpsChanged(profile_id=event.profile_id))

    def handle(self, event: ApplicationChanged) -> bool:
        """Apply the start/cancel rules to one pipeline event; True when anything changed."""
        if event.change == "deleted":
            return False
        with self.db.session() as s:
            app = s.get(Application, event.application_id)
            if app is None:
                raise NotFoundError("application gone")
            n = 0
            now = self.clock.now()
            if isinstance(event, ApplicationStateChanged):
                label = event.to_state.replace("_", " ").lower()
                if event.change == "state_reverted":
                    n += self._cancel(
                        s,
                        app.id,
                        "move undone",
                        before=event.at,
                        trigger=f"state:{event.from_state}",
                    )
                else:
                    n += self._cancel(s, app.id, f"response: moved to {label}", before=now)
                    # The move's own time (backdated moves keep their date).
                    n += self._start_for_state(s, app, event.to_state, app.state_changed_at)
            elif event.change == "created":
                n += self._start_for_state(s, app, app.state, app.created_at)
            elif isinstance(event, InterviewChanged) and event.action in ("added", "updated"):
                iv = s.get(Interview, event.interview_id)
                if iv is not None and iv.outcome in DONE_OUTCOMES:
                    n += self._start_for_interview(s, app, iv)
            return n > 0

    def _start_for_state(
        self,
        s: Session,
        app: Application,
        state: str,
        at: datetime,
        not_before: datetime | None = None,
    ) -> int:
        if state == "APPLIED":
            return self._start(s, app, "post_application", "state:APPLIED", at, not_before)
        if state == "OFFER_RECEIVED":
            return self._start(s, app, "offer", "state:OFFER_RECEIVED", at, not_before)
        return 0

    def _start_for_interview(
        self, s: Session, app: Application, iv: Interview, not_before: datetime | None = None
    ) -> int:
        end = iv.starts_at + timedelta(minutes=iv.duration_min)
        anchor = min(max(end, iv.updated_at or end), self.clock.now())
        trigger = f"interview:{iv.id}"
        return self._start(s, app, "thank_you", trigger, anchor, not_before) + self._start(
            s, app, "no_response", trigger, anchor, not_before
        )

    def sync(self, profile_id: int) -> int:
        """Start sequences that are missing for the current pipeline (changes made elsewhere).

        Only states and interviews of the last 30 days start anything, steps more than
        ``CATCH_UP_DAYS`` overdue are left out, and an interview followed by a later state
        change (a response) starts nothing, so an old history does not flood the due list.
        """
        since = self.clock.now() - timedelta(days=30)
        not_before = self.clock.now() - timedelta(days=CATCH_UP_DAYS)
        n = 0
        with self.db.session() as s:
            apps = s.scalars(
                select(Application)
                .where(Application.profile_id == profile_id)
                .where(Application.state.in_(("APPLIED", "OFFER_RECEIVED")))
                .where(Application.state_changed_at >= since)
            ).all()
            for app in apps:
                n += self._start_for_state(s, app, app.state, app.state_changed_at, not_before)
            ivs = s.scalars(
                select(Interview)
                .where(Interview.profile_id == profile_id)
                .where(Interview.outcome.in_(DONE_OUTCOMES))
                .where(Interview.starts_at >= since)
            ).all()
            for iv in ivs:
                owner = s.get(Application, iv.application_id)
                if owner is None or owner.state_changed_at > iv.starts_at:
                    continue  # gone, or answered since the interview
                if owner.state not in ("REJECTED", "WITHDRAWN", "ACCEPTED"):
                    n += self._start_for_interview(s, owner, iv, not_before)
        if n:
            self.bus.publish(FollowUpsChanged(profile_id=profile_id))
        return n

    def record_reply(self, app_id: int, note: str = "") -> int:
        """The employer answered: cancel the application's pending follow-ups."""
        with self.db.session() as s:
            app = s.get(Application, app_id)
            if app is None:
                raise NotFoundError("That application no longer exists.")
            n = self._cancel(s, app_id, note or "reply received", before=self.clock.now())
            pid = app.profile_id
        self.bus.publish(FollowUpsChanged(profile_id=pid))
        return n

    # -- the due list ----------------------------------------------------------------------
    def _items(self, s: Session, q: Select[FollowUp]) -> list[FollowUpItem]:
        rows = s.execute(
            q.join(Application, Application.id == FollowUp.application_id).add_columns(
                Application.company, Application.title
            )
        ).all()
        names = {t.id: t.name for t in s.scalars(select(FollowUpTemplate))}
        # Steps in a sequence: the highest step number + 1 (catch-up may skip early steps).
        steps: dict[tuple[int, str, str], int] = {}
        seen: list[tuple[tuple[object, ...], int, str]] = []
        if rows:
            for aid, trig, scen, step, status in s.execute(
                select(
                    FollowUp.application_id,
                    FollowUp.trigger,
                    FollowUp.scenario,
                    FollowUp.step,
                    FollowUp.status,
                ).where(FollowUp.application_id.in_({f.application_id for f, *_ in rows}))
            ).all():
                steps[(aid, trig, scen)] = max(steps.get((aid, trig, scen), 0), step + 1)
                seen.append(((aid, trig, scen), step, status))
        nexts = rules.next_steps(seen)
        return [
            FollowUpItem(
                id=f.id,
                application_id=f.application_id,
                company=company,
                title=title,
                scenario=f.scenario,
                template_name=names.get(f.template_id or -1, f.scenario.replace("_", " ")),
                step=f.step,
                steps=steps.get((f.application_id, f.trigger, f.scenario), 1),
                due_at=f.due_at,
                snoozed_until=f.snoozed_until,
                status=f.status,
                cancel_reason=f.cancel_reason,
                is_next=((f.application_id, f.trigger, f.scenario), f.step) in nexts,
            )
            for f, company, title in rows
        ]

    def pending(self, profile_id: int) -> list[FollowUpItem]:
        """Every pending step, soonest first."""
        with self.db.read() as s:
            items = self._items(
                s,
                select(FollowUp).where(
                    FollowUp.profile_id == profile_id, FollowUp.status == "pending"
                ),
            )
        return sorted(items, key=lambda i: (i.effective_due, i.id))

    def due(self, profile_id: int, now: datetime | None = None) -> list[FollowUpItem]:
        """Pending steps whose due time (or snooze) has passed, oldest first; only the next
        step of each sequence (a later step waits until the earlier one is sent or skipped)."""
        now = now or self.clock.now()
        return [i for i in self.pending(profile_id) if i.is_next and i.effective_due <= now]

    def for_application(self, app_id: int) -> list[FollowUpItem]:
        with self.db.read() as s:
            items = self._items(s, select(FollowUp).where(FollowUp.application_id == app_id))
        return sorted(items, key=lambda i: (i.due_at, i.id))

    def take_new_due(self, profile_id: int) -> list[FollowUpItem]:
        """Due steps not announced yet; marks them announced (desktop notification)."""
        due = self.due(profile_id)
        fresh = []
        with self.db.session() as s:
            for item in due:
                f = s.get(FollowUp, item.id)
                if f is not None and f.notified_at is None:
                    f.notified_at = self.clock.now()
                    fresh.append(item)
        return fresh

    def _change(self, followup_id: int, fn: Callable[[FollowUp], None]) -> None:
        with self.db.session() as s:
            f = s.get(FollowUp, followup_id)
            if f is None:
                raise NotFoundError("That follow-up no longer exists.")
            if f.status != "pending":
                raise ValidationError(f"That follow-up is already {f.status}.")
            fn(f)
            pid = f.profile_id
        self.bus.publish(FollowUpsChanged(profile_id=pid))

    def snooze(self, followup_id: int, *, days: float = 1.0) -> None:
        """Put a step off by ``days`` from now, or from when it is due if that is later (and
        announce it again then): snoozing never brings a step forward."""
        if days <= 0:
            raise ValidationError("Snooze for a positive number of days.")

        def apply(f: FollowUp) -> None:
            base = max(self.clock.now(), as_utc(f.snoozed_until or f.due_at))
            f.snoozed_until = base + timedelta(days=days)
            f.notified_at = None

        self._change(followup_id, apply)

    def mark_sent(self, followup_id: int) -> None:
        def apply(f: FollowUp) -> None:
            f.status, f.sent_at = "sent", self.clock.now()

        self._change(followup_id, apply)

    def skip(self, followup_id: int) -> None:
        """Cancel one step by hand (not a reply: the rest of the sequence stays)."""

        def apply(f: FollowUp) -> None:
            f.status, f.cancelled_at, f.cancel_reason = "cancelled", self.clock.now(), "skipped"

        self._change(followup_id, apply)

    # -- timing per application -----------------------------------------------------------
    def strategy_of(self, app_id: int) -> str | None:
        """The application's own timing choice, None when it follows the profile's."""
        with self.db.read() as s:
            return s.scalar(
                select(FollowUpChoice.strategy).where(FollowUpChoice.application_id == app_id)
            )

    def set_strategy(self, app_id: int, strategy: str | None) -> int:
        """Choose the timing of one application's follow-ups (None: the profile's again).

        The pending steps of its sequences are re-planned from their trigger time; returns
        how many moved. Snoozed steps keep their snooze.
        """
        if strategy is not None and strategy not in rules.STRATEGIES:
            raise ValidationError(f"Timing must be one of {', '.join(rules.STRATEGIES)}.")
        moved = 0
        with self.db.session() as s:
            app = s.get(Application, app_id)
            if app is None:
                raise NotFoundError("That application no longer exists.")
            row = s.scalar(select(FollowUpChoice).where(FollowUpChoice.application_id == app_id))
            if strategy is None:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(
                    FollowUpChoice(
                        profile_id=app.profile_id,
                        application_id=app_id,
                        strategy=strategy,
                        updated_at=self.clock.now(),
                    )
                )
            else:
                row.strategy, row.updated_at = strategy, self.clock.now()
            s.flush()
            templates = {t.id: t for t in self._ensure_templates(s, app.profile_id).values()}
            for f in s.scalars(
                select(FollowUp).where(
                    FollowUp.application_id == app_id, FollowUp.status == "pending"
                )
            ):
                t = templates.get(f.template_id or -1)
                if t is None or f.anchor_at is None:
                    continue  # planned before anchors were kept: its dates stay
                plan = rules.schedule(
                    as_utc(f.anchor_at),
                    [int(o) for o in t.offsets],
                    rules.strategy_for(t.strategy, strategy),
                )
                if f.step < len(plan) and plan[f.step] != as_utc(f.due_at):
                    f.due_at, f.notified_at = plan[f.step], None
                    moved += 1
            pid = app.profile_id
        self.bus.publish(FollowUpsChanged(profile_id=pid))
        return moved

    # -- composing -------------------------------------------------------------------------
    def compose(self, followup_id: int) -> Composed:
        """The filled message and its mailto: link (see followup_compose.py)."""
        return compose(self.db, followup_id)
