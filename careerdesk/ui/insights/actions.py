"""Menu actions of the insights feature."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from careerdesk.ui.common import file_dialogs
from careerdesk.ui.shell.context import UiContext


def export_recommendations(parent: QWidget, ctx: UiContext) -> None:
    """Ask for a file and write every learner's recommendations there as CSV."""
    path = file_dialogs.save_file(
        parent,
        "Export career recommendations",
        purpose="recommendations-csv",
        suggested="career_recommendations.csv",
        filter="CSV files (*.csv)",
    )
    if path is None:
        return
    from careerdesk.core.insights.career_export import export_csv, recommendation_rows
    from careerdesk.core.insights.career_service import CareerRecommendationService

    app = ctx.app
    svc = ctx.service(CareerRecommendationService)
    ctx.status("Exporting recommendations…", 0)
    ctx.runner.run(
        lambda _s: export_csv(Path(path), recommendation_rows(app.db, svc)),
        name="export-recommendations",
        on_success=lambda n: ctx.status(f"Exported {n} learner(s) to {path}", 8000),
    )
