"""The job pipeline as insights sees it: company, title and state of each application.

The composition root hands it to insights (``careerdesk/wiring.py``); it reads the
learner's applications with one narrow query, because insights recomputes after every
assessment, video step and application change and must stay cheap.
"""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from careerdesk.core.insights.providers import PipelinePosting
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.pipeline import Application


class ApplicationsPipelineProvider:
    """:class:`~careerdesk.core.insights.providers.PipelineProvider` over the applications."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def available(self) -> bool:
        return True

    def postings(self, profile_id: int) -> list[PipelinePosting]:
        """Every application of ``profile_id`` (any state), most recently changed first."""
        with self._db.read() as s:
            return self.postings_in(s, profile_id)

    def postings_in(self, s: Session, profile_id: int) -> list[PipelinePosting]:
        """:meth:`postings` inside an open unit of work (the insights gather's)."""
        return [
            PipelinePosting.model_construct(company=company, title=title, state=state)
            for company, title, state in s.connection().execute(_POSTINGS, {"pid": profile_id})
        ]


# Built once and run on the Core connection (insights reads this after every change).
_APP = Application.__table__.c
_POSTINGS = (
    select(_APP.company, _APP.title, _APP.state)
    .where(_APP.profile_id == bindparam("pid"))
    .order_by(_APP.state_changed_at.desc(), _APP.id.desc())
)
