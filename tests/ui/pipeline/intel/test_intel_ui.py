"""Pipeline intelligence in the GUI: due list actions, notifications (tray or status bar),
the Fit and Analytics views, and the Home card."""

from __future__ import annotations

import pytest

from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.pipeline.intel.followup_service import FollowUpService
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State
from careerdesk.ui.pipeline import followup_list as due_list
from careerdesk.ui.pipeline.followup_list import FollowUpList
from careerdesk.ui.pipeline.followup_notify import DueNotifier

DESC = "Requirements:\n- SQL and Excel\n- Python\nNice to have:\n- Tableau"


@pytest.fixture
def clock(ui_ctx) -> FixedClock:  # type: ignore[no-untyped-def]
    fixed = FixedClock()
    ui_ctx.app.clock = fixed
    return fixed


@pytest.fixture
def applied(ui_ctx, clock) -> int:  # type: ignore[no-untyped-def]
    svc = ui_ctx.service(ApplicationService)
    pid = ui_ctx.profile_id
    a = svc.create(pid, {"company": "Monzo", "title": "Data Analyst", "description": DESC})
    ui_ctx.service(FollowUpService)  # listening before the move
    svc.move(a.id, State.APPLIED)
    svc.add_contact(a.id, {"name": "Jo", "email": "jo@monzo.example"})
    clock.advance(days=5)
    return a.id


def _wait(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        ui_ctx.runner.wait_idle(10)
        qtbot.wait(30)


def test_due_list_compose_opens_mailto(ui_ctx, qtbot, applied, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[str] = []
    monkeypatch.setattr(due_list, "open_url", lambda url: opened.append(url) or True)
    widget = FollowUpList(ui_ctx, upcoming=False)
    qtbot.addWidget(widget)
    _wait(ui_ctx, qtbot)
    assert widget.tree.topLevelItemCount() == 1
    assert "overdue" in widget.tree.topLevelItem(0).text(0) or "today" in widget.tree.topLevelItem(
        0
    ).text(0)
    widget.compose()
    _wait(ui_ctx, qtbot)
    assert opened and opened[0].startswith("mailto:jo@monzo.example?subject=")
    widget.mark_sent()
    _wait(ui_ctx, qtbot)
    assert widget.tree.topLevelItemCount() == 0
    assert "No follow-ups due" in widget.empty.text()


def test_compose_refused_shows_error_and_opens_nothing(ui_ctx, qtbot, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    svc = ui_ctx.service(ApplicationService)
    fu = ui_ctx.service(FollowUpService)
    a = svc.create(
        ui_ctx.profile_id, {"company": "BBC", "title": "Analyst", "state": State.APPLIED}
    )
    # A missing contact no longer refuses (greeting fallback); a made-up variable does.
    post = fu.templates(ui_ctx.profile_id)[0]
    from careerdesk.core.storage.tables.intel import FollowUpTemplate

    with ui_ctx.app.db.session() as s:
        row = s.get(FollowUpTemplate, post.id)
        assert row is not None
        row.body = "Hello {nickname}"  # written around validation: an old or hand-edited row
    clock.advance(days=5)
    opened: list[str] = []
    monkeypatch.setattr(due_list, "open_url", lambda url: opened.append(url) or True)
    widget = FollowUpList(ui_ctx, upcoming=True)
    qtbot.addWidget(widget)
    _wait(ui_ctx, qtbot)
    widget.compose()
    _wait(ui_ctx, qtbot)
    assert opened == []
    assert not widget.error.isHidden() and "{nickname}" in widget.error.text()
    assert "Nothing was sent" in widget.error.text()
    assert a.id


@pytest.mark.parametrize("tray", [True, False])
def test_notification_tray_or_status_bar(ui_ctx, qtbot, applied, tray, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[tuple[str, str]] = []
    from PySide6.QtWidgets import QSystemTrayIcon

    monkeypatch.setattr(QSystemTrayIcon, "show", lambda self: None)
    monkeypatch.setattr(
        QSystemTrayIcon, "showMessage", lambda self, title, text, *a: shown.append((title, text))
    )
    status: list[str] = []
    ui_ctx.status_message.connect(lambda text, _ms: status.append(text))
    notifier = DueNotifier(ui_ctx, tray_available=lambda: tray, interval_ms=3_600_000)
    notifier.check()
    _wait(ui_ctx, qtbot)
    if tray:
        assert shown and shown[0][0] == "Follow-up due" and "Monzo" in shown[0][1]
        assert not any("Follow-up due" in s for s in status)
    else:
        assert shown == []
        assert any(s.startswith("Follow-up due: Monzo") for s in status)
    notifier.check()  # announced once only
    _wait(ui_ctx, qtbot)
    assert len(shown) + sum("Follow-up due" in s for s in status) == 1
    notifier.stop()


def test_pipeline_views_fit_and_analytics(
    clock, main_window, ui_ctx, qtbot, applied, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import careerdesk.ui.shell.context as context_module

    reported: list[BaseException] = []
    monkeypatch.setattr(context_module, "show_error", lambda exc, _w=None: reported.append(exc))
    from careerdesk.core.skills.service import SkillProfileService

    ui_ctx.service(SkillProfileService).set_self_ratings(
        ui_ctx.profile_id, {"sql": 70, "python": 30, "data_analysis": 65}
    )
    ui_ctx.app.service(ApplicationService).create(
        ui_ctx.profile_id, {"company": "Stripe", "title": "Data Analyst", "description": DESC}
    )
    tab = main_window.show_tab("pipeline")
    _wait(ui_ctx, qtbot)
    fit = tab.show_view("fit")
    _wait(ui_ctx, qtbot)
    fit.select(applied)
    _wait(ui_ctx, qtbot)
    assert fit.panel.view is not None and fit.panel.view.application_id == applied
    header = fit.panel.header.text()
    assert (
        sum(f"<b>{label}</b>" in header for label in ("Apply now", "Learn first", "Reconsider"))
        == 1
    )
    assert fit.panel.skills.topLevelItemCount() >= 3
    assert fit.rec_list.count() == 1  # Stripe: saved, not applied
    status: list[str] = []
    ui_ctx.status_message.connect(lambda text, _ms: status.append(text))
    fit.panel.add_to_path()
    _wait(ui_ctx, qtbot)
    assert any(s.startswith("Added to your learning path: Python") for s in status)
    analytics = tab.show_view("analytics")
    _wait(ui_ctx, qtbot)
    assert analytics.report is not None and analytics.report.total == 2
    assert analytics.funnel_chart.figure.axes  # drawn
    analytics.dimension.setCurrentIndex(1)
    assert analytics.breakdown_chart.figure.axes
    assert reported == []
    follow = tab.show_view("followups")
    _wait(ui_ctx, qtbot)
    assert follow.list.tree.topLevelItemCount() == 3


def test_home_card_lists_due(clock, main_window, ui_ctx, qtbot, applied) -> None:  # type: ignore[no-untyped-def]
    main_window.show_tab("home")
    _wait(ui_ctx, qtbot)
    from careerdesk.ui.pipeline.home_card import FollowUpsCard

    cards = main_window.findChildren(FollowUpsCard)
    cards[0].list.refresh()  # as its timer does: time passed since the move
    _wait(ui_ctx, qtbot)
    assert cards and cards[0].list.tree.topLevelItemCount() == 1


def test_verdict_on_card_and_detail_panel(clock, main_window, ui_ctx, qtbot, applied) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.core.pipeline.intel.fit_service import FitService

    tab = main_window.show_tab("pipeline")
    _wait(ui_ctx, qtbot)
    verdict = ui_ctx.service(FitService).analyse(applied).verdict  # publishes FitChanged
    _wait(ui_ctx, qtbot)
    assert tab.board.delegate.verdicts.get(applied) == verdict
    tab.open_detail(applied)
    _wait(ui_ctx, qtbot)
    panel = tab.detail
    panel.tabs.setCurrentWidget(panel.fit)
    _wait(ui_ctx, qtbot)
    assert panel.fit.view is not None and panel.fit.view.application_id == applied
    assert panel.fit.view.label in panel.fit.header.text()
