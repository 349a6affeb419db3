"""What the follow-up service hands out: templates, due items, composed messages."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from careerdesk.core.storage.tables.intel import FollowUpTemplate


class TemplateOut(BaseModel):
    id: int
    key: str
    name: str
    scenario: str
    subject: str
    body: str
    offsets: list[int]
    strategy: str
    enabled: bool
    builtin: bool


class FollowUpItem(BaseModel):
    id: int
    application_id: int
    company: str
    title: str
    scenario: str
    template_name: str
    step: int
    steps: int
    due_at: datetime
    snoozed_until: datetime | None
    status: str
    cancel_reason: str = ""
    # False for a later step waiting on an earlier one of its sequence (never due yet).
    is_next: bool = True

    @property
    def effective_due(self) -> datetime:
        return self.snoozed_until or self.due_at


class Composed(BaseModel):
    to: str
    subject: str
    body: str
    url: str


def template_out(t: FollowUpTemplate) -> TemplateOut:
    return TemplateOut(
        id=t.id,
        key=t.key,
        name=t.name,
        scenario=t.scenario,
        subject=t.subject,
        body=t.body,
        offsets=[int(o) for o in t.offsets],
        strategy=t.strategy,
        enabled=t.enabled,
        builtin=t.builtin,
    )
