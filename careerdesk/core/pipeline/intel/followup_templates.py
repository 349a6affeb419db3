"""Follow-up templates: the built-in ones per profile, edits, reset (part of FollowUpService)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.pipeline.events import FollowUpsChanged
from careerdesk.core.pipeline.intel import followup_rules as rules
from careerdesk.core.pipeline.intel.followup_models import TemplateOut, template_out
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.intel import FollowUpTemplate


class FollowUpTemplates:
    """The template half of ``FollowUpService`` (see followup_service.py)."""

    def __init__(self, db: Database, bus: EventBus, clock: Clock | None = None) -> None:
        self.db = db
        self.bus = bus
        self.clock = clock or SystemClock()

    # -- templates -------------------------------------------------------------------------
    def _ensure_templates(self, s: Session, profile_id: int) -> dict[str, FollowUpTemplate]:
        have = {
            t.scenario: t
            for t in s.scalars(
                select(FollowUpTemplate).where(FollowUpTemplate.profile_id == profile_id)
            )
        }
        for spec in rules.BUILTIN_TEMPLATES:
            if spec.scenario not in have:
                row = FollowUpTemplate(
                    profile_id=profile_id,
                    builtin=True,
                    **spec.model_dump(),
                    updated_at=self.clock.now(),
                )
                s.add(row)
                have[spec.scenario] = row
        s.flush()
        return have

    def templates(self, profile_id: int) -> list[TemplateOut]:
        """The profile's templates (the built-in ones are created on first use)."""
        with self.db.session() as s:
            rows = self._ensure_templates(s, profile_id)
            return [template_out(rows[spec.scenario]) for spec in rules.BUILTIN_TEMPLATES]

    def update_template(self, template_id: int, **changes: Any) -> TemplateOut:
        """Edit subject, body, offsets, strategy or enabled; validated first."""
        with self.db.session() as s:
            t = s.get(FollowUpTemplate, template_id)
            if t is None:
                raise NotFoundError("That template no longer exists.")
            subject = changes.get("subject", t.subject)
            body = changes.get("body", t.body)
            rules.check_template(subject, body)
            offsets = [int(o) for o in changes.get("offsets", t.offsets)]
            if not offsets or any(o < 0 or o > 365 for o in offsets):
                raise ValidationError("Give one to ten step offsets between 0 and 365 days.")
            if len(offsets) > 10:
                raise ValidationError("A sequence has at most ten steps.")
            strategy = changes.get("strategy", t.strategy)
            if strategy not in rules.STRATEGIES:
                raise ValidationError(f"Timing must be one of {', '.join(rules.STRATEGIES)}.")
            t.subject, t.body, t.offsets, t.strategy = subject, body, offsets, strategy
            t.enabled = bool(changes.get("enabled", t.enabled))
            t.updated_at = self.clock.now()
            out = template_out(t)
            pid = t.profile_id
        self.bus.publish(FollowUpsChanged(profile_id=pid))
        return out

    def reset_template(self, template_id: int) -> TemplateOut:
        """Put a template back to its built-in text and timing."""
        with self.db.read() as s:
            t = s.get(FollowUpTemplate, template_id)
            if t is None:
                raise NotFoundError("That template no longer exists.")
            spec = next(b for b in rules.BUILTIN_TEMPLATES if b.scenario == t.scenario)
        return self.update_template(
            template_id,
            subject=spec.subject,
            body=spec.body,
            offsets=spec.offsets,
            strategy=spec.strategy,
            enabled=True,
        )
