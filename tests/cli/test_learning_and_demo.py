"""``careerdesk catalog``, ``careerdesk learning-path`` and the learning part of the demo."""

from __future__ import annotations

import json

from careerdesk.app import build_app
from careerdesk.cli import main
from careerdesk.core.assessments import AssessmentService
from careerdesk.core.learning.service import LearningService
from careerdesk.core.skills.service import SkillProfileService


def test_catalog_json(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["catalog", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["skills"]["count"] == len(data["skills"]["ids"]) == 22
    assert data["roles"]["count"] == 20 and "data_analyst" in data["roles"]["ids"]
    assert data["roles"]["onet_codes"]["data_analyst"] == "15-2051.01"
    assert data["questions"]["count"] == 336
    assert data["questions"]["per_skill"]["sql"] == {"easy": 7, "medium": 7, "hard": 7}
    assert data["content"]["count"] == len(data["content"]["ids"]) == 152
    assert sum(data["content"]["per_kind"].values()) == 152
    assert main(["catalog"]) == 0
    assert "Questions: 336 over 16 skills" in capsys.readouterr().out


def test_learning_path_command(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["profile", "create", "Ann"]) == 0
    assert main(["learning-path", "--profile", "Ann"]) == 2
    assert "no learning path yet" in capsys.readouterr().err
    assert main(["learning-path", "--profile", "Ann", "--generate"]) == 2
    assert "target role" in capsys.readouterr().err
    assert main(["learning-path", "--profile", "Ann", "--role", "qa_engineer"]) == 2

    app = build_app()
    try:
        pid = app.profiles.by_name("Ann").id
        app.service(SkillProfileService).set_target_roles(pid, ["qa_engineer"])
    finally:
        app.close(backup=False)
    capsys.readouterr()
    assert main(["learning-path", "--profile", "Ann", "--generate", "--json"]) == 0
    made = json.loads(capsys.readouterr().out)
    assert made["role_id"] == "qa_engineer" and made["items"] and made["done"] == 0
    item = made["items"][0]
    assert set(item) >= {"content_id", "title", "kind", "url", "state", "reason", "est_hours"}
    assert main(["learning-path", "--profile", "ann", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["id"] == made["id"]
    assert main(["learning-path", "--profile", "Ann"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Learning path for QA Engineer") and item["reason"] in text


def test_demo_gives_role_two_assessments_weeks_apart_and_path_progress(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["demo"]) == 0
    assert "learning: target role Data Analyst" in capsys.readouterr().out
    app = build_app()
    try:
        pid = app.profiles.by_name("Demo").id
        assert app.profiles.get(pid).target_role_ids[0] == "data_analyst"
        history = app.service(AssessmentService).history(pid)
        assert [h.state for h in history] == ["submitted", "submitted"]
        assert (history[0].started_at - history[1].started_at).days >= 14
        assert history[0].started_at < app.clock.now()
        review = app.service(AssessmentService).review(history[1].id)
        assert any(i.is_correct for i in review.items) and any(
            not i.is_correct for i in review.items
        )
        path = app.service(LearningService).current_path(pid)
        assert path is not None and path.items
        assert path.done + path.in_progress >= 1
        assert path.changes is not None and path.changes.previous_path_id is not None
        levels = app.service(SkillProfileService).current_levels(pid)
        assert levels["sql"].source == "assessment"
        # the demo's interview practices measure communication; databases is only self-rated
        assert levels["communication"].source == "interview"
        assert levels["databases"].source == "self" and levels["databases"].self_rated_only
    finally:
        app.close(backup=False)
