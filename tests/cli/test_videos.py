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
