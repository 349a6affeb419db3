"""Tags of the learner's own videos: suggestions, checks and edits (docs/player.md).

The part of :class:`~careerdesk.core.player.library.ContentLibraryService` that deals with
skills, kept apart so the library module stays small. Suggestions come from
:mod:`careerdesk.core.player.tagging` (the postings' skill extractor over names and title
metadata); editing an item's tags restates the study its watched share earned
(:mod:`careerdesk.core.player.study`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import Clock
from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.player.events import ContentLibraryChanged
from careerdesk.core.player.probe import MediaProber
from careerdesk.core.player.queries import PlaylistEntry
from careerdesk.core.player.study import watch_study
from careerdesk.core.player.tagging import suggest_skills, unknown_skills
from careerdesk.core.reference.catalog import Catalog, load_catalog
from careerdesk.core.skills import ledger
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.content import ContentItem, ContentProgress


class LibraryTagging:
    """Mixin of ContentLibraryService: skill tags of the learner's items."""

    db: Database
    bus: EventBus
    clock: Clock
    prober: MediaProber
    _catalog: Catalog | None

    def entries(self, profile_id: int, content_ids: list[int]) -> list[PlaylistEntry]:
        raise NotImplementedError  # provided by ContentLibraryService

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = load_catalog()
        return self._catalog

    def check_skills(self, skills: Sequence[str]) -> list[str]:
        """``skills`` cleaned (trimmed, lower-case, no repeats) or ValidationError naming the
        ids that are not catalogue skills."""
        cleaned = list(dict.fromkeys(k.strip().lower() for k in skills if k.strip()))
        unknown = unknown_skills(cleaned, self.catalog)
        if unknown:
            known = ", ".join(sorted(self.catalog.skills))
            raise ValidationError(
                f"Unknown skill id{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
                f"Skill ids are: {known}."
            )
        return cleaned

    def suggest(self, path: str | Path, root: str | Path | None = None) -> list[str]:
        """Skill ids suggested for a video from its name, title metadata and folders."""
        file = Path(path)
        return suggest_skills(
            file,
            root=Path(root) if root is not None else None,
            title=self.prober.probe(file).title,
            catalog=self.catalog,
        )

    # -- adding ----------------------------------------------------------------------------

    def set_skills(self, profile_id: int, content_id: int, skills: Sequence[str]) -> PlaylistEntry:
        """Tag one of the learner's items with ``skills`` (catalogue ids; [] clears them).

        Unknown ids raise ValidationError and change nothing. What the item's watched share
        had earned as study is restated for the new tags (docs/skills.md).
        """
        tags = self.check_skills(skills)
        with self.db.session() as s:
            item = own_item(s, profile_id, content_id)
            changed = list(item.skills or []) != tags
            item.skills = tags
            studied = self._restudy(s, profile_id, content_id) if changed else []
            course_id = item.course_id
        if changed:
            self.bus.publish(ContentLibraryChanged(profile_id=profile_id, course_id=course_id))
        self._publish_study(profile_id, studied)
        return self.entries(profile_id, [content_id])[0]

    def _restudy(self, s: Session, profile_id: int, content_id: int) -> list[ledger.NewEvidence]:
        progress = s.scalar(
            select(ContentProgress.watched_fraction).where(
                ContentProgress.profile_id == profile_id,
                ContentProgress.content_id == content_id,
            )
        )
        s.flush()
        return watch_study(s, profile_id, content_id, float(progress or 0.0), self.clock.now())

    def _publish_study(self, profile_id: int, studied: list[ledger.NewEvidence]) -> None:
        event = ledger.evidence_event(profile_id, studied)
        if event is not None:
            self.bus.publish(event)


def own_item(s: Session, profile_id: int, content_id: int) -> ContentItem:
    item = s.get(ContentItem, content_id)
    if item is None or item.profile_id != profile_id:
        raise NotFoundError(f"No item {content_id} of yours (shipped items cannot be changed).")
    return item
