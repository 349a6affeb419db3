"""Composing a follow-up: the template filled from the application, its contact, interview,
offer and the learner's profile, and the mailto: link (part of FollowUpService).

Without a contact the greeting falls back to the scenario's ("Dear hiring team," /
"Hello,"), so a follow-up always composes (docs/intel.md, Templates).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import as_utc
from careerdesk.core.kernel.errors import NotFoundError
from careerdesk.core.pipeline.intel import followup_rules as rules
from careerdesk.core.pipeline.intel.followup_models import Composed
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.intel import FollowUp, FollowUpTemplate
from careerdesk.core.storage.tables.pipeline import Application, Contact, Interview, Offer
from careerdesk.core.storage.tables.profiles import Profile


def compose(db: Database, followup_id: int) -> Composed:
    """The filled message and its mailto: link; TemplateError if a variable has no value."""
    with db.read() as s:
        f = s.get(FollowUp, followup_id)
        if f is None:
            raise NotFoundError("That follow-up no longer exists.")
        template = s.get(FollowUpTemplate, f.template_id) if f.template_id else None
        if template is None:
            raise NotFoundError("The template of this follow-up was removed.")
        app = s.get(Application, f.application_id)
        assert app is not None
        values, to = _values(s, app, f)
        subject, body = template.subject, template.body
    rules.render(subject + "\n" + body, values)  # one error naming every missing value
    subject = rules.render(subject, values)
    body = rules.render(body, values)
    return Composed(to=to, subject=subject, body=body, url=rules.mailto(to, subject, body))


def _values(s: Session, app: Application, f: FollowUp) -> tuple[dict[str, str], str]:
    contacts = s.scalars(
        select(Contact).where(Contact.application_id == app.id).order_by(Contact.id)
    ).all()
    contact = next((c for c in contacts if c.email), contacts[0] if contacts else None)
    profile = s.get(Profile, app.profile_id)
    interviewer = ""
    if f.trigger.startswith("interview:"):
        iv = s.get(Interview, int(f.trigger.split(":", 1)[1]))
        if iv is not None and iv.interviewers:
            interviewer = str(iv.interviewers[0])
    offer = s.scalar(
        select(Offer).where(Offer.application_id == app.id).order_by(Offer.id.desc()).limit(1)
    )
    name = contact.name.strip() if contact else ""
    addressee = interviewer if f.scenario == "thank_you" and interviewer else name
    applied = app.applied_on or (
        as_utc(f.anchor_at).date() if f.anchor_at and f.scenario == "post_application" else None
    )
    reply = offer.deadline if offer else None
    values = {
        "name": name,
        "greeting": rules.greeting(addressee, f.scenario),
        "company": app.company,
        "role": app.title,
        "interviewer": interviewer or name,
        "applied_on": f"{applied.day} {applied:%B %Y}" if applied else "",
        "reply_by": f"{reply.day} {reply:%B %Y}" if reply else "",
        "me": (profile.full_name or profile.name) if profile else "",
        "location": app.location,
    }
    return values, contact.email if contact else ""
