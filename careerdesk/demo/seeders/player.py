"""Demo data for the Player: the shipped sample clips as a course, with real watch history.

Clip 1 was watched almost entirely (DONE), clip 2 partly with a skipped stretch (resumes
where it stopped), clip 3 not yet. Progress goes through VideoProgressService, so the same
intervals, states, learning events and domain events arise as from real playback.
"""

from __future__ import annotations

from careerdesk.app import App
from careerdesk.core.player.library import ContentLibraryService
from careerdesk.core.player.samples import COURSE_TITLE, sample_clips, sample_media_dir
from careerdesk.core.player.service import VideoProgressService
from careerdesk.core.profiles.service import ProfileInfo

ORDER = 20

# Shares of each clip watched, as (start, end) fractions of its duration.
WATCHED: tuple[list[tuple[float, float]], ...] = (
    [(0.0, 0.6), (0.55, 0.96)],  # watched in two sittings, overlapping: DONE at 96%
    [(0.0, 0.32), (0.5, 0.65)],  # skipped 32%–50%: 47%, IN_PROGRESS
    [],  # not started
)


def seed(app: App, profile: ProfileInfo) -> str:
    library = app.service(ContentLibraryService)
    progress = app.service(VideoProgressService)
    clips = sample_clips()
    result = library.import_folder(profile.id, sample_media_dir(), title=COURSE_TITLE)
    entries = library.playlist(profile.id, result.course.id)
    by_title = {e.title: e for e in entries}
    done = 0
    for clip, shares in zip(clips, WATCHED, strict=False):
        entry = by_title[clip.file.rsplit(".", 1)[0]]
        d = clip.duration_s
        # An empty save still records the clip's duration, so the playlist can show it.
        snap = progress.save(
            profile.id,
            entry.content_id,
            watched=[(a * d, b * d) for a, b in shares],
            position_s=shares[-1][1] * d if shares else 0.0,
            duration_s=d,
        )
        done += snap.state == "DONE"
    return (
        f"Player: course “{COURSE_TITLE}” with {len(entries)} sample clips "
        f"({done} watched, 1 half-way)"
    )
