"""``careerdesk analytics --profile NAME [--json]`` and the demo seeder of pipeline intelligence."""

from __future__ import annotations

import json

from careerdesk.cli import main


def test_analytics_json_and_text(capsys, demo_installed) -> None:  # type: ignore[no-untyped-def]
    assert main(["analytics", "--profile", "Demo", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f["stage"] for f in data["funnel"]] == [
        "saved",
        "applied",
        "screening",
        "interview",
        "offer",
        "accepted",
    ]
    # every demo application counts: the pipeline's 30 plus the postings seeder's captures
    assert main(["applications", "list", "--profile", "Demo", "--json"]) == 0
    applications = json.loads(capsys.readouterr().out)
    assert len(applications) >= 30
    assert data["total"] == data["funnel"][0]["count"] == len(applications)
    assert set(data["breakdowns"]) == {
        "source",
        "company",
        "role",
        "location",
        "remote",
        "seniority",
        "industry",
        "skill",
    }
    assert {"precision", "recall", "f1"} <= set(data["accuracy"])
    # Verdict accuracy says which verdicts it judged: the ones frozen when applying.
    judged = data["judged"]
    assert judged["outcomes"] == judged["judged"] + judged["no_snapshot"] + judged["no_verdict"]
    assert data["accuracy"]["n"] == judged["judged"]
    assert abs(sum(data["weights"]["weights"].values()) - 1) < 1e-6
    assert main(["analytics", "--profile", "Demo"]) == 0
    out = capsys.readouterr().out
    assert "Funnel:" in out and "Verdict accuracy" in out
    assert "by the verdict given when applying" in out
    assert main(["analytics", "--profile", "Nobody"]) == 2
