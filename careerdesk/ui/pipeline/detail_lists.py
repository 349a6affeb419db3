"""Interviews, offers (with counter-offer rounds), contacts and documents in the detail panel.

Every add, edit and removal becomes an undo command pushed on the panel's stack.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.pipeline.models import (
    ApplicationDetail,
    ContactInput,
    InterviewInput,
    OfferInput,
)
from careerdesk.ui.common import desktop, formatting, theme
from careerdesk.ui.pipeline import forms, undo
from careerdesk.ui.pipeline.style import date_text, local_time, money
from careerdesk.ui.shell.context import UiContext

Push = Callable[[QUndoCommand], None]


def _pair(asked: int | None, answer: int | None) -> str:
    if asked is None and answer is None:
        return ""
    return f"{money(asked) or '…'} → {money(answer) or '…'}"


def _fields(obj: Any, model: type[BaseModel]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in model.model_fields}


class _ListTab(QWidget):
    """A tree of records with buttons underneath."""

    def __init__(self, ctx: UiContext, push: Push, headers: list[str], empty: str) -> None:
        super().__init__()
        self.ctx, self.push = ctx, push
        self.detail: ApplicationDetail | None = None
        self.on_edit: Callable[[], None] | None = None
        self.main_layout = layout = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(headers)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemDoubleClicked.connect(lambda _i, _c: self.edit())
        self.empty = QLabel(empty)
        self.empty.setWordWrap(True)
        theme.set_tone(self.empty, "muted")
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        self.buttons = QHBoxLayout()
        layout.addLayout(self.buttons)

    def button(
        self, text: str, slot: Callable[[], None], needs_selection: bool = False
    ) -> QPushButton:
        b = QPushButton(text)
        b.clicked.connect(slot)
        if needs_selection:
            b.setEnabled(False)
            self.tree.currentItemChanged.connect(lambda cur, _prev: b.setEnabled(cur is not None))
        self.buttons.addWidget(b)
        return b

    def selected(self) -> Any:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def fill(self, items: list[tuple[list[str], Any, list[tuple[list[str], Any]]]]) -> None:
        self.tree.clear()
        for texts, data, children in items:
            item = QTreeWidgetItem(texts)
            item.setData(0, Qt.ItemDataRole.UserRole, data)
            for ctexts, cdata in children:
                child = QTreeWidgetItem(ctexts)
                child.setData(0, Qt.ItemDataRole.UserRole, cdata)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
        self.tree.expandAll()
        for col in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(col)
            self.tree.setColumnWidth(col, min(self.tree.columnWidth(col), 190))
        self.empty.setVisible(not items)
        self.tree.setVisible(bool(items))

    def edit(self) -> None:
        """Double-click: subclasses override it; a plain list runs ``on_edit``."""
        if self.on_edit is not None:
            self.on_edit()

    def confirm(self, text: str) -> bool:
        return QMessageBox.question(self, "Remove", text) == QMessageBox.StandardButton.Yes


def scores_text(interview: Any) -> str:
    """ "Communication 80 · Technical 70" for the scores recorded, "" without any."""
    from careerdesk.core.skills.rules import INTERVIEW_SKILL_NAMES, INTERVIEW_SKILLS

    return " · ".join(
        f"{INTERVIEW_SKILL_NAMES[d]} {getattr(interview, d)}"
        for d in INTERVIEW_SKILLS
        if getattr(interview, d, None) is not None
    )


class InterviewsTab(_ListTab):
    def __init__(self, ctx: UiContext, push: Push) -> None:
        super().__init__(
            ctx,
            push,
            ["When", "Kind", "Title", "Interviewers", "Outcome", "How it went"],
            "No interviews yet. Schedule one when an employer invites you: it shows on the "
            "card and the timeline.",
        )
        self.button("Schedule…", self.add)
        self.button("Edit…", self.edit, True)
        self.button("Remove", self.remove, True)
        self.buttons.addStretch(1)

    def show_detail(self, detail: ApplicationDetail) -> None:
        self.detail = detail
        self.fill(
            [
                (
                    [
                        local_time(i.starts_at),
                        forms.LABELS[i.kind],
                        i.title,
                        ", ".join(i.interviewers),
                        forms.LABELS[i.outcome],
                        scores_text(i),
                    ],
                    i,
                    [],
                )
                for i in detail.interviews
            ]
        )

    def add(self) -> None:
        if self.detail is None:
            return
        d = forms.interview_dialog(self)
        if d.exec():
            self.push(undo.add_child(self.ctx, "interview", self.detail.id, d.result_data))

    def edit(self) -> None:
        current = self.selected()
        if current is None:
            return
        d = forms.interview_dialog(self, current)
        if d.exec():
            old = {k: getattr(current, k) for k in d.result_data}
            self.push(undo.update_child(self.ctx, "interview", current.id, old, d.result_data))

    def remove(self) -> None:
        current = self.selected()
        if current is not None and self.detail and self.confirm("Remove this interview?"):
            self.push(
                undo.remove_child(
                    self.ctx,
                    "interview",
                    self.detail.id,
                    current.id,
                    _fields(current, InterviewInput),
                )
            )


class OffersTab(_ListTab):
    def __init__(self, ctx: UiContext, push: Push) -> None:
        super().__init__(
            ctx,
            push,
            ["Offer", "Base", "Bonus", "Reply by", "Status"],
            "No offer yet. Record it here when it arrives, then add each counter-offer round.",
        )
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.main_layout.insertWidget(2, self.info)
        self.tree.currentItemChanged.connect(lambda _c, _p: self._show_info())
        self.button("Record offer…", self.add)
        self.round_button = self.button("Add counter-offer…", self.add_round, True)
        self.button("Edit…", self.edit, True)
        self.button("Remove", self.remove, True)
        self.buttons.addStretch(1)

    def show_detail(self, detail: ApplicationDetail) -> None:
        self.detail = detail
        items = []
        for o in detail.offers:
            received = f", {formatting.day_month(o.received_on)}" if o.received_on else ""
            rounds = [
                (
                    [
                        f"Counter-offer {r.number} ({formatting.day_month(r.at)})",
                        _pair(r.requested_base, r.response_base),
                        _pair(r.requested_bonus, r.response_bonus),
                        "",
                        "",
                    ],
                    o,
                )
                for r in o.rounds
            ]
            cur = f" {o.currency}" if o.currency else ""
            items.append(
                (
                    [
                        f"Offer{received}",
                        f"{money(o.base)}{cur}",
                        money(o.bonus),
                        date_text(o.deadline),
                        forms.LABELS[o.status],
                    ],
                    o,
                    rounds,
                )
            )
        self.fill(items)
        self.tree.setToolTip("Counter-offers: what you asked → what they offered back.")
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._show_info()

    def _show_info(self) -> None:
        """Equity, notes and the counter-offer notes of the selected offer."""
        offer = self.selected()
        if offer is None:
            self.info.clear()
            return
        lines = []
        if offer.equity:
            lines.append(f"<b>Equity:</b> {html.escape(offer.equity)}")
        if offer.notes:
            lines.append(f"<b>Notes:</b> {html.escape(offer.notes)}")
        for r in offer.rounds:
            equity = " → ".join(x for x in (r.requested_equity, r.response_equity) if x)
            bits = [f"equity {html.escape(equity)}"] if equity else []
            bits += [html.escape(r.note)] if r.note else []
            if bits:
                lines.append(f"<b>Counter-offer {r.number}:</b> {'; '.join(bits)}")
        self.info.setText("<br>".join(lines))

    def add(self) -> None:
        if self.detail is None:
            return
        d = forms.offer_dialog(self, currency=self.detail.currency)
        if d.exec():
            self.push(undo.add_child(self.ctx, "offer", self.detail.id, d.result_data))

    def add_round(self) -> None:
        offer = self.selected()
        if offer is None:
            return
        d = forms.round_dialog(self)
        if d.exec():
            self.push(undo.add_round(self.ctx, offer.id, d.result_data))

    def edit(self) -> None:
        offer = self.selected()
        if offer is None:
            return
        d = forms.offer_dialog(self, offer)
        if d.exec():
            old = {k: getattr(offer, k) for k in d.result_data}
            self.push(undo.update_child(self.ctx, "offer", offer.id, old, d.result_data))

    def remove(self) -> None:
        offer = self.selected()
        if (
            offer is not None
            and self.detail
            and self.confirm("Remove this offer and its counter-offer rounds?")
        ):
            self.push(
                undo.remove_child(
                    self.ctx, "offer", self.detail.id, offer.id, _fields(offer, OfferInput)
                )
            )


class PeopleTab(QWidget):
    """Contacts and the documents used for this application."""

    def __init__(self, ctx: UiContext, push: Push) -> None:
        super().__init__()
        self.ctx, self.push = ctx, push
        self.detail: ApplicationDetail | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.contacts = _ListTab(
            ctx,
            push,
            ["Name", "Role", "E-mail", "Phone"],
            "No contacts yet: add the recruiter or hiring manager.",
        )
        self.contacts.on_edit = self.edit_contact
        self.contacts.button("Add contact…", self.add_contact)
        self.contacts.button("Edit…", self.edit_contact, True)
        self.contacts.button("Remove", self.remove_contact, True)
        self.contacts.buttons.addStretch(1)
        self.documents = _ListTab(
            ctx,
            push,
            ["Kind", "Version", "File"],
            "No documents yet: attach the CV and cover letter you sent.",
        )
        self.documents.on_edit = self.open_document
        self.documents.button("Attach…", self.add_document)
        self.documents.button("Open", self.open_document, True)
        self.documents.button("Remove", self.remove_document, True)
        self.documents.buttons.addStretch(1)
        layout.addWidget(QLabel("<b>Contacts</b>"))
        layout.addWidget(self.contacts, 1)
        layout.addWidget(QLabel("<b>Documents</b>"))
        layout.addWidget(self.documents, 1)

    def show_detail(self, detail: ApplicationDetail) -> None:
        self.detail = detail
        self.contacts.fill([([c.name, c.role, c.email, c.phone], c, []) for c in detail.contacts])
        self.documents.fill(
            [([forms.LABELS[d.kind], d.version, d.path], d, []) for d in detail.documents]
        )

    def add_contact(self) -> None:
        d = forms.contact_dialog(self)
        if self.detail and d.exec():
            self.push(undo.add_child(self.ctx, "contact", self.detail.id, d.result_data))

    def edit_contact(self) -> None:
        c = self.contacts.selected()
        if c is None:
            return
        d = forms.contact_dialog(self, c)
        if d.exec():
            old = {k: getattr(c, k) for k in d.result_data}
            self.push(undo.update_child(self.ctx, "contact", c.id, old, d.result_data))

    def remove_contact(self) -> None:
        c = self.contacts.selected()
        if c is not None and self.detail and self.contacts.confirm(f"Remove {c.name}?"):
            self.push(
                undo.remove_child(
                    self.ctx, "contact", self.detail.id, c.id, _fields(c, ContactInput)
                )
            )

    def add_document(self) -> None:
        d = forms.document_dialog(self)
        if self.detail and d.exec():
            self.push(undo.add_child(self.ctx, "document", self.detail.id, d.result_data))

    def open_document(self) -> None:
        doc = self.documents.selected()
        if doc is None:
            return
        desktop.open_file(doc.path, self)  # safe documents only; refused in a kiosk

    def remove_document(self) -> None:
        doc = self.documents.selected()
        if (
            doc is not None
            and self.detail
            and self.documents.confirm("Forget this document? (The file itself is not deleted.)")
        ):
            data = {"kind": doc.kind, "path": doc.path, "version": doc.version}
            self.push(undo.remove_child(self.ctx, "document", self.detail.id, doc.id, data))
