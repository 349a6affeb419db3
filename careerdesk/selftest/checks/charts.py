"""Charts check: record an interview practice, draw every chart to PNG and SVG with
matplotlib (the part of an installer most likely to miss data files: fonts, rc files)."""

from __future__ import annotations

from careerdesk.app import App
from careerdesk.selftest import Check, SelfTestContext


def _charts(ctx: SelfTestContext) -> str:
    from careerdesk.core.charts.queries import ChartsDataService
    from careerdesk.core.interviews.service import InterviewPracticeService, PracticeInput
    from careerdesk.render.charts.export import save_all

    app: App = ctx.state["app"]
    profile = app.profiles.create("Self-test charts")
    svc = app.service(InterviewPracticeService)
    practice = svc.create(
        profile.id,
        PracticeInput(
            held_at=app.clock.now(),
            kind="mock",
            communication=70,
            technical=60,
            problem_solving=65,
            code_quality=55,
            notes="Used STAR. Forgot edge cases. Wrote tests.",
        ),
    )
    _, generated = svc.generate_and_store(practice.id, use_ai=False)
    data = app.service(ChartsDataService).gather(profile.id)
    out = ctx.home / "charts"
    written = [p for fmt in ("png", "svg") for p, _r in save_all(data, out / fmt, fmt=fmt)]
    for path in written:
        head = path.read_bytes()[:256]
        if not (head.startswith(b"\x89PNG") or b"<svg" in head or b"<?xml" in head):
            raise AssertionError(f"{path.name} is not an image")
    skills = len(generated.offline.skills)
    return f"{len(written)} chart files written; offline feedback for {skills} skills"


CHECKS = [Check("interview feedback and charts", _charts, order=60)]
