"""InterviewPracticeService: record, edit, delete, feedback, levels, events, isolation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import func, select

from careerdesk.core.interviews.events import InterviewPracticeChanged
from careerdesk.core.interviews.feedback import SkillFeedback
from careerdesk.core.interviews.service import InterviewPracticeService, PracticeInput
from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.storage.tables.interviews import (
    InterviewFeedbackRecord,
    InterviewPracticeRecord,
    InterviewSkillLevel,
)
from tests.fakes.gemini_server import FakeGemini

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def practice(day: int = 0, **kw: object) -> PracticeInput:
    fields: dict[str, object] = {
        "held_at": T0 + timedelta(days=day),
        "kind": "technical",
        "communication": 60,
        "technical": 55,
        "problem_solving": 50,
        "code_quality": 45,
        "notes": "Forgot to write tests. Asked clarifying questions.",
    }
    fields.update(kw)
    return PracticeInput(**fields)  # type: ignore[arg-type]


def test_input_rules() -> None:
    with pytest.raises(PydanticValidationError, match="score at least one"):
        PracticeInput(held_at=T0)
    with pytest.raises(PydanticValidationError):
        practice(communication=101)
    with pytest.raises(PydanticValidationError, match="time zone"):
        practice(held_at=datetime(2026, 1, 5))
    with pytest.raises(PydanticValidationError):
        practice(kind="karaoke")
    with pytest.raises(PydanticValidationError):
        practice(application_id=0)
    assert practice(focus_skill_id="").focus_skill_id is None


def test_create_records_levels_and_publishes_after_commit(app) -> None:  # type: ignore[no-untyped-def]
    svc = app.service(InterviewPracticeService)
    pid = app.profiles.create("Ann").id
    seen: list[tuple[int, int]] = []

    def on_change(event: InterviewPracticeChanged) -> None:
        # the row is committed when the event arrives: a fresh read sees it
        seen.append((event.practice_id, len(svc.list(pid))))

    app.bus.subscribe(InterviewPracticeChanged, on_change)
    p = svc.create(pid, practice(focus_skill_id="sql", application_id=42, technical=None))
    assert seen == [(p.id, 1)]
    assert p.application_id == 42 and p.label == "Technical · 05 Jan"
    points = svc.skill_points(pid)
    assert {pt.skill_id for pt in points} == {"communication", "problem_solving", "code_quality"}
    assert all(pt.ref == f"interview:{p.id}" and pt.at == T0 for pt in points)
    p = svc.update(p.id, practice(focus_skill_id="sql", technical=70))
    levels = svc.catalogue_levels(pid)
    assert levels["sql"].level == 70  # technical counts for the focus skill
    assert "technical" not in levels  # not a catalogue skill
    assert {pt.skill_id for pt in svc.skill_points(pid)} >= {"technical"}
    assert len(seen) == 2


def test_unknown_focus_skill_and_missing_rows_are_user_errors(app) -> None:  # type: ignore[no-untyped-def]
    svc = app.service(InterviewPracticeService)
    pid = app.profiles.create("Ann").id
    with pytest.raises(ValidationError, match="Unknown skill"):
        svc.create(pid, practice(focus_skill_id="juggling"))
    with pytest.raises(NotFoundError):
        svc.get(999)
    with pytest.raises(NotFoundError):
        svc.create(999, practice())
    assert svc.list(pid) == []


def test_list_newest_first_and_records_oldest_first(app) -> None:  # type: ignore[no-untyped-def]
    svc = app.service(InterviewPracticeService)
    pid = app.profiles.create("Ann").id
    other = app.profiles.create("Bob").id
    a = svc.create(pid, practice(0, title="First"))
    b = svc.create(pid, practice(7, title="Second", code_quality=None))
    svc.create(other, practice(3))
    assert [p.id for p in svc.list(pid)] == [b.id, a.id]
    records = svc.score_records(pid)
    assert [r.key for r in records] == [f"interview:{a.id}", f"interview:{b.id}"]
    assert records[1].scores == {"communication": 60, "technical": 55, "problem_solving": 50}
    assert len(svc.skill_points(pid)) == 4 + 3


def test_generate_and_store_offline_then_edit(app) -> None:  # type: ignore[no-untyped-def]
    svc = app.service(InterviewPracticeService)
    pid = app.profiles.create("Ann").id
    p = svc.create(pid, practice())
    stored, generated = svc.generate_and_store(p.id)
    assert generated.gemini is None and set(stored.feedback) == {"offline"}
    bd = svc.skill_breakdown(p.id)
    assert bd["code_quality"].score == 45
    assert bd["code_quality"].weaknesses[0] == "Did not write or describe any tests."
    assert 2 <= len(bd["communication"].strengths) <= 3

    edited = svc.save_feedback(
        p.id,
        "offline",
        {"communication": SkillFeedback(strengths=["  Calm  ", ""], weaknesses=["Too fast"])},
    )
    assert edited.preferred_feedback is not None and edited.preferred_feedback.edited_at
    assert edited.breakdown()["communication"].strengths == ["Calm"]
    assert edited.breakdown()["technical"].strengths == []  # the edit replaced the set
    with pytest.raises(ValidationError, match="at most"):
        svc.save_feedback(p.id, "offline", {"technical": SkillFeedback(strengths=["x"] * 7)})
    with pytest.raises(ValidationError, match="Unknown interview skill"):
        svc.save_feedback(p.id, "offline", {"charm": SkillFeedback()})


def test_gemini_and_offline_are_both_stored(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.integrations.ai.gemini import GeminiProvider

    svc = app.service(InterviewPracticeService)
    pid = app.profiles.create("Ann").id
    p = svc.create(pid, practice(technical=None, code_quality=None))
    reply = {
        "skills": [
            {
                "skill": s,
                "strengths": ["s1", "s2"],
                "weaknesses": ["w1", "w2"],
                "recommendations": ["r1", "r2"],
            }
            for s in ("communication", "problem_solving")
        ]
    }
    with FakeGemini(default_reply=reply) as fake:
        gemini = GeminiProvider("AIzaTEST-0123456789", base_url=fake.base_url, timeout_s=3)
        monkeypatch.setattr(svc, "_ai", lambda: gemini)
        stored, _ = svc.generate_and_store(p.id)
        gemini.close()
    assert set(stored.feedback) == {"gemini", "offline"}
    assert stored.preferred_feedback.source == "gemini"  # type: ignore[union-attr]
    assert stored.breakdown()["communication"].strengths == ["s1", "s2"]
    assert stored.feedback["offline"].skills["communication"].strengths


def test_delete_cascades_and_profile_delete_cascades(app) -> None:  # type: ignore[no-untyped-def]
    svc = app.service(InterviewPracticeService)
    pid = app.profiles.create("Ann").id
    p = svc.create(pid, practice())
    svc.generate_and_store(p.id, use_ai=False)
    gone = svc.delete(p.id)
    assert gone.id == p.id
    q = svc.create(pid, practice())
    svc.generate_and_store(q.id, use_ai=False)
    app.profiles.delete(pid)
    with app.db.read() as s:
        for table in (InterviewPracticeRecord, InterviewFeedbackRecord, InterviewSkillLevel):
            assert s.scalar(select(func.count()).select_from(table)) == 0
