"""What a failure is called on screen: the learner's words, never an exception's text.

A :class:`~careerdesk.core.kernel.errors.UserError` already carries a message written for
the learner (what happened, what to do). Anything else is a fault in CareerDesk or the
computer: the learner gets a plain sentence saying what did not work and what to try, and the
details go to the log (docs/design.md, "Words").
"""

from __future__ import annotations

import logging

from careerdesk.core.kernel.errors import UserError

log = logging.getLogger(__name__)

TRY_AGAIN = "Please try again; if it keeps happening, the log in the data folder says why."


def plain_error(exc: BaseException, doing: str) -> str:
    """The message for a failure while ``doing`` ("save the company", "export the calendar").

    A :class:`UserError` (and a ``ValueError`` from a field the learner typed, whose text
    the parsers write for people) is shown as it is; anything else becomes
    "Could not {doing}. Please try again; …" and is logged with its traceback.
    """
    if isinstance(exc, UserError):
        return exc.message
    if isinstance(exc, ValueError) and str(exc) and type(exc) is ValueError:
        return str(exc)
    log.error("could not %s", doing, exc_info=exc)
    return f"Could not {doing}. {TRY_AGAIN}"
