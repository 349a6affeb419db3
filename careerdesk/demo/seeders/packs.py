"""Demo data for content packs: the shipped sample clips installed as a small pack, tagged to
the demo's target role (Data Analyst), before the learning seeder builds its paths, so the
demo's path starts with items that play in CareerDesk (docs/packs.md).

The pack is generated in a temporary folder (the clips and a manifest) and imported through
the real PackService, so it is checked, copied into the data folder and shared like any
other pack; running the demo again finds it installed and adds nothing.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from careerdesk.app import App
from careerdesk.core.packs.models import MANIFEST_NAME
from careerdesk.core.packs.service import PackService
from careerdesk.core.player.samples import sample_clips, sample_media_dir
from careerdesk.core.profiles.service import ProfileInfo

ORDER = 5  # before learning (10): its paths are built with the pack installed

TITLE = "Data Analyst starter clips (demo)"
AUTHOR = "CareerDesk"
# One clip per gap the demo learner starts with, in the role's order of priority: SQL, data
# analysis, statistics. Intermediate: the demo learner's levels (37–45) call for beginner to
# advanced material, and intermediate suits every path the learning seeder builds.
SKILLS = (["sql"], ["data_analysis"], ["statistics"])


def manifest() -> dict[str, object]:
    """The demo pack's manifest over the shipped clips (lengths from resources/media)."""
    return {
        "title": TITLE,
        "author": AUTHOR,
        "licence": "Same as CareerDesk (generated sample clips)",
        "description": "CareerDesk's sample clips standing in for a real lesson pack.",
        "items": [
            {
                "file": f"clips/{clip.file}",
                "title": clip.title,
                "skills": skills,
                "level": "intermediate",
                "duration_s": clip.duration_s,
                "order": i,
            }
            for i, (clip, skills) in enumerate(zip(sample_clips(), SKILLS, strict=True))
        ],
    }


def seed(app: App, profile: ProfileInfo) -> str:
    del profile  # a pack is for every profile
    media = sample_media_dir()
    with tempfile.TemporaryDirectory(prefix="careerdesk-demo-pack-") as tmp:
        root = Path(tmp)
        (root / "clips").mkdir()
        for clip in sample_clips():
            shutil.copyfile(media / clip.file, root / "clips" / clip.file)
        (root / MANIFEST_NAME).write_text(json.dumps(manifest(), indent=2), encoding="utf-8")
        result = app.service(PackService).import_pack(root)
    return f"content pack: {result.summary()}"
