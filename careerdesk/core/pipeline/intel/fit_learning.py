"""Adding a job's skill gaps to the learner's learning path (docs/intel.md, "Per-job fit").

Kept apart from :mod:`.fit_service` (the fit itself and its snapshots); the service's
``add_gaps_to_learning_path`` calls this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.learning.content_sync import ensure_catalog_content
from careerdesk.core.learning.events import LearningPathChanged
from careerdesk.core.learning.path_items import add_path_items
from careerdesk.core.learning.queries import candidates_of, items_of, latest_path_id
from careerdesk.core.learning.suggestions import PlannedItem, plan_path
from careerdesk.core.reference.levels import band
from careerdesk.core.skills.gaps import GapAnalysisItem
from careerdesk.core.storage.tables.learning import LearningPath
from careerdesk.core.storage.tables.pipeline import Application

if TYPE_CHECKING:
    from careerdesk.core.pipeline.intel.fit_service import FitService


def add_gaps_to_learning_path(self: FitService, app_id: int) -> list[str]:
    """Append learning items for the job's missing and partial skills to the current path.

    A new path snapshot is written (the learning feature's history stays intact): the
    current items first, then content for the job's gaps in priority order. Returns the
    names of the skills added; ValidationError when there is nothing to add.
    """
    view = self.analyse(app_id, store=False)
    gaps = [g for g in view.gaps if g.skill_id]
    if not gaps:
        raise ValidationError("This job shows no skill gaps to learn: nothing to add.")
    ensure_catalog_content(self.db, self.catalog)
    with self.db.read() as s:
        app = s.get(Application, app_id)
        assert app is not None
        pid = app.profile_id
        candidates = candidates_of(s, pid)
        prev_id = latest_path_id(s, pid)
        prev = s.get(LearningPath, prev_id) if prev_id else None
        before = items_of(s, prev_id, pid) if prev_id else []
    skill_gaps = [
        GapAnalysisItem(
            skill_id=g.skill_id or "",
            skill_name=g.name,
            current=g.current or 0.0,
            source=None,
            measured_at=None,
            target=g.implied,
            importance=5 if g.required else 3,
            gap=float(g.implied - (g.current or 0.0)),
            priority=g.impact,
            from_band=band(g.current or 0.0),
            to_band=band(g.implied),
            hours=g.hours,
        )
        for g in gaps
    ]
    label = f"{view.title} at {view.company}"
    planned = plan_path(skill_gaps, candidates, label)
    existing = {i.content_id for i in before}
    new = [p for p in planned if p.content_id not in existing]
    if not new:
        raise ValidationError("Your learning path already has the content for this job's gaps.")
    now = self.clock.now()
    with self.db.session() as s:
        row = LearningPath(
            profile_id=pid,
            role_id=prev.role_id if prev else "",
            created_at=now,
            total_hours=round((prev.total_hours if prev else 0.0) + view.hours_to_close, 1),
            content_hours=round(
                (prev.content_hours if prev else 0.0) + sum(p.est_hours for p in new), 1
            ),
            summary=(prev.summary + "\n" if prev and prev.summary else "")
            + f"Added for {label}: {', '.join(g.name for g in gaps)}.",
            gaps=list(prev.gaps) if prev else [],
            changes={"added_for_application": app_id},
            assessment_id=prev.assessment_id if prev else None,
        )
        s.add(row)
        s.flush()
        kept = [
            PlannedItem(
                content_id=i.content_id, skill_id=i.skill, reason=i.reason, est_hours=i.est_hours
            )
            for i in before
        ]
        add_path_items(s, pid, row.id, [*kept, *new])
        path_id = row.id
    self.bus.publish(LearningPathChanged(profile_id=pid, path_id=path_id))
    return sorted({g.name for g in gaps if any(p.skill_id == g.skill_id for p in new)})
