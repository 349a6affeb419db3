"""A learner's profile row inside a caller's unit of work, or a clear NotFoundError.

Every feature that writes for a profile checks first that it still exists (another window
or a kiosk advisor may have deleted it); this is the one place that says so.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from careerdesk.core.kernel.errors import NotFoundError
from careerdesk.core.storage.tables.profiles import Profile


def profile_row(s: Session, profile_id: int) -> Profile:
    """The profile's row; NotFoundError when there is none (it may have been deleted)."""
    row = s.get(Profile, profile_id)
    if row is None:
        raise NotFoundError(f"Profile #{profile_id} does not exist (it may have been deleted).")
    return row
