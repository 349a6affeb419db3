"""``careerdesk content import|list|export`` and the ``skills``/``playable`` fields of
``careerdesk learning-path --json``."""

from __future__ import annotations

import json
from pathlib import Path

from careerdesk.app import build_app
from careerdesk.cli import main
from careerdesk.core.skills.service import SkillProfileService
from tests.core.packs.support import sql_manifest, write_pack


def test_content_import_list_export(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert main(["content", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["content", "list"]) == 0
    assert "No content packs installed" in capsys.readouterr().out

    source = write_pack(tmp_path / "pack")
    assert main(["content", "import", str(source)]) == 0
    out = capsys.readouterr().out
    assert "Installed “SQL in short clips” by Career Centre North: 4 item(s), 2 video(s)" in out
    assert main(["content", "import", str(source / "careerdesk-pack.json")]) == 0
    assert "is already installed (nothing added)" in capsys.readouterr().out

    assert main(["content", "list", "--json"]) == 0
    packs = json.loads(capsys.readouterr().out)
    assert [(p["id"], p["title"], p["items"], p["videos"]) for p in packs] == [
        (1, "SQL in short clips", 4, 2)
    ]
    assert len(packs[0]["key"]) == 64 and packs[0]["folder"].startswith("media/packs/")

    target = tmp_path / "copy.zip"
    assert main(["content", "export", "1", str(target)]) == 0
    assert f"to {target}" in capsys.readouterr().out and target.is_file()
    # Importing the export gives the same pack: still one.
    assert main(["content", "import", str(target)]) == 0
    assert "already installed" in capsys.readouterr().out


def test_content_bad_input_exits_2_with_the_reason(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    manifest = sql_manifest()
    manifest["items"][0]["skills"] = ["pandas"]
    bad = write_pack(tmp_path / "bad", manifest)
    assert main(["content", "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Nothing was imported from bad" in err and "unknown skill id 'pandas'" in err
    assert main(["content", "import", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["content", "export", "Nope", str(tmp_path / "x.zip")]) == 2
    assert "No content pack “Nope”" in capsys.readouterr().err
    assert main(["content", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_learning_path_json_says_what_plays_here(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert main(["profile", "create", "Ann"]) == 0
    app = build_app()
    try:
        pid = app.profiles.by_name("Ann").id
        skills = app.service(SkillProfileService)
        skills.set_target_roles(pid, ["data_analyst"])
        skills.set_self_ratings(pid, {"sql": 20, "data_analysis": 85})
    finally:
        app.close(backup=False)
    assert main(["content", "import", str(write_pack(tmp_path / "pack"))]) == 0
    capsys.readouterr()
    assert main(["learning-path", "--profile", "Ann", "--generate", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    assert items and all({"skills", "playable", "plays_in"} <= set(i) for i in items)
    by_title = {i["title"]: i for i in items}
    joins = by_title["Joins explained"]
    assert (joins["playable"], joins["plays_in"], joins["skills"]) == (True, "player", ["sql"])
    web = [i for i in items if i["url"] and "youtube.com" in i["url"]]
    assert all(not i["playable"] and i["plays_in"] == "browser" for i in web)
    assert main(["learning-path", "--profile", "Ann"]) == 0
    text = capsys.readouterr().out
    assert "Joins explained (video, beginner, < 1 min) · Plays here" in text


def test_demo_installs_its_pack_and_its_path_starts_with_playable_items(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert (
        "Installed “Data Analyst starter clips (demo)” by CareerDesk: 3 item(s), 3 video(s)" in out
    )
    assert main(["content", "list", "--json"]) == 0
    packs = json.loads(capsys.readouterr().out)
    assert [(p["title"], p["items"], p["videos"]) for p in packs] == [
        ("Data Analyst starter clips (demo)", 3, 3)
    ]
    assert main(["learning-path", "--profile", "Demo", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    assert items[0]["playable"] and items[0]["plays_in"] == "player"
    # The three clips are tagged sql, data_analysis and statistics: the demo's three largest
    # gaps, so each of those gaps starts with its clip.
    clips = [i for i in items if i["playable"]]
    assert sorted(i["skill"] for i in clips) == ["data_analysis", "sql", "statistics"]
    for clip in clips:
        assert clip["skills"] == [clip["skill"]]
        first = next(i for i in items if i["skill"] == clip["skill"])
        assert first["content_id"] == clip["content_id"]
    # A second demo (another name) finds the pack installed: still one.
    assert main(["demo", "--name", "Demo 2"]) == 0
    assert "already installed" in capsys.readouterr().out


def test_a_damaged_video_is_named_and_nothing_is_imported(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = write_pack(tmp_path / "pack")
    group_by = source / "videos" / "02 Group by.mp4"
    group_by.write_bytes(group_by.read_bytes()[:700])  # cut short while copying
    assert main(["content", "import", str(source)]) == 2
    err = capsys.readouterr().err
    assert "Nothing was imported from pack" in err
    assert "Item 1 (“Group by and aggregates”): 02 Group by.mp4 cannot be played" in err
    assert main(["content", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


# The installed app's situation: no PyAV (the bundle leaves it out), no QApplication, no
# display. Importing it is made to fail, so lengths can only come from the Qt prober.
WITHOUT_PYAV = """
import sys
sys.modules["av"] = None
from careerdesk.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_import_without_pyav_reads_lengths_and_refuses_damage(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from sqlalchemy import select

    from careerdesk.core.storage.tables.content import ContentItem

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    root = Path(__file__).resolve().parents[2]

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", WITHOUT_PYAV, *args],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    broken = write_pack(tmp_path / "broken")
    (broken / "videos" / "01 Joins.mp4").write_bytes(b"\x00" * 2048)
    done = cli("content", "import", str(broken))
    assert done.returncode == 2
    assert "01 Joins.mp4 cannot be played" in done.stderr
    assert "@ 0x" not in done.stderr  # FFmpeg's own log stays off the console

    done = cli("content", "import", str(write_pack(tmp_path / "good")))
    assert done.returncode == 0, done.stderr
    app = build_app()
    try:
        with app.db.read() as s:
            lengths = {
                r.title: r.duration_s
                for r in s.scalars(select(ContentItem).where(ContentItem.pack_id.is_not(None)))
            }
    finally:
        app.close(backup=False)
    # The manifest gives no duration_s: the 2 s and 3 s clips were measured.
    assert lengths["Joins explained"] == 2.0
    assert lengths["Group by and aggregates"] == 3.0
