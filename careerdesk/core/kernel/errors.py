"""Expected errors (shown as a short message) versus bugs (shown with a report).

Anything raised as :class:`UserError` is something the user can act on: bad input, a refused
state change, a missing file. The CLI maps it to exit code 2 and the GUI to a message box.
Every other exception is a bug: logged with its traceback and shown as a report dialog.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can understand and fix; ``str(err)`` is the message to show."""

    def __init__(self, message: str, *, details: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message


class NotFoundError(UserError):
    """A named thing (profile, application, item) does not exist."""


class ValidationError(UserError):
    """Input that fails the rules; nothing was changed."""


class DatabaseCorruptError(UserError):
    """The database file cannot be read as a CareerDesk database."""

    def __init__(self, message: str, *, path: str, moved_to: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.moved_to = moved_to


class DatabaseTooNewError(UserError):
    """The database was written by a newer CareerDesk than this one."""
