"""``careerdesk work-style``: show and set the work-style and culture preferences."""

from __future__ import annotations

import json

from careerdesk.cli import main


def test_work_style_set_show_and_refuse(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["profile", "create", "Ann"]) == 0
    args = ["work-style", "--profile", "Ann", "--work-mode", "remote", "--work-mode", "hybrid"]
    assert main([*args, "--value", "learning", "--expected-salary", "50000"]) == 0
    capsys.readouterr()
    assert main(["work-style", "--profile", "Ann", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["work_modes"] == ["remote", "hybrid"] and data["values"] == ["learning"]
    assert data["expected_salary"] == 50000
    # A bad value changes nothing (exit 2); --clear empties every group.
    assert main(["work-style", "--profile", "Ann", "--currency", "EURO"]) == 2
    capsys.readouterr()
    assert main(["work-style", "--profile", "Ann", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == data
    assert main(["work-style", "--profile", "Ann", "--clear", "--json"]) == 0
    cleared = json.loads(capsys.readouterr().out)
    assert cleared["work_modes"] == [] and cleared["expected_salary"] is None
    assert main(["work-style", "--profile", "Nobody"]) == 2
