"""``careerdesk videos``: add files and links, import folders, list, mark; exit codes."""

from __future__ import annotations

from pathlib import Path

from careerdesk.cli import main


def run(*args: str) -> int:
    return main(list(args))


def test_videos_commands(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run("profile", "create", "Ann")
    folder = tmp_path / "course"
    folder.mkdir()
    for name in ("10 b.mp4", "2 a.mp4"):
        (folder / name).write_bytes(b"x")
    capsys.readouterr()
    assert run("videos", "list", "--profile", "Ann") == 0
    assert "no videos yet" in capsys.readouterr().out
    assert run("videos", "import-folder", "--profile", "Ann", str(folder)) == 0
    assert "2 new video(s)" in capsys.readouterr().out
    assert run("videos", "add", "--profile", "Ann", "https://youtu.be/abc", "--title", "Talk") == 0
    assert "opens in the browser" in capsys.readouterr().out
    assert run("videos", "list", "--profile", "Ann") == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split("\t")[-1] for line in lines] == ["Talk", "2 a", "10 b"]
    talk_id = lines[0].split("\t")[0]
    assert run("videos", "mark", "--profile", "Ann", talk_id, "watched") == 0
    assert "DONE" in capsys.readouterr().out
    # A video CareerDesk can play is not marked watched by hand.
    video_id = lines[1].split("\t")[0]
    assert run("videos", "mark", "--profile", "Ann", video_id, "watched") == 2
    assert "90%" in capsys.readouterr().err


def test_videos_errors_exit_2(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run("profile", "create", "Ann")
    assert run("videos", "add", "--profile", "Ann", str(tmp_path / "missing.mp4")) == 2
    assert "does not exist" in capsys.readouterr().err
    assert run("videos", "add", "--profile", "Ann", "ftp://x.org/a.mp4") == 2
    assert run("videos", "import-folder", "--profile", "Ann", str(tmp_path)) == 2
    assert "No video files" in capsys.readouterr().err
    assert run("videos", "list", "--profile", "Nobody") == 2


def test_import_folder_prints_suggested_skills_and_skills_sets_them(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run("profile", "create", "Ann")
    folder = tmp_path / "Videos" / "Data course"
    folder.mkdir(parents=True)
    for name in ("01 - SQL Joins Explained.mp4", "excel_pivot_tables_part2.webm", "03 hello.mp4"):
        (folder / name).write_bytes(b"x")
    capsys.readouterr()
    assert run("videos", "import-folder", "--profile", "Ann", str(folder)) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].endswith("3 new video(s), 0 already there.")
    rows = [line.split("\t")[1:] for line in lines[1:4]]
    assert rows == [
        ["01 - SQL Joins Explained", "suggested: sql"],
        ["03 hello", "suggested: (no skills found: tag it with --skills)"],
        ["excel pivot tables part2", "suggested: data_analysis"],
    ]
    hello_id = lines[2].split("\t")[0]
    assert run("videos", "tag", "--profile", "Ann", hello_id, "--skills", "communication") == 0
    assert capsys.readouterr().out.strip().endswith("skills: communication")
    # --skills tags every file of the folder
    assert (
        run("videos", "import-folder", "--profile", "Ann", str(folder), "--skills", "sql,python")
        == 0
    )
    out = capsys.readouterr().out
    assert out.count("skills: sql, python") == 3
    # one file, given skills
    (tmp_path / "Videos" / "talk.mp4").write_bytes(b"x")
    assert (
        run(
            "videos",
            "add",
            "--profile",
            "Ann",
            str(tmp_path / "Videos" / "talk.mp4"),
            "--skills",
            "statistics",
        )
        == 0
    )
    assert "skills: statistics" in capsys.readouterr().out


def test_unknown_skills_exit_2_and_change_nothing(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run("profile", "create", "Ann")
    folder = tmp_path / "Videos" / "course"
    folder.mkdir(parents=True)
    (folder / "a.mp4").write_bytes(b"x")
    capsys.readouterr()
    assert (
        run("videos", "import-folder", "--profile", "Ann", str(folder), "--skills", "sql,cooking")
        == 2
    )
    assert "Unknown skill id: cooking" in capsys.readouterr().err
    assert run("videos", "list", "--profile", "Ann") == 0
    assert "no videos yet" in capsys.readouterr().out
    assert run("videos", "tag", "--profile", "Ann", "999", "--skills", "sql") == 2


def test_import_folder_suggests_from_title_metadata(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # The file and folder names say nothing; the title stored in the file names SQL.
    from tests.media import make_clip

    run("profile", "create", "Ann")
    folder = tmp_path / "Videos" / "Phone"
    make_clip(folder / "VID_0042.mp4", 1.0, fps=10, size=(16, 16), title="Intro to SQL joins")
    make_clip(folder / "VID_0043.mp4", 1.0, fps=10, size=(16, 16))
    capsys.readouterr()
    assert run("videos", "import-folder", "--profile", "Ann", str(folder)) == 0
    out = capsys.readouterr().out
    rows = [line.split("\t")[1:] for line in out.splitlines() if "\t" in line]
    assert rows == [
        ["VID 0042", "suggested: sql"],
        ["VID 0043", "suggested: (no skills found: tag it with --skills)"],
    ]
