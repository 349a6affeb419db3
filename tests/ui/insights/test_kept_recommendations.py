"""The recommendations panel says when it shows an earlier AI set kept after a failure."""

from __future__ import annotations

from datetime import datetime, timedelta

from careerdesk.core.insights.career_rules import CareerPath
from careerdesk.core.insights.career_service import RecommendationSet
from careerdesk.core.kernel.clock import FixedClock


def recs(**extra: object) -> RecommendationSet:
    updated = FixedClock().now()  # 2026-01-05 09:00 UTC
    fields: dict[str, object] = {
        "profile_id": 1,
        "source": "ai",
        "model": "gemini-2.5-flash",
        "paths": [CareerPath(title="Civic data", why=["Fits."], source="ai")],
        "count": 1,
        "last_updated": updated,
    }
    fields.update(extra)
    return RecommendationSet.model_validate(fields)


def test_a_kept_set_is_explained(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.insights.career_panel import RecommendationsPanel

    panel = RecommendationsPanel(ui_ctx)
    qtbot.addWidget(panel)
    later = FixedClock().now() + timedelta(days=8)
    error = "Gemini had a problem on its side (HTTP 503). Try again in a few minutes."
    panel.show_data(recs(last_error=error, last_attempt_at=later), None)
    assert panel.notice.text() == (
        # Shown in the computer's time zone and the UI's locale (en_GB in tests/ui/conftest.py).
        f"Updated 5 Jan 2026, {_hhmm(FixedClock().now())}. Gemini could not refresh them on "
        f"13 Jan 2026, {_hhmm(later)} (Gemini had a problem on its side (HTTP 503). "
        "Try again in a few minutes.); these are "
        "the earlier ones, and CareerDesk tries again at the next refresh."
    )
    # The offline fallback was stored at the same time as the failed attempt: nothing kept.
    same = FixedClock().now()
    panel.show_data(recs(source="offline", last_error=error, last_attempt_at=same), None)
    assert panel.notice.text() == (
        f"Updated 5 Jan 2026, {_hhmm(same)}. Gemini could not help last time ({error})."
    )


def _hhmm(at: datetime) -> str:
    return f"{at.astimezone():%H:%M}"
