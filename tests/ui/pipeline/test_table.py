"""Table: search in the model (words, field:value), column filters, sort, kept selection."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from careerdesk.core.pipeline.models import ApplicationRow
from careerdesk.core.pipeline.states import State
from careerdesk.ui.pipeline.table import STATE_FILTERS
from careerdesk.ui.pipeline.table_model import COLUMN_KEYS, ApplicationTableModel

NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)


def _row(i: int, company: str, title: str, state: State = State.APPLIED, **kw) -> ApplicationRow:  # type: ignore[no-untyped-def]
    return ApplicationRow(
        id=i,
        profile_id=1,
        company=company,
        title=title,
        state=state,
        created_at=NOW,
        updated_at=NOW.replace(hour=i % 24),
        state_changed_at=NOW,
        **kw,
    )


def _companies(model: ApplicationTableModel) -> list[str]:
    return [model.row_at(r).company for r in range(model.rowCount())]


def test_search_words_and_field_tokens() -> None:
    model = ApplicationTableModel(lambda: NOW)
    model.set_rows(
        [
            _row(1, "Acme", "Data Analyst", source="LinkedIn", tags=["python"]),
            _row(2, "Globex", "Data Engineer", State.SCREENING, location="Leeds"),
            _row(3, "Initech", "Analyst", State.SAVED, remote="yes"),
        ]
    )
    model.set_search("data")
    assert sorted(_companies(model)) == ["Acme", "Globex"]
    model.set_search("data eng")  # narrowing: all words must match
    assert _companies(model) == ["Globex"]
    model.set_search("status:screening")
    assert _companies(model) == ["Globex"]
    model.set_search("tag:python")
    assert _companies(model) == ["Acme"]
    model.set_search("remote:remote analyst")
    assert _companies(model) == ["Initech"]
    model.set_search("ANALYST")  # case does not matter
    assert sorted(_companies(model)) == ["Acme", "Initech"]
    model.set_search("")
    assert len(_companies(model)) == 3


def test_column_filters_and_sort() -> None:
    model = ApplicationTableModel(lambda: NOW)
    model.set_rows(
        [
            _row(1, "beta", "X", salary_max=50_000, source="LinkedIn"),
            _row(2, "Alpha", "X", State.REJECTED, salary_max=90_000, source="Referral"),
            _row(3, "Çeta", "X", State.SAVED, salary_min=70_000, source="linkedin"),
        ]
    )
    model.sort(COLUMN_KEYS.index("company"), Qt.SortOrder.AscendingOrder)
    assert _companies(model) == ["Alpha", "beta", "Çeta"]
    model.sort(COLUMN_KEYS.index("salary"), Qt.SortOrder.DescendingOrder)
    assert _companies(model) == ["Alpha", "Çeta", "beta"]
    model.set_filters(states=frozenset({State.SAVED, State.APPLIED}))
    assert _companies(model) == ["Çeta", "beta"]
    model.set_filters(source="LinkedIn")
    assert sorted(_companies(model)) == ["beta", "Çeta"]
    assert model.sources() == ["LinkedIn", "Referral"]


def test_upsert_and_remove_keep_the_selected_row(tab, svc, apps, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab.show_view("table")
    table = tab.table
    assert table.select(apps["initech"])
    svc.update(apps["acme"], {"title": "Senior Data Analyst"})  # moves Acme to the top
    qtbot.waitUntil(lambda: table.model.row_at(0).title == "Senior Data Analyst")
    assert table.current_id() == apps["initech"]
    svc.delete(apps["globex"])
    qtbot.waitUntil(lambda: table.model.total == 2)
    assert table.current_id() == apps["initech"]
    assert "2 applications" in table.count_label.text()


def test_table_filters_and_empty_match(tab, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab.show_view("table")
    tab.search.setText("zzz-not-there")
    assert tab.table.stack.currentWidget() is tab.table.no_match
    assert "0 of 3 shown" in tab.table.count_label.text()
    tab.table.clear_button.click()
    assert tab.search.text() == "" and tab.table.stack.currentWidget() is tab.table.view
    tab.table.state_filter.setCurrentIndex([t for t, _s in STATE_FILTERS].index("Screening"))
    assert tab.table.model.rowCount() == 1
