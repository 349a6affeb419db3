from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kernel.paths import AppPaths, keep_matplotlib_cache
from careerdesk.core.kernel.settings import Settings, load_settings, save_settings


def test_home_override_puts_everything_under_it(tmp_path: Path) -> None:
    paths = AppPaths.resolve({"CAREERDESK_HOME": str(tmp_path / "h")})
    for folder in paths.all_dirs():
        assert folder.is_relative_to(tmp_path / "h")
    assert paths.db_path.is_relative_to(tmp_path / "h")
    assert paths.settings_path.is_relative_to(tmp_path / "h")


def test_platform_defaults_without_override() -> None:
    paths = AppPaths.resolve({})
    assert "CareerDesk" in str(paths.data_dir)


def test_ensure_creates_folders(careerdesk_home: Path) -> None:
    paths = AppPaths.resolve()
    paths.ensure()
    assert paths.backup_dir.is_dir() and paths.log_dir.is_dir()


def test_the_installed_app_keeps_matplotlibs_font_list_in_its_cache(tmp_path: Path) -> None:
    # PyInstaller's hook sets a fresh temporary folder at every start; the app replaces it.
    env = {
        "CAREERDESK_HOME": str(tmp_path / "h"),
        "MPLCONFIGDIR": str(tmp_path / "hook-tmp"),
    }
    kept = keep_matplotlib_cache(env, frozen=True)
    assert kept == tmp_path / "h" / "cache" / "matplotlib"
    assert env == {
        "CAREERDESK_HOME": str(tmp_path / "h"),
        "MPLCONFIGDIR": str(tmp_path / "h" / "cache" / "matplotlib"),
    }
    assert kept.is_dir()


def test_from_source_matplotlib_keeps_its_own_folders(tmp_path: Path) -> None:
    env = {"CAREERDESK_HOME": str(tmp_path / "h"), "MPLCONFIGDIR": "/somewhere/the/user/chose"}
    assert keep_matplotlib_cache(env, frozen=False) is None
    assert env["MPLCONFIGDIR"] == "/somewhere/the/user/chose"
    assert not (tmp_path / "h").exists()


def test_a_cache_that_cannot_be_made_leaves_the_setting_alone(tmp_path: Path) -> None:
    (tmp_path / "h" / "cache").mkdir(parents=True)
    (tmp_path / "h" / "cache" / "matplotlib").write_text("a file where the folder goes")
    env = {"CAREERDESK_HOME": str(tmp_path / "h"), "MPLCONFIGDIR": "/tmp/hook"}
    assert keep_matplotlib_cache(env, frozen=True) is None
    assert env["MPLCONFIGDIR"] == "/tmp/hook"


def test_the_entry_point_keeps_the_font_list_before_reading_its_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from careerdesk.cli import main

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("CAREERDESK_HOME", str(tmp_path / "h"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "hook-tmp"))
    with pytest.raises(SystemExit):
        main(["--version"])  # argparse exits once it has printed the version
    assert os.environ["MPLCONFIGDIR"] == str(tmp_path / "h" / "cache" / "matplotlib")
    assert "CareerDesk" in capsys.readouterr().out


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_names_it(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(UserError, match=str(locked)):
            AppPaths.resolve({"CAREERDESK_HOME": str(locked)}).ensure()
    finally:
        locked.chmod(0o700)


def test_unwritable_folder_when_a_file_blocks_it(tmp_path: Path) -> None:
    # A plain file where the data folder should be: works the same for root.
    blocker = tmp_path / "h"
    blocker.write_text("not a folder")
    with pytest.raises(UserError, match="cannot write to its data folder"):
        AppPaths.resolve({"CAREERDESK_HOME": str(blocker)}).ensure()


def test_settings_round_trip_and_atomic_write(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    s = Settings()
    s.ai.model = "gemini-x"
    s.window.last_tab = "pipeline"
    save_settings(path, s)
    loaded = load_settings(path)
    assert loaded.ai.model == "gemini-x"
    assert loaded.window.last_tab == "pipeline"
    assert json.loads(path.read_text())["schema_version"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temp files left


def test_corrupt_settings_are_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    assert load_settings(path) == Settings()
    assert (tmp_path / "settings.json.bad").read_text() == "{not json"


def test_unknown_keys_survive(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 1, "future_feature": {"x": 1}}))
    s = load_settings(path)
    save_settings(path, s)
    assert json.loads(path.read_text())["future_feature"] == {"x": 1}


def test_settings_never_hold_secrets() -> None:
    dumped = Settings().model_dump_json().lower()
    for word in ("api_key", "token", "password", "secret"):
        assert word not in dumped
