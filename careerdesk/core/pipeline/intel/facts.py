"""Reading what the intelligence rules need from the pipeline (one pass per profile)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdesk.core.pipeline.intel.analytics_rules import AppFacts
from careerdesk.core.pipeline.intel.fit_scoring import seniority_label
from careerdesk.core.storage.tables.intel import JobFit
from careerdesk.core.storage.tables.pipeline import Application, ApplicationEvent
from careerdesk.core.storage.tables.postings import Company


class AppInfo(BaseModel):
    id: int
    company: str
    company_key: str
    title: str
    title_key: str
    location: str
    remote: str
    source: str
    state: str
    description: str
    salary_min: int | None
    salary_max: int | None
    currency: str = ""
    applied_on: object = None
    created_at: datetime

    @property
    def midpoint(self) -> float | None:
        lo, hi = self.salary_min, self.salary_max
        if lo and hi:
            return (lo + hi) / 2
        either = lo or hi
        return float(either) if either else None

    @property
    def key(self) -> str:
        """Company and title key: the same posting across profiles (collaborative)."""
        return f"{self.company_key}|{self.title_key}"


def load_apps(s: Session, profile_id: int) -> list[AppInfo]:
    rows = s.scalars(select(Application).where(Application.profile_id == profile_id)).all()
    return [
        AppInfo(
            id=a.id,
            company=a.company,
            company_key=a.company_key,
            title=a.title,
            title_key=a.title_key,
            location=a.location,
            remote=a.remote,
            source=a.source,
            state=a.state,
            description=a.description,
            salary_min=a.salary_min,
            salary_max=a.salary_max,
            currency=a.currency,
            applied_on=a.applied_on,
            created_at=a.created_at,
        )
        for a in rows
    ]


def state_history(s: Session, profile_id: int) -> dict[int, list[tuple[str, datetime]]]:
    """Per application: (state entered, when) in log order; reverted moves are dropped."""
    out: dict[int, list[tuple[str, datetime]]] = defaultdict(list)
    q = (
        select(
            ApplicationEvent.application_id,
            ApplicationEvent.kind,
            ApplicationEvent.to_state,
            ApplicationEvent.at,
        )
        .where(ApplicationEvent.profile_id == profile_id)
        .where(ApplicationEvent.kind.in_(("created", "state", "state_reverted")))
        .order_by(ApplicationEvent.id)
    )
    for app_id, kind, to_state, at in s.execute(q):
        if kind in ("created", "state") and to_state:
            out[app_id].append((to_state, at))
        elif kind == "state_reverted" and out[app_id]:
            out[app_id].pop()
    return out


def verdicts(s: Session, profile_id: int) -> dict[int, str]:
    return dict(
        s.execute(
            select(JobFit.application_id, JobFit.verdict).where(JobFit.profile_id == profile_id)
        ).all()
    )


def attrs_of(app: AppInfo, role: str, industry: str = "") -> dict[str, str]:
    return {
        "source": app.source.strip().lower(),
        "company": app.company,
        "role": role,
        "location": app.location,
        "remote": app.remote,
        "seniority": seniority_label(app.title),
        "industry": industry,
    }


def company_industries(s: Session, profile_id: int) -> dict[str, str]:
    """Company key → the industry written on its card (cards without one are left out)."""
    return {
        key: industry
        for key, industry in s.execute(
            select(Company.key, Company.industry).where(Company.profile_id == profile_id)
        )
        if industry and industry.strip()
    }


def facts(
    apps: list[AppInfo],
    history: dict[int, list[tuple[str, datetime]]],
    roles: dict[int, str],
    fits: dict[int, str],
    *,
    industries: dict[int, str] | None = None,
    skills: dict[int, list[str]] | None = None,
) -> list[AppFacts]:
    return [
        AppFacts(
            id=a.id,
            state=a.state,
            states=history.get(a.id) or [(a.state, a.created_at)],
            attrs=attrs_of(a, roles.get(a.id, a.title), (industries or {}).get(a.id, "")),
            skills=(skills or {}).get(a.id, []),
            verdict=fits.get(a.id, ""),
        )
        for a in apps
    ]
