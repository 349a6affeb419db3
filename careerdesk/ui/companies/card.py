"""The company card window: facts, notes and links, history, tech stack and online research.

The card loads in the background and reloads when the company or one of its applications
changes. Edits are saved with *Save* (Ctrl+S); closing with unsaved edits asks first.
Online research runs only when asked (the buttons), in the parallel pool because it waits on
the network; the service reuses results younger than 30 days unless *Refresh* is pressed.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.companies.events import CompanyChanged
from careerdesk.core.companies.models import CompanyCard
from careerdesk.core.companies.service import CompanyService
from careerdesk.core.kernel.events import DomainEvent
from careerdesk.core.pipeline.events import ApplicationChanged
from careerdesk.core.reference.tech_names import short_tech_name
from careerdesk.ui.common import formatting, theme
from careerdesk.ui.common.messages import plain_error
from careerdesk.ui.shell.context import UiContext

SIZES = ("", "1–10", "11–50", "51–200", "201–1,000", "1,001–5,000", "5,001–10,000", "10,000+")


class _Css:
    """Inline styles for the card's rich text, in the theme in force when it is built."""

    def __init__(self, make: Callable[[], str]) -> None:
        self._make = make

    def __str__(self) -> str:
        return self._make()


MUTED = _Css(lambda: f"color:{theme.hex_of('muted')}")
AI_CSS = _Css(
    lambda: (
        f"background:{theme.hex_of('info_bg')}; border:1px solid {theme.hex_of('border')};"
        " border-radius:4px; padding:6px"
    )
)


def _chips(items: list[tuple[str, int]], unit: str) -> str:
    if not items:
        return ""
    top = max(n for _, n in items)
    rows = []
    for name, n in items[:12]:
        blocks = "█" * max(1, round(16 * n / top))  # rich text has no sized boxes; blocks do
        rows.append(
            f"<tr><td style='padding-right:8px'>{html.escape(name)}</td>"
            f"<td style='color:{theme.hex_of('accent')}'>{blocks}</td>"
            f"<td style='{MUTED}; padding-left:6px'>{n} {unit}{'s' if n != 1 else ''}</td></tr>"
        )
    return f"<table cellspacing='2'>{''.join(rows)}</table>"


@runtime_checkable
class OpensApplications(Protocol):
    """The Pipeline tab as the card sees it (the card must not import the tab: it is opened
    from there)."""

    def open_detail(self, app_id: int) -> None: ...


class CompanyCardWindow(QDialog):
    """One company's card (non-modal)."""

    def __init__(
        self,
        ctx: UiContext,
        profile_id: int,
        name: str,
        parent: QWidget | None,
        *,
        allow_new: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profile_id = profile_id
        self.name = name
        self.allow_new = allow_new
        self.card: CompanyCard | None = None
        self._loaded_fields: dict[str, Any] | None = None
        self.svc = ctx.service(CompanyService)
        self.setWindowTitle(f"{name} — company card")
        self.resize(980, 700)
        outer = QVBoxLayout(self)

        head = QHBoxLayout()
        self.heading = QLabel(
            f"<span style='font-size:16pt; font-weight:600'>{html.escape(name)}</span>"
        )
        head.addWidget(self.heading, 1)
        self.completeness = QProgressBar()
        self.completeness.setRange(0, 100)
        self.completeness.setFormat("%p% complete")
        self.completeness.setToolTip("How much of the card is known (see the line below)")
        self.completeness.setFixedWidth(200)
        head.addWidget(self.completeness)
        outer.addLayout(head)
        self.unknown = QLabel()
        theme.set_tone(self.unknown, "muted")
        self.unknown.setWordWrap(True)
        outer.addWidget(self.unknown)

        body = QHBoxLayout()
        outer.addLayout(body, 1)
        left = QVBoxLayout()
        body.addLayout(left, 1)
        facts = theme.section_box("About the company")
        form = QFormLayout(facts)
        self.website = QLineEdit()
        self.website.setPlaceholderText("https://…")
        self.industry = QLineEdit()
        self.industry.setPlaceholderText("e.g. Banking, Media, Retail")
        self.size_box = QComboBox()
        self.size_box.setEditable(True)
        self.size_box.addItems(SIZES)
        size_edit = self.size_box.lineEdit()  # there is one: the box is editable
        if size_edit is not None:
            size_edit.setPlaceholderText("employees")
        self.location = QLineEdit()
        self.github_org = QLineEdit()
        self.links = QPlainTextEdit()
        self.links.setPlaceholderText("Useful links, one per line (careers page, Glassdoor, blog…)")
        self.links.setFixedHeight(70)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Your notes: people you know there, culture, questions…")
        for label, widget in (
            ("Website", self.website),
            ("Industry", self.industry),
            ("Size", self.size_box),
            ("Location", self.location),
            ("GitHub organisation", self.github_org),
            ("Useful links", self.links),
            ("Notes", self.notes),
        ):
            form.addRow(label, widget)
            widget.setAccessibleName(label)
        left.addWidget(facts, 1)
        save_row = QHBoxLayout()
        self.error = QLabel()
        theme.set_tone(self.error, "danger")
        self.error.setWordWrap(True)
        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Save the card (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        save_row.addWidget(self.error, 1)
        save_row.addWidget(self.save_button)
        left.addLayout(save_row)

        right = QVBoxLayout()
        body.addLayout(right, 1)
        self.history_box = theme.section_box("Your history with them")
        hv = QVBoxLayout(self.history_box)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.history.setOpenExternalLinks(False)
        self.history.linkActivated.connect(self._open_application)
        hv.addWidget(self.history)
        right.addWidget(self.history_box)
        stack_box = theme.section_box("Tech stack (from their postings)")
        sv = QVBoxLayout(stack_box)
        self.stack = QLabel()
        self.stack.setWordWrap(True)
        sv.addWidget(self.stack)
        right.addWidget(stack_box)
        ai_box = theme.section_box("Summary")
        av = QVBoxLayout(ai_box)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        av.addWidget(self.summary)
        self.summary_button = QPushButton("Summarise with Gemini")
        self.summary_button.clicked.connect(lambda: self.research("summary"))
        av.addWidget(self.summary_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(ai_box)
        gh_box = theme.section_box("Languages of their public GitHub code")
        gv = QVBoxLayout(gh_box)
        self.languages = QLabel()
        self.languages.setWordWrap(True)
        self.languages.setTextFormat(Qt.TextFormat.RichText)
        gv.addWidget(self.languages)
        self.github_button = QPushButton("Fetch from GitHub")
        self.github_button.clicked.connect(lambda: self.research("github"))
        gv.addWidget(self.github_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(gh_box)
        right.addStretch(1)
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.activated.connect(self.save)
        ctx.events.domain_event.connect(self._on_event)
        self.reload()

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        def fetch(_s: Any) -> CompanyCard:
            return self.svc.card(self.profile_id, self.name, allow_new=self.allow_new)

        def done(card: CompanyCard) -> None:
            if shiboken6.isValid(self):  # closed while it loaded: nothing to show
                self.show_card(card)

        self.ctx.runner.run(fetch, name="company-card", on_success=done)

    def _on_event(self, event: DomainEvent) -> None:
        if event.profile_id != self.profile_id or self.card is None:
            return
        if isinstance(event, CompanyChanged) and event.key == self.card.key:
            self.reload()
        elif isinstance(event, ApplicationChanged):
            self.reload()  # a cheap read; history and stack may have changed

    def show_card(self, card: CompanyCard) -> None:
        keep_edits = self.is_dirty()
        self.card = card
        self.name = card.name
        self.setWindowTitle(f"{card.name} — company card")
        self.heading.setText(
            f"<span style='font-size:16pt; font-weight:600'>{html.escape(card.name)}</span>"
        )
        self.completeness.setValue(card.completeness)
        self.unknown.setText(
            "Still unknown: " + ", ".join(card.unknown) + "." if card.unknown else "Card complete."
        )
        if not keep_edits:
            self._fill(card)
        self.github_org.setPlaceholderText(f"{card.suggested_org} (guessed from the name)")
        self.history_box.setTitle(f"Your history with them: {card.history_line()}")
        self.history.setText(self._history_html(card))
        self.stack.setText(
            _chips([(short_tech_name(t.name), t.postings) for t in card.tech_stack], "posting")
            or f"<span style='{MUTED}'>No technologies named in their postings yet.</span>"
        )
        self._show_summary(card)
        self._show_languages(card)

    def _fill(self, card: CompanyCard) -> None:
        f = card.fields
        self.website.setText(f.website)
        self.industry.setText(f.industry)
        self.size_box.setCurrentText(f.size)
        self.location.setText(f.location)
        self.github_org.setText(f.github_org)
        self.links.setPlainText("\n".join(f.links))
        self.notes.setPlainText(f.notes)
        self._loaded_fields = self.values()

    def _history_html(self, card: CompanyCard) -> str:
        rows = []
        for h in card.history:
            when = (
                f"applied {formatting.date(h.applied_on)}"
                if h.applied_on
                else (f"saved {formatting.date(h.created_at)}")
            )
            bits = [h.state.label, when]
            if h.interviews:
                passed = sum(1 for o in h.interview_outcomes if o == "passed")
                bits.append(
                    f"{h.interviews} interview{'s' if h.interviews != 1 else ''}"
                    + (f" ({passed} passed)" if passed else "")
                )
            if h.offers:
                bits.append("offer")
            rows.append(
                f"<div><a href='app:{h.application_id}'>{html.escape(h.title)}</a> "
                f"<span style='{MUTED}'>· {html.escape(' · '.join(bits))}</span></div>"
            )
        return "".join(rows) or f"<span style='{MUTED}'>No applications yet.</span>"

    def _show_summary(self, card: CompanyCard) -> None:
        s = card.summary
        if s is None:
            self.summary.setText(
                f"<span style='{MUTED}'>No summary yet. When you are online, Gemini can write a "
                "short briefing (needs an API key in Settings → AI).</span>"
            )
            self.summary_button.setText("Summarise with Gemini")
            return
        age = "" if s.fresh else " · older than 30 days"
        self.summary.setText(
            f"<div style='{AI_CSS}'>{html.escape(s.text)}</div>"
            f"<div style='{MUTED}'>AI-generated by {html.escape(s.by)} on {formatting.date(s.at)}"
            f"{age}. It may be wrong or out of date.</div>"
        )
        self.summary_button.setText("Refresh summary")

    def _show_languages(self, card: CompanyCard) -> None:
        g = card.github
        if g is None:
            self.languages.setText(
                f"<span style='{MUTED}'>Not fetched yet. GitHub's public API is asked for the "
                f"repositories of github.com/{html.escape(card.suggested_org or '…')} (no "
                "account needed).</span>"
            )
            self.github_button.setText("Fetch from GitHub")
            return
        age = "" if g.fresh else " · older than 30 days"
        table = _chips([(t.name, t.postings) for t in g.languages], "repo") or (
            "No languages in its public repositories."
        )
        self.languages.setText(
            f"{table}<div style='{MUTED}'>github.com/{html.escape(g.org)}: {g.repos} public "
            f"repositories, fetched {formatting.date(g.at)}{age}.</div>"
        )
        self.github_button.setText("Refresh from GitHub")

    # -- editing ---------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {
            "website": self.website.text().strip(),
            "industry": self.industry.text().strip(),
            "size": self.size_box.currentText().strip(),
            "location": self.location.text().strip(),
            "github_org": self.github_org.text().strip(),
            "links": [x.strip() for x in self.links.toPlainText().splitlines() if x.strip()],
            "notes": self.notes.toPlainText().strip(),
        }

    def is_dirty(self) -> bool:
        return self._loaded_fields is not None and self.values() != self._loaded_fields

    def save(self, *, closing: bool = False) -> None:
        """Save the fields in the background; ``closing``: the window will be gone by then."""
        values = self.values()
        svc, pid, name, ctx = self.svc, self.profile_id, self.name, self.ctx

        def done(card: CompanyCard) -> None:
            ctx.status(f"Saved the {card.name} card", 4000)
            if not closing and shiboken6.isValid(self):
                self.error.setText("")
                self._loaded_fields = None
                self.show_card(card)

        def failed(exc: BaseException) -> None:
            if closing or not shiboken6.isValid(self):
                ctx.report(exc)
            else:
                self.error.setText(plain_error(exc, "save the company"))

        ctx.runner.run(
            lambda _s: svc.update(pid, name, values),
            write=True,
            name="save-company",
            on_success=done,
            on_error=failed,
        )

    def research(self, what: str) -> None:
        """Ask Gemini / GitHub (cached for 30 days; pressing again on a shown result refreshes)."""
        if self.card is None:
            return
        refresh = (self.card.summary if what == "summary" else self.card.github) is not None
        button = self.summary_button if what == "summary" else self.github_button
        label = button.text()
        button.setEnabled(False)
        button.setText("Asking Gemini…" if what == "summary" else "Asking GitHub…")
        call = self.svc.summarise if what == "summary" else self.svc.fetch_languages

        def finish() -> bool:
            if not shiboken6.isValid(self):
                return False  # closed while asking; the result is cached for next time
            button.setEnabled(True)
            button.setText(label)
            return True

        def done(card: CompanyCard) -> None:
            if finish():
                self.show_card(card)

        def failed(exc: BaseException) -> None:
            if finish():
                QMessageBox.warning(
                    self,
                    "Could not look it up",
                    plain_error(exc, "look this company up"),
                )

        self.ctx.runner.run(
            lambda _s: call(self.profile_id, self.name, refresh=refresh),
            name=f"company-{what}",
            on_success=done,
            on_error=failed,
        )

    def _open_application(self, link: str) -> None:
        kind, _, value = link.partition(":")
        window = self.ctx.window
        if kind == "app" and value.isdigit() and window is not None:
            tab = window.show_tab("pipeline")
            if isinstance(tab, OpensApplications):
                tab.open_detail(int(value))
                window.activateWindow()

    def _may_close(self) -> bool:
        """Ask about unsaved edits; False when the learner chose to stay."""
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            f"Save your changes to the {self.name} card?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            self.save(closing=True)
        self._loaded_fields = None  # answered: do not ask again while closing
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close():
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        """Esc and the window's close button: ask about unsaved edits, then go away."""
        if self._may_close():
            super().reject()
            self.deleteLater()
