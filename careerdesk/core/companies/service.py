"""``CompanyService``: one card per company, shared by all of a learner's applications to it.

A card joins what the learner typed (website, industry, size, location, notes, links), the
learner's history with the company (from the pipeline), the tech stack gathered from the
technologies its postings mention, and online research fetched only when asked: a Gemini
summary and the languages of its public GitHub organisation. Research is cached on the
card for :data:`CACHE_DAYS` days (time from the injected clock); asking again within that
window reuses it unless the learner asks for a refresh. Nothing is scraped: the only
network calls are the Gemini API and GitHub's REST API.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from careerdesk.core.companies.events import CompanyChanged
from careerdesk.core.companies.models import (
    CACHE_DAYS,
    EDITABLE,
    CodeHost,
    CompanyCard,
    CompanyFields,
    CompanyListItem,
    HistoryItem,
    LanguagesOut,
    SummaryOut,
    TechCount,
)
from careerdesk.core.companies.stack import technologies_of
from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import NotFoundError, UserError, ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.kernel.ports import AIError, AIProvider
from careerdesk.core.pipeline.keys import company_key
from careerdesk.core.pipeline.models import check
from careerdesk.core.pipeline.states import State
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.pipeline import Application, Interview, Offer
from careerdesk.core.storage.tables.postings import ApplicationPosting, Company

# What completeness counts, in the order the card lists what is still unknown.
COMPLETENESS_ITEMS = (
    "website",
    "industry",
    "size",
    "location",
    "useful links",
    "tech stack",
    "AI summary",
    "GitHub languages",
)
SUMMARY_SYSTEM = (
    "You write short, factual company briefings for a job seeker. Say only what is widely "
    "known; when unsure, say so. No marketing language."
)


class _AISummary(BaseModel):
    summary: str = Field(description="3 to 5 sentences: what the company does, industry, size")


def fresh(at: datetime | None, now: datetime, days: int = CACHE_DAYS) -> bool:
    """True while research fetched ``at`` is younger than ``days`` days."""
    return at is not None and now - at < timedelta(days=days)


def guess_github_org(name: str) -> str:
    """GitHub organisations are usually the name in lower case without spaces ("monzo")."""
    return re.sub(r"[^a-z0-9-]", "", company_key(name).replace(" ", ""))[:39]


class CompanyService:
    """Company cards for a learner; research through an AI provider and a code host."""

    def __init__(
        self,
        db: Database,
        bus: EventBus,
        clock: Clock | None = None,
        *,
        ai: Callable[[], AIProvider] | None = None,
        code_host: Callable[[], CodeHost] | None = None,
    ) -> None:
        self.db = db
        self.bus = bus
        self.clock = clock or SystemClock()
        self._ai = ai
        self._code_host_factory = code_host
        self._code_host: CodeHost | None = None

    @property
    def code_host(self) -> CodeHost:
        # One client per service, so its rate-limit memory spans every card.
        if self._code_host is None:
            if self._code_host_factory is None:
                raise UserError("No code host is configured.")
            self._code_host = self._code_host_factory()
        return self._code_host

    # -- reading ---------------------------------------------------------------------------
    def companies(self, profile_id: int) -> list[CompanyListItem]:
        """Every company the learner applied to or saved a card for, most applications first."""
        with self.db.read() as s:
            counts = dict(
                s.execute(
                    select(Application.company_key, func.count())
                    .where(Application.profile_id == profile_id)
                    .group_by(Application.company_key)
                ).all()
            )
            names = dict(
                s.execute(
                    select(Application.company_key, Application.company)
                    .where(Application.profile_id == profile_id)
                    .order_by(Application.id)
                ).all()
            )
            rows = {
                c.key: c for c in s.scalars(select(Company).where(Company.profile_id == profile_id))
            }
            keys = set(counts) | set(rows)
            out = []
            for key in keys:
                row = rows.get(key)
                name = row.name if row else names.get(key, key)
                out.append(
                    CompanyListItem(
                        key=key,
                        name=name,
                        applications=counts.get(key, 0),
                        completeness=self._build(s, profile_id, key, name, row).completeness,
                    )
                )
        return sorted(out, key=lambda c: (-c.applications, c.name.casefold()))

    def card(self, profile_id: int, name: str, *, allow_new: bool = False) -> CompanyCard:
        """The card of the company called ``name`` (any spelling of it); NotFoundError if the
        learner has neither applications to it nor a saved card, unless ``allow_new`` (a
        company the learner targets elsewhere, e.g. in Insights): then an empty, unsaved card
        that saving or research creates."""
        key = company_key(name)
        if not key:
            raise ValidationError("Give a company name.")
        with self.db.read() as s:
            row = self._row(s, profile_id, key)
            card = self._build(s, profile_id, key, name.strip(), row)
        if not card.history and not card.saved and not allow_new:
            raise NotFoundError(f"No application or card for {name.strip()!r}.")
        return card

    def _row(self, s: Session, profile_id: int, key: str) -> Company | None:
        return s.scalar(select(Company).where(Company.profile_id == profile_id, Company.key == key))

    def _build(
        self, s: Session, profile_id: int, key: str, name: str, row: Company | None
    ) -> CompanyCard:
        now = self.clock.now()
        apps = list(
            s.scalars(
                select(Application)
                .where(Application.profile_id == profile_id, Application.company_key == key)
                .order_by(Application.created_at.desc(), Application.id.desc())
            )
        )
        ids = [a.id for a in apps]
        interviews: dict[int, list[str]] = defaultdict(list)
        offers: Counter[int] = Counter()
        techs: dict[int, list[str]] = {}
        if ids:
            for app_id, outcome in s.execute(
                select(Interview.application_id, Interview.outcome)
                .where(Interview.application_id.in_(ids))
                .order_by(Interview.starts_at)
            ):
                interviews[app_id].append(outcome)
            for (app_id,) in s.execute(
                select(Offer.application_id).where(Offer.application_id.in_(ids))
            ):
                offers[app_id] += 1
            for app_id, found in s.execute(
                select(ApplicationPosting.application_id, ApplicationPosting.technologies).where(
                    ApplicationPosting.application_id.in_(ids)
                )
            ):
                techs[app_id] = list(found or [])
        history = [
            HistoryItem(
                application_id=a.id,
                title=a.title,
                state=State(a.state),
                applied_on=a.applied_on,
                created_at=a.created_at,
                interviews=len(interviews[a.id]),
                interview_outcomes=interviews[a.id],
                offers=offers[a.id],
            )
            for a in apps
        ]
        stack: Counter[str] = Counter()
        for a in apps:
            found = techs[a.id] if a.id in techs else technologies_of(a.description)
            stack.update({t: 1 for t in found})
        tech_stack = [
            TechCount(name=n, postings=c)
            for n, c in sorted(stack.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
        ]
        display = row.name if row else (apps[-1].company if apps else name)  # first spelling
        fields = (
            CompanyFields.model_validate({f: getattr(row, f) for f in EDITABLE})
            if row
            else CompanyFields(location=_common([a.location for a in apps]))
        )
        summary = github = None
        if row is not None and row.summary and row.summary_at is not None:
            summary = SummaryOut(
                text=row.summary,
                by=row.summary_by,
                at=row.summary_at,
                fresh=fresh(row.summary_at, now),
            )
        if row is not None and row.github_at is not None:
            langs = sorted(row.github_languages.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
            github = LanguagesOut(
                org=row.github_fetched_org,
                languages=[TechCount(name=k, postings=v) for k, v in langs],
                repos=row.github_repos,
                at=row.github_at,
                fresh=fresh(row.github_at, now),
            )
        known = {
            "website": bool(fields.website),
            "industry": bool(fields.industry),
            "size": bool(fields.size),
            "location": bool(fields.location),
            "useful links": bool(fields.links),
            "tech stack": bool(tech_stack),
            "AI summary": summary is not None,
            "GitHub languages": github is not None and bool(github.languages),
        }
        unknown = [k for k in COMPLETENESS_ITEMS if not known[k]]
        return CompanyCard(
            key=key,
            name=display,
            saved=row is not None,
            fields=fields,
            history=history,
            tech_stack=tech_stack,
            summary=summary,
            github=github,
            suggested_org=fields.github_org or guess_github_org(display),
            completeness=round(
                100 * (len(COMPLETENESS_ITEMS) - len(unknown)) / len(COMPLETENESS_ITEMS)
            ),
            unknown=unknown,
        )

    # -- changing --------------------------------------------------------------------------
    def _ensure(self, s: Session, profile_id: int, name: str) -> Company:
        key = company_key(name)
        if not key:
            raise ValidationError("Give a company name.")
        row = self._row(s, profile_id, key)
        if row is None:
            first = s.scalar(
                select(Application)
                .where(Application.profile_id == profile_id, Application.company_key == key)
                .order_by(Application.id)
                .limit(1)
            )
            row = Company(
                profile_id=profile_id,
                key=key,
                name=(first.company if first else name.strip())[:200],
                location=first.location if first else "",
            )
            s.add(row)
            s.flush()
        return row

    def ensure(self, profile_id: int, name: str) -> None:
        """Make sure the company has a stored card (e.g. when a posting is saved)."""
        with self.db.session() as s:
            self._ensure(s, profile_id, name)

    def update(self, profile_id: int, name: str, changes: Mapping[str, Any]) -> CompanyCard:
        """Change the card's own fields; ValidationError (nothing saved) for bad values."""
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValidationError(f"Unknown company fields: {', '.join(sorted(unknown))}.")
        with self.db.session() as s:
            row = self._ensure(s, profile_id, name)
            current = {f: getattr(row, f) for f in EDITABLE}
            value = check(CompanyFields, {**current, **changes})
            for f in EDITABLE:
                setattr(row, f, getattr(value, f))
            key = row.key
        self.bus.publish(CompanyChanged(profile_id=profile_id, key=key, what="fields"))
        return self.card(profile_id, name)

    def summarise(self, profile_id: int, name: str, *, refresh: bool = False) -> CompanyCard:
        """Ask the AI for a summary unless a fresh one is cached (or ``refresh``).

        Raises UserError with the AI's message when it cannot answer; the cached summary,
        if any, stays.
        """
        card = self.card(profile_id, name)
        if card.summary is not None and card.summary.fresh and not refresh:
            return card
        if self._ai is None:
            raise UserError("No AI provider is configured.")
        ai = self._ai()
        if not ai.available():
            raise UserError(
                "Gemini is not set up: add an API key in Settings → AI to get a summary."
            )
        prompt = _summary_prompt(card)
        try:
            reply = ai.generate(prompt, _AISummary, system=SUMMARY_SYSTEM)
        except AIError as exc:
            kept = " The earlier summary is still shown." if card.summary else ""
            raise UserError(f"{exc.message}{kept}") from None
        text = " ".join(reply.summary.split())[:3000]
        if not text:
            raise UserError(f"{ai.name} returned an empty summary. Try again later.")
        model = getattr(ai, "model", "")
        by = f"{ai.name} ({model})" if model else ai.name
        with self.db.session() as s:
            row = self._ensure(s, profile_id, name)
            row.summary, row.summary_by, row.summary_at = text, by[:100], self.clock.now()
            key = row.key
        self.bus.publish(CompanyChanged(profile_id=profile_id, key=key, what="summary"))
        return self.card(profile_id, name)

    def fetch_languages(self, profile_id: int, name: str, *, refresh: bool = False) -> CompanyCard:
        """The GitHub organisation's languages, unless fresh ones are cached (or ``refresh``).

        Uses the card's GitHub organisation, else a guess from the name. A rate limit or an
        unknown organisation raises UserError with a clear message; the cache stays.
        """
        card = self.card(profile_id, name)
        org = card.fields.github_org or card.suggested_org
        if not org:
            raise ValidationError("Set the company's GitHub organisation on the card first.")
        cached = card.github
        if cached is not None and cached.fresh and cached.org == org and not refresh:
            return card
        result = self.code_host.org_languages(org)
        with self.db.session() as s:
            row = self._ensure(s, profile_id, name)
            row.github_languages = dict(result.languages)
            row.github_repos = result.repos
            row.github_fetched_org = result.org[:100]
            row.github_at = self.clock.now()
            key = row.key
        self.bus.publish(CompanyChanged(profile_id=profile_id, key=key, what="github"))
        return self.card(profile_id, name)


def _common(values: list[str]) -> str:
    """The most frequent non-empty value (the learner's applications' usual location)."""
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else ""


def _summary_prompt(card: CompanyCard) -> str:
    facts = [f"Company: {card.name}"]
    for label, value in (
        ("Website", card.fields.website),
        ("Industry", card.fields.industry),
        ("Location", card.fields.location),
    ):
        if value:
            facts.append(f"{label}: {value}")
    if card.history:
        roles = ", ".join(sorted({h.title for h in card.history})[:5])
        facts.append(f"Roles the job seeker is considering there: {roles}")
    if card.tech_stack:
        facts.append(
            "Technologies in its postings: " + ", ".join(t.name for t in card.tech_stack[:15])
        )
    facts.append(
        "Write a briefing of 3 to 5 sentences: what the company does, its industry, rough size "
        "and where it is based, and anything a candidate should know."
    )
    return "\n".join(facts)
