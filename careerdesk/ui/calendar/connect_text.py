"""What Settings → Calendar says about connecting Google Calendar (docs/calendar.md).

Kept apart from the page's widgets so the wording (consent, the two ways to connect, kiosk
rules) reads as one piece and tests can check it; :class:`WrappedLabel` shows it.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel

INTRO = (
    "CareerDesk can put your interviews, follow-ups and application deadlines in Google "
    "Calendar, with reminders. Changes wait in a queue while you are offline and are sent when "
    "Google can be reached. If you move an interview in Google Calendar, the new time comes "
    "back to CareerDesk."
)
CONSENT = (
    "<b>What CareerDesk writes:</b> your interviews, application deadlines and follow-ups, "
    "each with reminders, in the one calendar you choose. <b>Nothing else is read:</b> "
    "CareerDesk asks only for your list of calendars (to let you choose one) and, of that "
    "calendar, keeps only the events it wrote itself; other events are skipped, never stored "
    "or sent anywhere. Disconnect at any time to withdraw its access."
)
SHIPPED_HELP = (
    "Click <b>Connect Google Calendar</b>: your browser opens Google's consent page; once you "
    "allow access, come back here and choose a calendar."
)
# Google's own steps for a "Desktop app" OAuth client.
GOOGLE_STEPS_URL = "https://developers.google.com/workspace/guides/create-credentials#desktop-app"
STEPS_ANCHOR = "bring-your-own-oauth-client"


def _local_steps() -> Path | None:
    """docs/calendar.md next to a source checkout (where bring-your-own is needed)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "docs" / "calendar.md"
        if candidate.is_file():
            return candidate
    return None


def bring_your_own_help() -> str:
    """Plain words for a copy without a shipped client, with links to the steps (rich text)."""
    local = _local_steps()
    steps = f'<a href="{html.escape(GOOGLE_STEPS_URL)}">Google\'s steps</a>'
    if local is not None:
        url = local.as_uri() + "#" + STEPS_ANCHOR
        steps = f'<a href="{html.escape(url)}">the steps in docs/calendar.md</a> (or {steps})'
    return (
        "This copy of CareerDesk was not built with a Google sign-in of its own (for example, "
        "it runs from source), so it needs an OAuth client of yours. It is free and takes about "
        "five minutes in Google Cloud Console: enable the Google Calendar API, create an OAuth "
        "client of type “Desktop app” and download its JSON file. Then click <b>Choose client "
        f"file and connect…</b> and pick that file. Follow {steps}."
    )


KIOSK_OFF = (
    "Google Calendar is off on this kiosk. Learners' calendars stay unconnected unless you "
    "allow it below."
)


def kiosk_on(learner: str | None) -> str:
    """The kiosk rule when the advisor allowed connections, for the learner shown."""
    who = f"<b>{html.escape(learner)}</b>" if learner else "the learner you choose"
    return (
        f"The connection below is {who}'s own: their Google sign-in is kept under their "
        "profile only, removed when they disconnect and when their profile is deleted. "
        "Nothing syncs in the background on a kiosk; use Sync now."
    )


class WrappedLabel(QLabel):
    """A word-wrapped label as tall as its text at its real width.

    A wrapped QLabel in a form layout is given the height of its size hint, which Qt works
    out for a narrow guess of the width (a long paragraph then sits in a tall, mostly empty
    row); this one asks for the height its text needs at the width it was given.
    """

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.width() > 0:
            return QSize(hint.width(), self.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()
