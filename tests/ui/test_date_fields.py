"""Every date a learner types or picks is in the app's one date format (issue 18).

The expected patterns are written out from the en_GB locale the UI tests pin
(tests/ui/conftest.py): the medium date "26 Nov 2026" is "d MMM yyyy", the short time "HH:mm".
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QDialog, QWidget

from tests.ui.screens import demo_window, main_dialogs

__all__ = ["demo_window"]

DAY_FORMAT = "d MMM yyyy"  # "26 Nov 2026"
MOMENT_FORMAT = "d MMM yyyy, HH:mm"  # "26 Nov 2026, 14:00"


def _settle(window: Any) -> None:
    for _ in range(3):
        QCoreApplication.processEvents()
    window.ctx.runner.wait_idle(10)
    QCoreApplication.processEvents()


def _screens(window: Any) -> Iterator[tuple[str, QWidget]]:
    """Every tab (and every Pipeline view, with an application open) and the dialogs that
    hold dates."""
    from careerdesk.core.offers.models import OfferFacts
    from careerdesk.core.pipeline.service import ApplicationService
    from careerdesk.core.postings.models import PostingProposal
    from careerdesk.ui.interviews.practice_dialog import PracticeDialog
    from careerdesk.ui.pipeline import forms
    from careerdesk.ui.pipeline.views.offers import TermsDialog
    from careerdesk.ui.postings.review import PostingReviewDialog

    for header in window._headers:
        tab = window.show_tab(header.key)
        _settle(window)
        yield f"tab {header.key}", tab
        if header.key == "pipeline":
            svc = window.ctx.service(ApplicationService)
            first = svc.list(window.ctx.profile_id)[0]
            tab.open_detail(first.id)
            _settle(window)
            yield "pipeline detail", tab
            for key in list(tab._view_keys):
                yield f"pipeline view {key}", tab.show_view(key)
                _settle(window)
    yield from main_dialogs(window)
    yield "interview", forms.interview_dialog(window)
    yield "offer", forms.offer_dialog(window)
    facts = OfferFacts(offer_id=1, application_id=1, company="Globex", title="Analyst")
    yield "offer terms", TermsDialog(facts, window)
    yield "practice interview", PracticeDialog(window.ctx, None, window)
    proposal = PostingProposal(company="Acme", title="Data analyst", deadline=date(2026, 11, 26))
    yield "posting review", PostingReviewDialog(proposal, window)


def test_every_date_field_uses_the_apps_date_format(demo_window: Any) -> None:
    window = demo_window
    window.resize(1440, 900)
    found: dict[str, list[str]] = {}
    problems = []
    for screen, root in _screens(window):
        for edit in root.findChildren(QDateTimeEdit):
            kind = "day" if isinstance(edit, QDateEdit) else "moment"
            want = DAY_FORMAT if kind == "day" else MOMENT_FORMAT
            found.setdefault(screen, []).append(kind)
            if edit.displayFormat() != want:
                problems.append(
                    f"{screen}: {edit.accessibleName()!r} shows {edit.displayFormat()!r}"
                )
            if not edit.calendarPopup():
                problems.append(f"{screen}: {edit.accessibleName()!r} has no calendar")
        if isinstance(root, QDialog):
            root.deleteLater()
    assert not problems, "\n".join(problems)
    # The fields this issue moved to the one format are all there (a screen that lost its
    # date field, or a date typed into a plain text box again, fails here).
    assert found["pipeline detail"].count("day") >= 2  # applied on, apply by
    assert found["new application"] == ["day"]  # apply by
    assert found["interview"] == ["moment"]
    assert found["offer"] == ["day", "day"]  # received on, reply by
    assert found["offer terms"] == ["day"]
    assert found["practice interview"] == ["moment"]
    assert found["posting review"] == ["day"]


def test_an_optional_day_shows_not_set_types_and_clears(qtbot: Any) -> None:
    from careerdesk.ui.common.date_field import DateField

    field = DateField(optional=True)
    qtbot.addWidget(field)
    field.show()
    assert field.value() is None and field.text() == "Not set"
    field.set_value(date(2026, 11, 26))
    assert field.text() == "26 Nov 2026" and field.value() == date(2026, 11, 26)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.value() is None
    # An arrow key in an empty field starts from today, not from the "Not set" sentinel.
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.value() == date.today()
    # Text in the app's format (typed or pasted) is read back.
    field.lineEdit().setText("3 Mar 2027")
    field.interpretText()
    assert field.value() == date(2027, 3, 3)
    assert field.date() == QDate(2027, 3, 3)


def test_a_moment_is_stored_as_before_utc(qtbot: Any) -> None:
    from careerdesk.ui.common.date_field import DateTimeField

    moment = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    field = DateTimeField(moment)
    qtbot.addWidget(field)
    assert field.value() == moment
    local = moment.astimezone()
    assert field.text() == f"{local.day} {local:%b %Y}, {local:%H:%M}"
