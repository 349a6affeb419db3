"""The job pipeline as insights sees it: company, title and state of each application.

The composition root hands it to insights (``careerdesk/wiring.py``); it reads the
learner's applications with one narrow query, because insights recomputes after every
assessment, video step and application change and must stay cheap.
"""

from __future__ import annotations

from sqlalchemy import select

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
        stmt = (
            select(Application.company, Application.title, Application.state)
            .where(Application.profile_id == profile_id)
            .order_by(Application.state_changed_at.desc(), Application.id.desc())
        )
        with self._db.read() as s:
            return [
                PipelinePosting(company=company, title=title, state=state)
                for company, title, state in s.execute(stmt)
            ]
