"""Issue 20 in the GUI: the fit card says what had no information, the work-style form saves
and changes the fit, the interview form takes the four scores, analytics says what it judged,
and Skill charts show interview averages beside real interviews."""

from __future__ import annotations

from datetime import UTC, datetime

from careerdesk.core.pipeline.intel.preferences import PreferencesService
from careerdesk.core.pipeline.models import InterviewInput
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State
from careerdesk.ui.charts.interview_averages import InterviewAveragesPanel
from careerdesk.ui.pipeline import forms
from careerdesk.ui.pipeline.fit_panel import FitPanel
from careerdesk.ui.pipeline.preferences_dialog import PreferencesDialog

DESC = "Requirements:\n- SQL and Excel\n- Python\nNice to have:\n- Tableau"


def _wait(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        ui_ctx.runner.wait_idle(10)
        qtbot.wait(30)


def test_fit_card_says_not_enough_information_about_culture(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    svc = ui_ctx.service(ApplicationService)
    a = svc.create(ui_ctx.profile_id, {"company": "Acme", "title": "Analyst", "description": DESC})
    panel = FitPanel(ui_ctx)
    qtbot.addWidget(panel)
    panel.show_application(a.id)
    _wait(ui_ctx, qtbot)
    text = panel.parts.text()
    assert "Not enough information about culture" in text
    assert "Left out of the score" in text
    assert "Verdict at each step" in text and "Saved" in text  # frozen when created
    # The form: choose remote, save; the fit then has a culture component.
    svc.update(a.id, {"remote": "yes"})
    dialog = PreferencesDialog(ui_ctx, ui_ctx.profile_id)
    qtbot.addWidget(dialog)
    dialog.modes["remote"].setChecked(True)
    dialog.salary.setValue(50_000)
    dialog.save()
    _wait(ui_ctx, qtbot)
    saved = ui_ctx.service(PreferencesService).get(ui_ctx.profile_id)
    assert saved.work_modes == ["remote"] and saved.expected_salary == 50_000
    panel.show_application(a.id)
    _wait(ui_ctx, qtbot)
    assert "Not enough information about culture" not in panel.parts.text()
    assert "Culture 100%" in panel.parts.text()


def test_interview_form_takes_scores(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    d = forms.interview_dialog(None)
    qtbot.addWidget(d)
    d.widgets["communication"].setText("80")
    d.widgets["technical"].setText("101")
    d.accept()
    assert "a score from 0 to 100" in d.error.text()
    d.widgets["technical"].setText("70")
    sql = d.widgets["focus_skill_id"].findData("sql")
    d.widgets["focus_skill_id"].setCurrentIndex(sql)
    d.accept()
    data = d.result_data
    assert (data["communication"], data["technical"], data["problem_solving"]) == (80, 70, None)
    assert data["focus_skill_id"] == "sql"
    InterviewInput.model_validate({**data, "starts_at": datetime(2026, 3, 2, tzinfo=UTC)})


def test_averages_tab_lists_real_interviews(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.core.charts.queries import ChartsDataService

    svc = ui_ctx.service(ApplicationService)
    a = svc.create(ui_ctx.profile_id, {"company": "Acme", "title": "Analyst"})
    svc.add_interview(a.id, {"starts_at": datetime(2026, 3, 2, tzinfo=UTC), "communication": 75})
    panel = InterviewAveragesPanel()
    qtbot.addWidget(panel)
    panel.show_data(ui_ctx.service(ChartsDataService).gather(ui_ctx.profile_id))
    row = panel.table.topLevelItem(0)
    assert [row.text(i) for i in range(4)] == ["Communication", "–", "75  (1)", "75  (1)"]
    assert panel.real.topLevelItem(0).text(1) == "Acme"


def test_analytics_view_says_which_verdicts_it_judged(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.pipeline.views.analytics import AnalyticsView

    svc = ui_ctx.service(ApplicationService)
    a = svc.create(ui_ctx.profile_id, {"company": "Acme", "title": "Analyst", "description": DESC})
    svc.move(a.id, State.APPLIED)
    svc.move(a.id, State.REJECTED)
    view = AnalyticsView(ui_ctx)
    qtbot.addWidget(view)
    _wait(ui_ctx, qtbot)
    assert "Judged 1 of 1 outcome(s) by the verdict given when applying" in view.summary.text()
    assert view.dimension.findData("industry") >= 0 and view.dimension.findData("skill") >= 0
