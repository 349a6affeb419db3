"""Tailoring suggestions and applying them (pure rules)."""

from __future__ import annotations

from careerdesk.core.resumes.models import MatchReport, ShownSkill, SkillHit
from careerdesk.core.resumes.tailoring import Suggestion, apply_suggestion, suggestions


def _report() -> MatchReport:
    return MatchReport(
        resume_label="cv",
        posting="Data Analyst at Monzo",
        score=50,
        formula="",
        found=[],
        missing=[
            SkillHit(name="Cloud Platforms", skill_id="cloud", required=True),
            SkillHit(name="BigQuery", skill_id=None, required=True),
        ],
        shown_not_mentioned=[
            ShownSkill(
                skill_id="cloud",
                name="Cloud Platforms",
                level=74,
                evidence_count=2,
                in_posting=True,
            ),
            ShownSkill(
                skill_id="linux", name="Linux", level=70, evidence_count=1, in_posting=False
            ),
        ],
        claimed_without_evidence=[],
        checks=[],
    )


def test_only_shown_skills_are_offered_to_add() -> None:
    out = suggestions(_report())
    assert [(s.kind, s.name) for s in out] == [
        ("add", "Cloud Platforms"),
        ("add", "Linux"),
        ("note", "BigQuery"),  # missing and never shown: learn first, never added
    ]
    assert out[0].reason.startswith(
        "The posting asks for it and you have shown it: measured 74/100 (2 records)"
    )
    assert out[1].reason == "You have shown it: measured 70/100 (1 record)."


ADD = Suggestion(kind="add", skill_id="cloud", name="Cloud Platforms", reason="")


def test_added_to_a_comma_list_under_the_skills_heading() -> None:
    text = "Ann\n\nSkills:\nSQL, Python,\n\nEducation\nBSc\n"
    assert (
        apply_suggestion(text, ADD)
        == "Ann\n\nSkills:\nSQL, Python, Cloud Platforms\n\nEducation\nBSc\n"
    )


def test_added_as_a_bullet_in_a_bulleted_section() -> None:
    text = "## Technical skills\n- SQL\n- Python"
    assert apply_suggestion(text, ADD) == "## Technical skills\n- Cloud Platforms\n- SQL\n- Python"


def test_a_skills_section_is_made_when_there_is_none() -> None:
    assert (
        apply_suggestion("Ann\nExperience", ADD) == "Ann\nExperience\n\nSkills\nCloud Platforms\n"
    )


def test_notes_change_nothing() -> None:
    note = Suggestion(kind="note", skill_id=None, name="BigQuery", reason="")
    assert apply_suggestion("Skills\nSQL", note) == "Skills\nSQL"
