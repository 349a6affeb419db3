"""``careerdesk import applications`` on other trackers' exports, ``--map``/``--status``/
``--encoding``, and malformed files: exit 2 with the line, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerdesk.cli import main

TRACKERS = Path(__file__).parents[1] / "core" / "pipeline" / "trackers"


def run(*args: str) -> int:
    return main(list(args))


@pytest.fixture
def ann(capsys) -> str:  # type: ignore[no-untyped-def]
    assert run("profile", "create", "Ann") == 0
    capsys.readouterr()
    return "Ann"


def _export(tmp_path: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    out = tmp_path / "out.json"
    assert (
        run("export", "applications", "--profile", "Ann", "--format", "json", "--output", str(out))
        == 0
    )
    doc = json.loads(out.read_text(encoding="utf-8"))
    return {a["fields"]["company"]: a for a in doc["applications"]}


def _entered(app: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {e["to_state"]: e["at"] for e in app["events"] if e["kind"] in ("created", "state")}


def test_both_issue_files_import_whole_and_export_everything(
    ann: str, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    assert run("import", "applications", str(TRACKERS / "tracker14.csv"), "--profile", ann) == 0
    assert "Imported 7 of 7" in capsys.readouterr().out
    assert run("import", "applications", str(TRACKERS / "tracker19.csv"), "--profile", ann) == 0
    assert "Imported 6 of 6" in capsys.readouterr().out
    apps = _export(tmp_path)
    assert len(apps) == 13
    monzo = apps["Monzo"]
    assert monzo["fields"]["applied_on"] == "2026-01-12"
    assert monzo["fields"]["posting_url"] == "https://monzo.example/careers/123"
    assert [c["name"] for c in monzo["contacts"]] == ["Priya Shah"]
    assert [(d["kind"], d["path"]) for d in monzo["documents"]] == [
        ("resume", "cv/monzo_v2.pdf"),
        ("cover_letter", "letters/monzo.pdf"),
    ]
    assert any("sector: Fintech" in e["note"] for e in monzo["events"])
    assert _entered(monzo)["PHONE_INTERVIEW"] == "2026-01-20T12:00:00+00:00"
    assert apps["Octopus Energy"]["state"] == "SAVED"  # "Draft"
    stripe = apps["Stripe"]
    assert stripe["created_at"] == "2026-01-03T18:20:00+00:00"
    assert (stripe["fields"]["salary_min"], stripe["fields"]["salary_max"]) == (85000, 105000)
    assert stripe["fields"]["remote"] == "no" and apps["Deliveroo"]["fields"]["remote"] == "yes"
    assert _entered(stripe) == {
        "SAVED": "2026-01-03T18:20:00+00:00",
        "APPLIED": "2026-01-05T09:30:00+00:00",
        "PHONE_INTERVIEW": "2026-01-19T14:00:00+00:00",
        "OFFER_RECEIVED": "2026-02-02T16:45:00+00:00",
    }
    assert stripe["interviews"][0]["starts_at"] == "2026-01-19T14:00:00+00:00"
    assert stripe["offers"][0]["received_on"] == "2026-02-02"
    assert _entered(apps["Deliveroo"])["REJECTED"] == "2026-01-28T12:00:00+00:00"


def test_map_and_status_options(ann: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mine.csv"
    path.write_text(
        "Employer,Gig,Stage,Where I saw it,Internal id\nAcme,Analyst,Pending review,Meetup,A-1\n",
        encoding="utf-8",
    )
    args = ["import", "applications", str(path), "--profile", ann]
    assert run(*args) == 2  # no title column until it is mapped
    assert "no column for title" in capsys.readouterr().err
    code = run(
        *args,
        "--map",
        "Gig=title",
        "--map",
        "Where I saw it=Source",
        "--map",
        "internal_id=ignore",
        "--status",
        "Pending review=SCREENING",
    )
    out = capsys.readouterr().out
    assert code == 0 and "Imported 1 of 1" in out and "ignored as asked: 'Internal id'" in out
    app = _export(tmp_path)["Acme"]
    assert (app["fields"]["title"], app["fields"]["source"], app["state"]) == (
        "Analyst",
        "Meetup",
        "SCREENING",
    )
    assert not any("A-1" in e["note"] for e in app["events"])
    assert run(*args, "--map", "Nope=title") == 2
    assert "no column 'Nope'" in capsys.readouterr().err
    assert run(*args, "--map", "Gig=wages") == 2
    assert "Unknown field 'wages'" in capsys.readouterr().err
    assert run(*args, "--map", "Gig=title", "--status", "Pending review=Maybe") == 2
    assert "Unknown state 'Maybe'" in capsys.readouterr().err
    assert run(*args, "--map", "Gig") == 2
    assert "--map wants NAME=VALUE" in capsys.readouterr().err


def _utf16_no_bom(text: str) -> bytes:
    return text.encode("utf-16-le")


def test_encodings_detected_or_named(ann: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "u16.csv"
    path.write_bytes(_utf16_no_bom("Company,Title\nZürich Re,Actuary\n"))
    assert run("import", "applications", str(path), "--profile", ann) == 0
    assert "read as utf-16-le" in capsys.readouterr().out
    be = tmp_path / "u16be.csv"
    be.write_bytes("Company,Title\nÅrhus AS,Analyst\n".encode("utf-16-be"))
    assert run("import", "applications", str(be), "--profile", ann) == 0
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Company,Title\nNestlé,Chemist\n".encode("latin-1"))
    assert run("import", "applications", str(latin), "--profile", ann, "--encoding", "latin-1") == 0
    apps = _export(tmp_path)
    assert {"Zürich Re", "Århus AS", "Nestlé"} <= set(apps)
    assert run("import", "applications", str(latin), "--profile", ann, "--encoding", "klingon") == 2
    assert "Unknown encoding 'klingon'" in capsys.readouterr().err
    assert run("import", "applications", str(latin), "--profile", ann, "--encoding", "utf-8") == 2
    assert "line 2: the file is not valid utf-8" in capsys.readouterr().err


def test_oversized_cell_rejects_its_row_not_the_file(ann: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "big.csv"
    path.write_text(
        "Company,Title,Unused\n"
        "Acme,Analyst,small\n"
        f'Globex,Engineer,"{"x" * 131_073}"\n'
        "Initech,Developer,\n",
        encoding="utf-8",
    )
    assert run("import", "applications", str(path), "--profile", ann) == 2
    err = capsys.readouterr().err
    assert "line 3: column 'Unused' has 131,073 characters (at most 131,072 per cell)" in err
    assert run("import", "applications", str(path), "--profile", ann, "--skip-invalid") == 0
    assert "Imported 2 of 3" in capsys.readouterr().out
    assert set(_export(tmp_path)) == {"Acme", "Initech"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Company,Title\nAc\x00me,Analyst\n",
            "line 2: column 'Company' contains a control character (NUL)",
        ),
        (
            "Company,Title\nAcme,Ana\x1blyst\n",
            "line 2: column 'Title' contains a control character (ESC)",
        ),
        ('Company,Title\n\nAcme,"Analyst\n', "line 3: the CSV is malformed"),
        ('Company,Title\nAcme,"Ana"lyst\n', "line 2: the CSV is malformed"),
        ("Company,Title\nAcme,Analyst,extra\n", "line 2: 3 cells but the header has 2 columns"),
        ("Company,Title,Applied\nAcme,Analyst,12345\n", "line 2: Applied: '12345' is not a date"),
        ("Company,Title,interview_at\nAcme,Analyst,2026-13-40T10:00\n", "line 2: interview_at:"),
        (
            "Comp\x00any,Title\nAcme,Analyst\n",
            "line 1: the header row: column 1 contains a control",
        ),
        ("", "The file is empty"),
    ],
)
def test_malformed_files_exit_2_naming_the_line(
    ann: str, tmp_path: Path, capsys, text: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.csv"
    path.write_bytes(text.encode("utf-8"))
    assert run("import", "applications", str(path), "--profile", ann) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert run("applications", "list", "--profile", ann) == 0
    assert "No applications match" in capsys.readouterr().out
