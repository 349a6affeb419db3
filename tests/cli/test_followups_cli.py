"""``careerdesk follow-ups --profile NAME [--json]``: pending steps with their due dates."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from careerdesk.cli import main
from careerdesk.core.pipeline.models import ApplicationInput
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State


def test_follow_ups_json_lists_the_sequence_and_what_is_due(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["profile", "create", "Ann"]) == 0
    from careerdesk.app import build_app

    app = build_app()
    try:
        pid = app.profiles.by_name("Ann").id
        svc = app.service(ApplicationService)
        a = svc.create(pid, ApplicationInput(company="Monzo", title="Analyst"))
        # Applied 8 days ago (a backdated move): steps at +3 and +7 are past, +14 is not.
        applied = datetime.now(UTC).replace(microsecond=0) - timedelta(days=8)
        svc.move(a.id, State.APPLIED, at=applied)
    finally:
        app.close(backup=False)
    capsys.readouterr()
    assert main(["follow-ups", "--profile", "Ann", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = data["follow_ups"]
    assert [(r["step"], r["steps"]) for r in rows] == [(1, 3), (2, 3), (3, 3)]
    assert [r["due_on"] for r in rows] == [
        (applied + timedelta(days=d)).date().isoformat() for d in (3, 7, 14)
    ]
    # Only step 1 is due although step 2 is past too.
    assert [r["due_now"] for r in rows] == [True, False, False]
    assert data["due_now"] == 1
    assert main(["follow-ups", "--profile", "Ann"]) == 0
    out = capsys.readouterr().out
    assert "3 follow-up(s) pending, 1 due now" in out and "Monzo — Analyst" in out
    assert main(["follow-ups", "--profile", "Nobody"]) == 2
