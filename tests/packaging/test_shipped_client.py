"""The shipped Google OAuth client: build.spec's helper and the self-test line (issue 26).

The build takes the client from ``CAREERDESK_GOOGLE_CLIENT_FILE`` (never from the
repository); the bundle's self-test says whether one is shipped without printing it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from careerdesk.integrations.google import auth as google_auth
from careerdesk.selftest.checks.calendar import CHECKS

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging" / "pyinstaller"))
import spec_support  # noqa: E402

CLIENT = {
    "installed": {
        "client_id": "555-shipped.apps.googleusercontent.com",
        "client_secret": "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-apps",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": "https://oauth2.googleapis.com/token",
        "redirect_uris": ["http://localhost"],
    }
}


def _check():  # type: ignore[no-untyped-def]
    (check,) = [c for c in CHECKS if c.name == "Google sign-in client shipped"]
    return check


def test_build_helper_copies_a_desktop_client_under_its_fixed_name(tmp_path: Path) -> None:
    source = tmp_path / "downloaded-client-secret-555.json"
    source.write_text(json.dumps(CLIENT), encoding="utf-8")
    ((copied, dest),) = spec_support.shipped_client_datas(str(source), tmp_path / "work")
    assert dest == "careerdesk/resources"
    assert Path(copied).name == google_auth.SHIPPED_CLIENT == spec_support.SHIPPED_CLIENT_NAME
    assert json.loads(Path(copied).read_text(encoding="utf-8")) == CLIENT
    assert spec_support.shipped_client_datas(None, tmp_path) == []
    assert spec_support.shipped_client_datas("  ", tmp_path) == []


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ({"web": {"client_id": "x", "client_secret": "y"}}, "Desktop app"),
        ({"installed": {"client_id": "x"}}, "Desktop app"),
        ("{broken", "cannot read"),
    ],
)
def test_build_helper_stops_on_a_wrong_file(tmp_path: Path, content: object, words: str) -> None:
    source = tmp_path / "client.json"
    source.write_text(content if isinstance(content, str) else json.dumps(content))
    with pytest.raises(SystemExit, match=words):
        spec_support.shipped_client_datas(str(source), tmp_path / "work")
    with pytest.raises(SystemExit, match="cannot read"):
        spec_support.shipped_client_datas(str(tmp_path / "missing.json"), tmp_path / "work")


def test_the_client_is_never_in_the_repository() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "careerdesk/resources/google_oauth_client.json" in ignored


def test_self_test_says_whether_a_client_is_shipped_without_printing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = tmp_path / google_auth.SHIPPED_CLIENT
    monkeypatch.setattr(google_auth, "_shipped_resource", lambda: shipped)
    line = _check().run(None)  # type: ignore[arg-type]  # the check needs no context
    assert line.startswith("no Google sign-in client shipped")
    shipped.write_text(json.dumps(CLIENT), encoding="utf-8")
    line = _check().run(None)  # type: ignore[arg-type]
    assert line.startswith("Google sign-in client shipped")
    for secret in (CLIENT["installed"]["client_id"], CLIENT["installed"]["client_secret"], "555"):
        assert secret not in line
