"""``careerdesk offers compare --profile NAME [--json]`` on the demo profile."""

from __future__ import annotations

import json

from careerdesk.cli import main


def test_offers_compare_json_text_and_weights(capsys, demo_installed) -> None:  # type: ignore[no-untyped-def]
    assert main(["offers", "compare", "--profile", "Demo", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = data["offers"]
    assert [r["offer"]["company"] for r in rows] == ["Google", "Co-op Digital"]
    # Demo Google offer: base 62,000 + bonus 8,000 + sign-on 5,000 + equity 10,000 a year
    # + benefits 4,500 = 89,500; Co-op: base 38,000 + benefits 3,000 = 41,000.
    assert [r["first_year_total"] for r in rows] == [89_500, 41_000]
    assert [r["rank"] for r in rows] == [1, 2]
    assert set(rows[0]["offer"]) >= {"base", "bonus", "equity", "benefits", "remote"}
    assert {"start_date", "deadline", "location"} <= set(rows[0]["offer"])
    # Only an earlier start matters to this learner: Co-op (4 weeks) beats Google (8 weeks).
    assert main(["offers", "compare", "--profile", "Demo", "--json", "--weights", "start=1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["offer"]["company"] for r in data["offers"]] == ["Co-op Digital", "Google"]
    assert main(["offers", "compare", "--profile", "Demo"]) == 0
    out = capsys.readouterr().out
    assert "1. Google" in out and "First-year total: 89,500 GBP" in out
    assert main(["offers", "compare", "--profile", "Demo", "--weights", "luck=1"]) == 2
    assert "Unknown criterion luck" in capsys.readouterr().err
    # On the same demo: recommendations pass the calibrated minimum, and "more like this".
    assert main(["recommendations", "--profile", "Demo", "--json"]) == 0
    recs = json.loads(capsys.readouterr().out)
    assert recs and all(r["score"] >= 0.65 for r in recs)
    # Every Apply-now posting of the demo passes (docs/intel.md, calibration).
    assert sum(r["verdict"] == "apply_now" for r in recs) == 4
    liked = recs[0]["application_id"]
    assert main(["recommendations", "--profile", "Demo", "--like", str(liked), "--json"]) == 0
    similar = json.loads(capsys.readouterr().out)
    assert similar and liked not in [s["application_id"] for s in similar]
    assert [s["similarity"] for s in similar] == sorted(
        (s["similarity"] for s in similar), reverse=True
    )
    assert main(["recommendations", "--profile", "Demo", "--like", "99999"]) == 2
