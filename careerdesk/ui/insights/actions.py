"""Menu actions of the insights feature."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from careerdesk.ui.shell.context import UiContext


def export_recommendations(parent: QWidget, ctx: UiContext) -> None:
    """Ask for a file and write every learner's recommendations there as CSV."""
    path, _ = QFileDialog.getSaveFileName(
        parent,
        "Export career recommendations",
        str(Path.home() / "career_recommendations.csv"),
        "CSV files (*.csv)",
    )
    if not path:
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
