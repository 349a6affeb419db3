"""The shipped sample clips: small, listed, real videos; the demo seeder's watch history."""

from __future__ import annotations

import av
import pytest

from careerdesk.app import App
from careerdesk.core.player.library import ContentLibraryService
from careerdesk.core.player.rules import DONE, IN_PROGRESS, NOT_STARTED
from careerdesk.core.player.samples import COURSE_TITLE, sample_clips, sample_media_dir


def test_clips_are_small_listed_and_decodable() -> None:
    clips = sample_clips()
    assert 2 <= len(clips) <= 3
    folder = sample_media_dir()
    assert sum((folder / c.file).stat().st_size for c in clips) <= 300_000
    for clip in clips:
        with av.open(str(folder / clip.file)) as container:
            stream = container.streams.video[0]
            seconds = float(stream.duration * stream.time_base)
            assert seconds == pytest.approx(clip.duration_s, abs=0.1)
            assert stream.codec_context.name in ("h264", "vp9")


def test_demo_seeder_imports_the_course_with_real_progress(app: App) -> None:
    # The Player's own seeder on an empty profile: it needs nothing the others add (the
    # whole demo is built by tests/core/insights/test_demo.py and tests/cli/test_content.py).
    from careerdesk.demo.seeders import player as player_seeder

    profile = app.profiles.create("Demo")
    player_seeder.seed(app, profile)
    library = app.service(ContentLibraryService)
    (course,) = library.courses(profile.id)
    assert course.title == COURSE_TITLE and course.done == 1
    entries = library.playlist(profile.id, course.id)
    assert [e.state for e in entries] == [DONE, IN_PROGRESS, NOT_STARTED]
    assert len(entries[1].watched) == 2  # a skipped stretch stays unwatched
    assert all(e.duration_s for e in entries)
