"""``careerdesk demo``: a realistic demo profile, filled by each feature's seeder.

Seeders live in ``careerdesk.demo.seeders`` modules exposing ``ORDER`` (int) and
``seed(app, profile) -> str`` (a one-line summary of what was added).
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from careerdesk.app import App
from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.kernel.plugins import DEMO_SEEDERS, discover
from careerdesk.core.profiles.service import ProfileDetails, ProfileInfo

DEMO_NAME = "Demo"


def _seeders() -> list[ModuleType]:
    modules = [p.module for p in discover(DEMO_SEEDERS)]
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))


def build_demo(
    app: App,
    name: str = DEMO_NAME,
    *,
    reset: bool = False,
    report: Callable[[str], None] | None = None,
) -> ProfileInfo:
    """Create the demo profile and fill it; refuses to overwrite unless ``reset``."""
    if app.profiles.exists(name):
        if not reset:
            raise ValidationError(
                f"A profile named {name!r} already exists. Use --reset to rebuild it "
                "(its data will be replaced) or --name to pick another name."
            )
        app.profiles.delete(app.profiles.by_name(name).id)
    profile = app.profiles.create(
        name,
        ProfileDetails(
            full_name="Alex Rivera",
            location="Manchester, UK",
            field_of_study="BSc Computer Science",
            interests="Data, building tools people use, teaching, open source, cycling",
        ),
    )
    for module in _seeders():
        summary = module.seed(app, app.profiles.get(profile.id))
        if report is not None and summary:
            report(summary)
    return app.profiles.get(profile.id)
