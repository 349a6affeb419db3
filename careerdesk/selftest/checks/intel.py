"""Pipeline-intelligence checks: skill extraction, a verdict, follow-up scheduling."""

from __future__ import annotations

from careerdesk.app import App
from careerdesk.core.pipeline.intel.fit_service import FitService
from careerdesk.core.pipeline.intel.followup_service import FollowUpService
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State
from careerdesk.core.reference.skill_extractor import extract_skills
from careerdesk.selftest import Check, SelfTestContext

POSTING = "Requirements:\n- 3+ years of SQL\n- Python\nNice to have:\n- Tableau is a plus"


def _extract(_ctx: SelfTestContext) -> str:
    r = extract_skills(POSTING)
    required = {m.skill_id for m in r.required}
    preferred = {m.skill_id for m in r.preferred}
    if not {"sql", "python"} <= required or "data_analysis" not in preferred:
        raise AssertionError(f"unexpected extraction: {r}")
    n_tech = len(r.technologies)
    return f"{len(r.required)} required, {len(r.preferred)} preferred, {n_tech} technologies"


def _fit_and_followups(ctx: SelfTestContext) -> str:
    app: App = ctx.state["app"]
    pid = app.profiles.create("Self-test intelligence").id
    svc = app.service(ApplicationService)
    followups = app.service(FollowUpService)
    a = svc.create(
        pid, {"company": "Self-test Ltd", "title": "Data Analyst", "description": POSTING}
    )
    svc.move(a.id, State.APPLIED)
    pending = followups.pending(pid)
    if len(pending) != 3:
        raise AssertionError(f"expected 3 post-application follow-ups, got {len(pending)}")
    verdict = app.service(FitService).analyse(a.id).label
    svc.move(a.id, State.SCREENING)
    if followups.pending(pid):
        raise AssertionError("a state change did not cancel the follow-ups")
    app.profiles.delete(pid)
    return f"verdict “{verdict}”; 3 follow-ups started and cancelled"


CHECKS = [
    Check("job skill extraction", _extract, order=55),
    Check("job fit and follow-ups", _fit_and_followups, order=56),
]
