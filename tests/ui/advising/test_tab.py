"""Advisor dashboard tab: cohort table with flags (injected clock), sort, filter, open a
learner, CSV and report exports."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from careerdesk.core.advising.adapters import default_sources
from careerdesk.core.advising.service import (
    IMPROVING_FAST,
    NEEDS_SUPPORT,
    STALLED,
    MonitoringConfig,
    MonitoringService,
)
from careerdesk.core.advising.sources import LearnerReadinessPoint
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.learning import tracking
from careerdesk.core.storage.tables.profiles import LearningEvent
from careerdesk.ui.advising.cohort_model import PROFILE_ROLE, CohortFilter


class FakeReadiness:
    """Readiness history per profile (the insights feature's job; faked here)."""

    def __init__(self) -> None:
        self.data: dict[int, list[LearnerReadinessPoint]] = {}

    def readiness(self, ids: list[int]) -> dict[int, list[LearnerReadinessPoint]]:
        return {i: self.data[i] for i in ids if i in self.data}


@pytest.fixture
def cohort(careerdesk_home, qtbot) -> Iterator[SimpleNamespace]:  # type: ignore[no-untyped-def]
    from careerdesk.app import build_app
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

    clock = FixedClock()
    now = clock.now()
    app = build_app(clock=clock)
    clock.set(now - timedelta(days=40))
    ana = app.profiles.create("Ana")
    ben = app.profiles.create("Ben")
    cleo = app.profiles.create("=Cleo")  # a name that would be a formula in a spreadsheet
    clock.set(now)
    with app.db.session() as s:
        for pid, days in ((ana.id, 1), (ben.id, 20), (cleo.id, 3)):
            s.add(
                LearningEvent(
                    profile_id=pid,
                    kind=tracking.ASSESSMENT_SUBMITTED,
                    at=now - timedelta(days=days),
                )
            )
    readiness = FakeReadiness()
    readiness.data = {
        ana.id: [
            LearnerReadinessPoint(at=now - timedelta(days=20), value=35),
            LearnerReadinessPoint(at=now - timedelta(days=1), value=58),
        ],
        ben.id: [LearnerReadinessPoint(at=now - timedelta(days=20), value=25)],
        cleo.id: [LearnerReadinessPoint(at=now - timedelta(days=3), value=62)],
    }
    sources = default_sources(app)
    sources.readiness = readiness
    app._services[MonitoringService] = MonitoringService(app.db, app.profiles, sources, clock)
    app.settings.advisor.show_tools = True  # an advisor's own computer (Settings)
    ctx = UiContext(app, profile_id=ana.id)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    tab = window.show_tab("advisor")
    qtbot.waitUntil(lambda: tab.cohort is not None, timeout=5000)
    yield SimpleNamespace(
        app=app, ctx=ctx, window=window, tab=tab, clock=clock, ana=ana, ben=ben, cleo=cleo
    )
    ctx.runner.wait_idle(10)
    ctx.shutdown()
    app.close(backup=False)


def _shown(tab) -> list[str]:  # type: ignore[no-untyped-def]
    return [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())]


def test_table_shows_every_learner_with_flags(cohort) -> None:  # type: ignore[no-untyped-def]
    tab = cohort.tab
    rows = {r.name: r for r in tab.cohort.rows}
    assert rows["Ana"].flags == [IMPROVING_FAST]
    assert rows["Ben"].flags == [NEEDS_SUPPORT, STALLED]
    assert rows["=Cleo"].flags == []
    assert "1 need support" in tab.summary.text() and "1 stalled" in tab.summary.text()
    # Flagged learners first (default sort: flags, descending).
    assert _shown(tab)[0] == "Ben"
    assert tab.model.headerData(2, Qt.Orientation.Horizontal) == "Readiness"


def test_stall_flag_follows_the_injected_clock(cohort, qtbot) -> None:  # type: ignore[no-untyped-def]
    cohort.clock.advance(days=14)
    cohort.tab.refresh()
    qtbot.waitUntil(lambda: all(STALLED in r.flags for r in cohort.tab.cohort.rows), timeout=5000)


def test_thresholds_change_the_flags(cohort, qtbot) -> None:  # type: ignore[no-untyped-def]
    service = cohort.app.service(MonitoringService)
    service.set_config(MonitoringConfig(needs_support_below=60, stall_days=30))
    cohort.tab.refresh()
    qtbot.waitUntil(
        lambda: (
            {r.name: r.flags for r in cohort.tab.cohort.rows}["Ana"]
            == [NEEDS_SUPPORT, IMPROVING_FAST]
        ),
        timeout=5000,
    )
    assert STALLED not in {r.name: r for r in cohort.tab.cohort.rows}["Ben"].flags


def test_sort_and_filter(cohort) -> None:  # type: ignore[no-untyped-def]
    tab = cohort.tab
    tab.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert _shown(tab) == ["Ben", "Ana", "=Cleo"]  # by readiness, numerically
    tab.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert _shown(tab)[0] == "Ben"  # longest inactive first
    tab.search.setText("an")
    assert _shown(tab) == ["Ana"]
    tab.search.clear()
    tab.flag_filter.setCurrentIndex(tab.flag_filter.findData(STALLED))
    assert _shown(tab) == ["Ben"]
    tab.flag_filter.setCurrentIndex(tab.flag_filter.findData(CohortFilter.ANY_FLAG))
    assert sorted(_shown(tab)) == ["Ana", "Ben"]


def test_open_learner_switches_the_window(cohort) -> None:  # type: ignore[no-untyped-def]
    tab = cohort.tab
    for r in range(tab.proxy.rowCount()):
        if tab.proxy.index(r, 0).data(PROFILE_ROLE) == cohort.ben.id:
            tab.table.selectRow(r)
    assert tab.open_button.isEnabled()
    tab.open_selected()
    assert cohort.ctx.profile_id == cohort.ben.id
    assert cohort.window.tabs.tabText(cohort.window.tabs.currentIndex()) == "Home"
    assert "Ben" in cohort.window.windowTitle()


def test_csv_export_is_safe(cohort, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "cohort.csv"
    cohort.tab.write_csv(out)
    qtbot.waitUntil(out.exists, timeout=5000)
    cohort.ctx.runner.wait_idle(5)
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    names = [r["name"] for r in rows]
    assert "'=Cleo" in names and "=Cleo" not in names
    assert {r["name"]: r["flags"] for r in rows}["Ben"] == "needs support; stalled"


@pytest.mark.parametrize("suffix", [".pdf", ".png"])
def test_learner_report(cohort, qtbot, tmp_path: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"ana{suffix}"
    cohort.tab.write_report(cohort.ana.id, out)
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 1000, timeout=15000)
    cohort.ctx.runner.wait_idle(10)
    if suffix == ".pdf":
        from pypdf import PdfReader

        text = PdfReader(str(out)).pages[0].extract_text()
        assert "Learner report" in text and "Ana" in text
        assert "improving fast" in text
        assert "Ben" not in text  # one learner per report
    else:
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_advisor_rates_a_skill_with_a_note_and_sees_what_is_unmeasured(cohort, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.core.skills.ledger import read_evidence
    from careerdesk.core.skills.service import SkillProfileService

    skills = cohort.app.service(SkillProfileService)
    skills.set_target_roles(cohort.ben.id, ["data_analyst"])
    skills.set_self_rating(cohort.ben.id, "sql", 70)
    tab = cohort.tab
    tab.select_profile(cohort.ben.id)
    dialog = tab.rate_selected()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded is not None, timeout=5000)
    role = [rs.skill for rs in skills.target_role(cohort.ben.id).skills]
    # Nothing has measured any of Ben's target-role skills: a self-rating does not count.
    assert dialog.unmeasured_skills() == role
    assert "SQL" in dialog.unmeasured.text()
    sql_row = next(
        dialog.table.topLevelItem(i)
        for i in range(dialog.table.topLevelItemCount())
        if dialog.table.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "sql"
    )
    assert sql_row.text(2) == "Not measured yet (self-rating only)"
    assert sql_row.text(1) == "70 · self-rated"

    dialog.table.setCurrentItem(sql_row)
    assert dialog.skill.currentData() == "sql"
    dialog.level.setValue(40)
    dialog.note.setText("Wrote a correct join unaided")
    qtbot.mouseClick(dialog.save_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Saved: SQL rated 40" in dialog.status.text(), timeout=5000)
    qtbot.waitUntil(lambda: "sql" not in dialog.unmeasured_skills(), timeout=5000)

    with cohort.app.db.read() as s:
        got = [e for e in read_evidence(s, cohort.ben.id) if e.kind == "advisor_rating"]
    assert [(e.skill_id, e.value) for e in got] == [("sql", 40.0)]
    assert skills.advisor_ratings(cohort.ben.id)["sql"].note == "Wrote a correct join unaided"
    # Self-rating 70 (sd 25) then the advisor's 40 (sd 10): k = 625/725, 70 − 0.862·30 = 44.1.
    assert skills.estimates(cohort.ben.id)["sql"].estimate == 44.1
    row = next(
        dialog.table.topLevelItem(i)
        for i in range(dialog.table.topLevelItemCount())
        if dialog.table.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "sql"
    )
    assert row.text(2).startswith("Measured by") and "advisor" in row.text(2)
    assert row.text(3) == "40 — Wrote a correct join unaided"
    dialog.close()


def test_a_learner_never_sees_the_advisor_tab_unless_it_is_turned_on(
    sqlite_app, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    from careerdesk.ui.settings.dialog import SettingsDialog
    from careerdesk.ui.settings.pages.kiosk import KioskPage
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

    me = sqlite_app.profiles.create("Dee")  # a lone job seeker, readiness 0: "needs support"
    ctx = UiContext(sqlite_app, profile_id=me.id)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert not sqlite_app.settings.advisor.show_tools  # off by default
    assert "Advisor" not in window.tab_titles()
    for key in [h.key for h in window._headers]:
        window.show_tab(key)
    ctx.runner.wait_idle(10)
    texts = " ".join(w.text() for w in window.findChildren(QLabel)).lower()
    assert "needs support" not in texts  # no screen of theirs flags them

    # An advisor turns the tools on in Settings: the tab appears after the dialog closes.
    def turn_on(dialog: SettingsDialog) -> int:
        page = dialog.findChild(KioskPage)
        assert page is not None
        page.advisor_tools.setChecked(True)
        return 0

    monkeypatch.setattr(SettingsDialog, "exec", turn_on)
    window.open_settings()
    assert sqlite_app.settings.advisor.show_tools
    assert "Advisor" in window.tab_titles()
    ctx.runner.wait_idle(10)
    ctx.shutdown()
