"""Demo pipeline intelligence: job descriptions, fit verdicts, due follow-ups, outcomes,
recommendations and a few preference signals for the demo pipeline (ORDER 30 runs first)."""

from __future__ import annotations

from careerdesk.app import App
from careerdesk.core.pipeline.intel.analytics_service import AnalyticsService
from careerdesk.core.pipeline.intel.fit_service import FitService
from careerdesk.core.pipeline.intel.followup_service import FollowUpService
from careerdesk.core.pipeline.intel.job_recommendation_service import JobRecommendationService
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.profiles.service import ProfileInfo

ORDER = 40

# Short postings by kind of title, for demo applications that came without a description.
POSTINGS: tuple[tuple[str, str], ...] = (
    (
        "engineer",
        "Requirements:\n- Strong Python and SQL\n- Experience with Apache Spark and Airflow\n"
        "- AWS (S3, Redshift)\n- Git and CI/CD\nNice to have:\n- Docker, Kubernetes\n",
    ),
    (
        "scientist",
        "What you'll need:\n- Python (pandas, scikit-learn)\n- Statistics: hypothesis testing, "
        "regression analysis\n- SQL\nBonus:\n- Deep learning with PyTorch\n",
    ),
    (
        "bi ",
        "Requirements:\n- Advanced SQL\n- Power BI or Tableau dashboards\n- Excel\n"
        "- Stakeholder management\nNice to have: Python\n",
    ),
    (
        "developer",
        "Must have:\n- Python 3, pytest and Git\n- Linux and Bash scripting\n"
        "- Clean code and code review\nNice to have: Docker\n",
    ),
    (
        "",
        "Requirements:\n- SQL for reporting\n- Excel (pivot tables)\n- Tableau or Power BI\n"
        "- Clear written communication\nNice to have:\n- Python or R\n- A/B testing\n",
    ),
)


def _posting(title: str) -> str:
    low = title.lower() + " "
    return next(text for key, text in POSTINGS if key in low)


def seed(app: App, profile: ProfileInfo) -> str:
    """Descriptions where missing, then fits, follow-ups, outcomes and recommendations."""
    pipeline = app.service(ApplicationService)
    rows = pipeline.list(profile.id)
    for row in rows:
        detail = pipeline.get(row.id)
        if not detail.description:
            pipeline.update(row.id, {"description": _posting(row.title)}, actor="demo")
    fits = app.service(FitService)
    verdicts = [fits.analyse(r.id).verdict for r in rows]
    followups = app.service(FollowUpService)
    followups.sync(profile.id)
    recs = app.service(JobRecommendationService)
    saved = [r for r in rows if r.state in ("SAVED", "APPLYING")]
    for r in saved[:2]:
        recs.record(r.id, "open")
    if len(saved) > 2:
        recs.record(saved[-1].id, "dismiss")
    ranked = recs.refresh(profile.id)
    report = app.service(AnalyticsService).report(profile.id)
    due = len(followups.due(profile.id))
    return (
        f"{len(rows)} fit verdicts ({verdicts.count('apply_now')} apply now), {due} follow-ups "
        f"due, {len(ranked)} recommendations, {report.weights.outcomes} outcomes recorded"
    )
