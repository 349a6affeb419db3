"""Paths prefer what plays in CareerDesk: pack videos and the learner's own tagged videos
come before web pages for each gap, and each item says where it plays (docs/learning.md)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from careerdesk.core.learning.playable import plays_in, study_time_text
from careerdesk.core.packs.service import PackService
from careerdesk.core.player.library import ContentLibraryService
from careerdesk.core.storage.tables.content import ContentItem
from tests.core.packs.support import write_pack
from tests.learning_fixtures import Kit
from tests.media import make_clip


def test_plays_in_by_location() -> None:
    assert plays_in("video", None, "/data/a.mp4") == "player"
    assert plays_in("article", None, "/data/notes.pdf") == "document"
    assert plays_in("video", "https://www.youtube.com/watch?v=x", None) == "browser"
    assert plays_in("stream", "https://cdn.example.org/a.mp4", None) == "player"
    assert plays_in("course", "https://www.coursera.org/learn/sql", None) == "browser"


def test_study_time_text() -> None:
    assert study_time_text(8 / 3600) == "< 1 min"
    assert study_time_text(0.2) == "12 min"
    assert study_time_text(4.5) == "4.5 h"


def _sql_items(k: Kit) -> list[tuple[str, str]]:
    path = k.learning.generate_path(k.profile_id)
    return [(i.title, i.plays_in) for i in path.items if i.skill == "sql"]


def test_path_after_a_pack_import_starts_each_gap_with_playable_items(
    kit: Kit, tmp_path: Path
) -> None:
    k = kit
    k.skills.set_target_roles(k.profile_id, ["data_analyst"])
    # Data analysis at the role's level, so the "Group by" video (sql + data_analysis) is
    # not taken by that gap first (an item serves one gap only).
    k.skills.set_self_ratings(k.profile_id, {"sql": 20, "data_analysis": 85})
    before = _sql_items(k)
    assert before and all(where == "browser" for _t, where in before)

    k.app.service(PackService).import_pack(write_pack(tmp_path / "pack"))
    path = k.learning.generate_path(k.profile_id)
    sql = [i for i in path.items if i.skill == "sql"]
    # SQL: self-rated 20 (beginner) against 75 (advanced), importance 5: priority 275 > 100,
    # so 3 items, from beginner to advanced material. The pack's two videos both teach SQL
    # at suitable levels: they come first, foundations first (beginner "Joins", then
    # intermediate "Group by"); the third place goes to a web resource. The pack's PDF
    # and web page are not playable, so they only compete with the catalogue's web items.
    assert [(i.title, i.plays_in, i.playable) for i in sql[:2]] == [
        ("Joins explained", "player", True),
        ("Group by and aggregates", "player", True),
    ]
    assert len(sql) == 3 and sql[2].plays_in != "player" and not sql[2].playable
    assert sql[0].skills == ["sql"] and sql[1].skills == ["sql", "data_analysis"]
    # In every gap, nothing playable comes after something that is not.
    for skill in {i.skill for i in path.items}:
        flags = [i.playable for i in path.items if i.skill == skill]
        assert flags == sorted(flags, reverse=True)


def test_the_learners_own_tagged_video_is_used_but_not_for_others(kit: Kit, tmp_path: Path) -> None:
    k = kit
    library = k.app.service(ContentLibraryService)
    other = k.app.profiles.create("Bea").id
    for pid in (k.profile_id, other):
        k.skills.set_target_roles(pid, ["data_analyst"])
        k.skills.set_self_ratings(pid, {"sql": 20})
    clip = make_clip(tmp_path / "My SQL notes.mp4", 1.0, fps=5, size=(16, 16))
    entry = library.add_file(k.profile_id, clip)
    with k.app.db.session() as s:  # tagged (the Player's tagging sets the same column)
        s.execute(
            update(ContentItem)
            .where(ContentItem.id == entry.content_id)
            .values(skills=["sql"], level="beginner")
        )
    mine = k.learning.generate_path(k.profile_id)
    first_sql = next(i for i in mine.items if i.skill == "sql")
    assert (first_sql.content_id, first_sql.plays_in) == (entry.content_id, "player")
    theirs = k.learning.generate_path(other)
    assert entry.content_id not in [i.content_id for i in theirs.items]
