"""The short sample clips shipped with CareerDesk (offline demo and self-test).

They are made by ``tools/make_sample_clips.py`` and listed, with their durations, in
``resources/media/clips.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from careerdesk.core.kernel.errors import UserError
from careerdesk.resources_access import resource

COURSE_TITLE = "CareerDesk sample clips"


class SampleClip(BaseModel):
    file: str
    title: str
    duration_s: float


def sample_media_dir() -> Path:
    """The folder holding the shipped clips, as a real path (source tree or frozen build)."""
    node = resource("media")
    path = Path(str(node))
    if not path.is_dir():
        raise UserError(
            f"The sample clips are missing from this installation ({path}); reinstall "
            "CareerDesk or regenerate them with tools/make_sample_clips.py."
        )
    return path


def sample_clips() -> list[SampleClip]:
    """The shipped clips in course order."""
    raw = json.loads((sample_media_dir() / "clips.json").read_text(encoding="utf-8"))
    return [SampleClip.model_validate(item) for item in raw]
