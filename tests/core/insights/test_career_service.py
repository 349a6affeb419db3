"""Interest scoring, the offline recommender, staleness rules, Gemini and its failures, CSV."""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from careerdesk.app import App
from careerdesk.core.insights import riasec
from careerdesk.core.insights.career_export import (
    export_csv,
    neutralise,
    recommendation_rows,
    to_csv,
)
from careerdesk.core.insights.career_rules import (
    LearnerFacts,
    course_paths_offline,
    explore_occupations,
    recommend_offline,
)
from careerdesk.core.insights.career_service import CareerRecommendationService
from careerdesk.core.insights.events import InterestsChanged, RecommendationsUpdated
from careerdesk.core.insights.interests import InterestService, questionnaire
from careerdesk.core.insights.providers import SkillsProvider
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.kernel.ports import AIProvider
from careerdesk.core.profiles.service import ProfileDetails
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.reference.onet import onet
from careerdesk.integrations.ai.gemini import GeminiProvider
from careerdesk.integrations.ai.offline import OfflineAI
from tests.fakes.gemini_server import FakeGemini


def answers(**by_area: int) -> dict[str, int]:
    """The same answer for every statement of an area, e.g. answers(I=5, C=4) (others 1)."""
    return {i.id: by_area.get(i.dimension, 1) for i in questionnaire().items}


# --- scoring ---------------------------------------------------------------------------------
def test_scoring_by_hand() -> None:
    q = questionnaire()
    assert len(q.items) == 36
    assert riasec.score_answers(q, answers(R=5, I=5, A=5, S=5, E=5, C=5)) == dict.fromkeys(
        riasec.RIASEC, 7.0
    )
    assert riasec.score_answers(q, answers(R=3, I=3, A=3, S=3, E=3, C=3))["R"] == 4.0
    # Realistic: three "Strongly like" (4 each) and three "Strongly dislike" (0): raw 12 of 24
    mixed = answers(I=2)
    realistic = [i.id for i in q.items if i.dimension == "R"]
    for item_id in realistic[:3]:
        mixed[item_id] = 5
    scores = riasec.score_answers(q, mixed)
    assert scores["R"] == 4.0
    assert scores["I"] == pytest.approx(2.5)  # raw 6 of 24 -> 1 + 6 × 0.25
    assert scores["A"] == 1.0
    assert riasec.high_point_code(scores) == "RIA"  # A, S, E, C tie at 1.0: R-I-A-S-E-C order


def test_scoring_refuses_incomplete_or_bad_answers() -> None:
    q = questionnaire()
    partial = answers()
    partial.pop("r01")
    with pytest.raises(ValidationError, match="1 of 36 still open"):
        riasec.score_answers(q, partial)
    with pytest.raises(ValidationError, match="1–5"):
        riasec.score_answers(q, {**answers(), "r01": 6})
    with pytest.raises(ValidationError, match="Unknown"):
        riasec.score_answers(q, {**answers(), "zz9": 3})


def test_interest_fit() -> None:
    occ = {"R": 1.0, "I": 7.0, "A": 2.0, "S": 3.0, "E": 4.0, "C": 5.0}
    assert riasec.interest_fit(occ, occ) == 100.0
    reversed_ = {k: 8.0 - v for k, v in occ.items()}
    assert riasec.interest_fit(reversed_, occ) == 0.0
    shifted = {k: v / 2 + 1 for k, v in occ.items()}  # same shape, lower levels
    assert riasec.interest_fit(shifted, occ) == 100.0
    flat = dict.fromkeys(riasec.RIASEC, 4.0)  # no shape: closeness of levels instead
    # mean |diff| = (3 + 3 + 2 + 1 + 0 + 1) / 6 = 5/3 -> 100 × (1 − (5/3)/6) = 72.2
    assert riasec.interest_fit(flat, occ) == pytest.approx(72.2)
    assert riasec.shared_letters("IRC", "ICA") == 2


# --- the offline recommender on known profiles -----------------------------------------------
@pytest.mark.parametrize(
    ("areas", "expected_top", "explore_contains"),
    [
        ({"R": 2, "I": 5, "A": 1, "S": 2, "E": 1, "C": 4}, {"Data Scientist"}, "Statisticians"),
        ({"R": 1, "I": 2, "A": 2, "S": 4, "E": 5, "C": 3}, {"Product Manager"}, "Fundraisers"),
        ({"R": 2, "I": 4, "A": 5, "S": 3, "E": 2, "C": 2}, {"UX Designer"}, "Writers"),
        (
            {"R": 5, "I": 3, "A": 1, "S": 2, "E": 2, "C": 4},
            {"IT Support Specialist", "Systems Administrator"},
            "Technicians",
        ),
    ],
)
def test_offline_recommender_on_known_profiles(
    areas: dict[str, int], expected_top: set[str], explore_contains: str
) -> None:
    catalog, data = load_catalog(), onet()
    facts = LearnerFacts(
        profile_id=1, riasec=riasec.score_answers(questionnaire(), answers(**areas))
    )
    paths = recommend_offline(facts, catalog, data)
    assert len(paths) == 5
    assert paths[0].title in expected_top
    assert paths[0].fit == pytest.approx(0.5 * (paths[0].interest_fit or 0), abs=0.2)
    assert paths[0].why[0].startswith(f"Your interest code {facts.code}")
    assert all(p.first_steps and p.key_skills and p.occupations for p in paths)
    explore = explore_occupations(facts, data, {r.onet_code for r in catalog.roles.values()})
    assert any(explore_contains in o.title for o in explore)


def test_ideas_beyond_the_catalogue_stay_near_a_computing_graduates_field() -> None:
    """Issue 18: an investigative-social computing graduate was sent to Neuropsychologists
    and Historians, because the list was ranked by interests alone."""
    catalog, data = load_catalog(), onet()
    scores = {"R": 3.0, "I": 7.0, "A": 4.25, "S": 5.0, "E": 2.75, "C": 5.0}  # by hand
    exclude = {r.onet_code for r in catalog.roles.values()}
    by_interest = explore_occupations(LearnerFacts(profile_id=1, riasec=scores), data, exclude)
    assert "Neuropsychologists" in [o.title for o in by_interest]  # the old ranking's answer
    facts = LearnerFacts(
        profile_id=1,
        riasec=scores,
        course="BSc Computer Science",
        interests_text="data, building software tools",
    )
    explore = explore_occupations(facts, data, exclude)
    titles = [o.title for o in explore]
    assert len(titles) == 5
    assert not {"Neuropsychologists", "Historians", "Sociologists", "Psychiatrists"} & set(titles)
    # Every idea shares the graduate's words ("computer", "data", "software", …).
    for o in explore:
        occupation = data.occupations[o.code]
        text = f"{occupation.title} {occupation.description}".lower()
        assert any(w in text for w in ("computer", "data", "software")), o.title
    assert all(o.code not in exclude for o in explore)


def test_offline_recommender_uses_skills_and_course_without_questionnaire() -> None:
    facts = LearnerFacts(
        profile_id=1,
        course="Diploma in Network Administration",
        levels={"networking": 85, "security": 60, "linux": 60, "problem_solving": 70},
    )
    paths = recommend_offline(facts, load_catalog(), onet())
    assert paths[0].title == "Network Engineer"
    assert paths[0].interest_fit is None
    assert any("network" in line for line in paths[0].why)
    assert recommend_offline(LearnerFacts(profile_id=1), load_catalog(), onet()) == []


@pytest.mark.parametrize(
    ("course", "first"),
    [
        ("BSc Mathematics", "Data Scientist"),
        ("Diploma in Network Administration", "Network Engineer"),
        ("BA Graphic Design", "UX Designer"),
        ("HND Business Management", "Business Analyst"),
    ],
)
def test_course_paths_offline(course: str, first: str) -> None:
    paths = course_paths_offline(course, load_catalog(), onet())
    assert paths[0].title == first
    assert paths[0].why[0].startswith(f"{course} teaches")


def test_course_without_known_words_gets_no_invented_paths() -> None:
    assert course_paths_offline("BA History", load_catalog(), onet()) == []


# --- the service: staleness ------------------------------------------------------------------
class NoSkills:
    def skills(self, profile_id: int, as_of: object = None) -> dict:
        return {}


def make_service(
    app: App, clock: FixedClock, ai: AIProvider | None = None
) -> CareerRecommendationService:
    provider = ai or OfflineAI()
    skills: SkillsProvider = NoSkills()
    return CareerRecommendationService(app.db, app.bus, clock, lambda: provider, skills)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def learner(app: App) -> int:
    details = ProfileDetails(
        full_name="Sam Okoro",
        location="Leeds",
        field_of_study="BSc Mathematics",
        interests="puzzles, statistics",
    )
    pid = app.profiles.create("Sam", details).id
    InterestService(app.db, app.bus, FixedClock()).save_answers(pid, answers(I=5, C=4, R=2))
    return pid


def test_staleness_rules(app: App, clock: FixedClock, learner: int) -> None:
    svc = make_service(app, clock)
    updates: list[RecommendationsUpdated] = []
    app.bus.subscribe(RecommendationsUpdated, updates.append)

    first = svc.refresh(learner)
    assert first.regenerated and "new profile" in first.reason
    assert first.course_reason == "the course is new"
    assert svc.staleness(learner) is None
    assert not svc.refresh(learner).regenerated

    clock.advance(days=6, hours=23)
    assert svc.staleness(learner) is None
    clock.advance(hours=2)  # 7 days and 1 hour
    assert "older than 7 days" in (svc.staleness(learner) or "")
    second = svc.refresh(learner)
    assert second.regenerated and second.course_reason is None  # course paths last 30 days

    app.profiles.update_details(
        learner,
        ProfileDetails(
            location="Leeds", field_of_study="BSc Mathematics", interests="puzzles, teaching"
        ),
    )
    assert svc.staleness(learner) == "the interests changed (interests text)"
    svc.refresh(learner)
    InterestService(app.db, app.bus, clock).save_answers(learner, answers(S=5, E=4))
    assert svc.staleness(learner) == "the interests changed (questionnaire answers)"
    svc.refresh(learner)

    clock.advance(days=29)  # course paths are now 30 days + 1 hour old
    plan = svc.plan(learner)
    assert plan.course_reason is not None and "older than 30 days" in plan.course_reason
    assert svc.refresh(learner).course_reason is not None
    assert len(updates) == 5
    stored = svc.get(learner)
    assert stored is not None
    assert stored.last_updated == clock.now()
    assert stored.count == len(stored.paths) == 5
    assert stored.code == "SER" and stored.source == "offline"  # R wins the 1.0 tie
    assert stored.course == "BSc Mathematics" and stored.course_paths


def sam(**changes: str) -> ProfileDetails:
    """The learner fixture's details with ``changes`` applied."""
    fields = {
        "full_name": "Sam Okoro",
        "location": "Leeds",
        "field_of_study": "BSc Mathematics",
        "interests": "puzzles, statistics",
    }
    return ProfileDetails(**{**fields, **changes})


def test_a_change_of_location_makes_the_recommendations_stale(
    app: App, clock: FixedClock, learner: int
) -> None:
    svc = make_service(app, clock)
    svc.refresh(learner)
    assert svc.staleness(learner) is None

    # Spacing and case are not a move (the same normalisation as the interests text).
    app.profiles.update_details(learner, sam(location="  LEEDS "))
    assert svc.staleness(learner) is None

    app.profiles.update_details(learner, sam(location="Lagos"))
    assert svc.staleness(learner) == "the location changed"
    outcome = svc.refresh(learner)
    assert outcome.regenerated
    assert outcome.describe().startswith(
        "Sam: 5 offline recommendation(s) because the location changed"
    )
    assert svc.staleness(learner) is None

    app.profiles.update_details(learner, sam(location="", interests="puzzles, teaching"))
    assert svc.staleness(learner) == (
        "the interests changed (interests text) and the location changed"
    )


def test_a_set_stored_before_the_location_counted_is_regenerated_once(
    app: App, clock: FixedClock, learner: int
) -> None:
    from sqlalchemy import select

    from careerdesk.core.storage.tables.insights import CareerRecommendationSet

    svc = make_service(app, clock)
    svc.refresh(learner)
    with app.db.session() as s:  # what an earlier version stored: no location among inputs
        row = s.scalar(select(CareerRecommendationSet))
        assert row is not None
        row.inputs = {k: v for k, v in row.inputs.items() if k != "location"}
    assert svc.staleness(learner) == (
        "the location was not recorded with them (an earlier version made them)"
    )
    svc.refresh(learner)
    assert svc.staleness(learner) is None


def test_the_gemini_prompt_names_the_new_location(
    app: App, clock: FixedClock, learner: int, fake: FakeGemini
) -> None:
    svc = make_service(app, clock, gemini(fake))
    svc.refresh(learner)
    app.profiles.update_details(learner, sam(location="Lagos"))
    before = fake.request_count
    outcome = svc.refresh(learner)
    assert outcome.regenerated and outcome.source == "ai"
    learner_calls = fake.requests[before:]
    assert len(learner_calls) == 1  # course paths are per course: not asked again
    prompt = learner_calls[0].body["contents"][0]["parts"][0]["text"]
    assert "Location: Lagos" in prompt


def test_interest_answers_publish_only_on_change(app: App, learner: int) -> None:
    seen: list[InterestsChanged] = []
    app.bus.subscribe(InterestsChanged, seen.append)
    svc = InterestService(app.db, app.bus, FixedClock())
    svc.save_answers(learner, answers(I=5, C=4, R=2))  # same as the fixture's
    assert seen == []
    profile = svc.save_answers(learner, answers(A=5))
    assert [e.code for e in seen] == ["ARI"] == [profile.code]
    assert svc.get(learner) == profile


# --- Gemini --------------------------------------------------------------------------------
AI_ANSWER = {
    "paths": [
        {
            "title": "Data analysis for public services",
            "role_ids": ["data_analyst", "not_a_role", "data_analyst"],
            "why_it_fits": (
                "You enjoy puzzles and statistics. Analysts earn £40k per year in Leeds. "
                "Your maths degree is a strong base."
            ),
            "key_skills": ["SQL", "Salary negotiation", "Statistics"],
            "first_steps": ["Take the SQL assessment", "Ask for $90k", "Build a dashboard"],
        },
        {
            "title": "Machine learning research",
            "role_ids": ["ml_engineer"],
            "why_it_fits": "Your investigative interests fit research work.",
            "key_skills": ["Python", "Statistics"],
            "first_steps": ["Start the Python course"],
        },
    ]
}


@pytest.fixture
def fake() -> Iterator[FakeGemini]:
    with FakeGemini(default_reply=AI_ANSWER) as server:
        yield server


def gemini(fake: FakeGemini, timeout_s: float = 2.0) -> GeminiProvider:
    return GeminiProvider(
        "test-key",
        base_url=fake.base_url,
        timeout_s=timeout_s,
        attempts=1,
        retry_initial_delay_s=0.01,
        retry_max_delay_s=0.02,
    )


def test_gemini_writes_checked_paths(
    app: App, clock: FixedClock, learner: int, fake: FakeGemini
) -> None:
    svc = make_service(app, clock, gemini(fake))
    outcome = svc.refresh(learner)
    assert outcome.regenerated and outcome.source == "ai" and outcome.error is None
    stored = svc.get(learner)
    assert stored is not None and stored.source == "ai" and stored.model == "gemini-2.5-flash"
    first = stored.paths[0]
    assert first.source == "ai"
    assert first.role_ids == ["data_analyst"]  # unknown and repeated ids dropped
    assert first.occupations[0].code == "15-2051.01"
    assert first.why == ["You enjoy puzzles and statistics. Your maths degree is a strong base."]
    assert first.key_skills == ["SQL", "Statistics"]  # nothing about pay survives
    assert first.first_steps == ["Take the SQL assessment", "Build a dashboard"]
    assert stored.course_source == "ai"
    body = fake.requests[0].body
    prompt = body["contents"][0]["parts"][0]["text"]
    assert "BSc Mathematics" in prompt and "code ICR" in prompt
    assert "salaries" in body["systemInstruction"]["parts"][0]["text"]
    assert set(body["generationConfig"]["responseSchema"]["properties"]) == {"paths"}


@pytest.mark.parametrize("failure", ["server", "malformed", "timeout"])
def test_ai_failure_on_a_new_profile_stores_the_offline_set(
    app: App,
    clock: FixedClock,
    learner: int,
    fake: FakeGemini,
    failure: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    if failure == "server":
        fake.fail(500, times=2)
    elif failure == "malformed":
        fake.malformed("schema")
        fake.malformed("text")
    else:
        fake.hang(5)
        fake.hang(5)
    svc = make_service(app, clock, gemini(fake, timeout_s=0.5))
    with caplog.at_level(logging.WARNING):
        outcome = svc.refresh(learner)
    stored = svc.get(learner)
    assert stored is not None and stored.source == "offline" and stored.count == 5
    assert outcome.regenerated and outcome.error and stored.last_error == outcome.error
    assert "AI failed" in outcome.describe()
    assert "using offline" in caplog.text


def test_ai_failure_keeps_the_previous_ai_set_when_interests_are_unchanged(
    app: App,
    clock: FixedClock,
    learner: int,
    fake: FakeGemini,
    caplog: pytest.LogCaptureFixture,
) -> None:
    svc = make_service(app, clock, gemini(fake))
    svc.refresh(learner)
    first = svc.get(learner)
    assert first is not None and first.source == "ai"

    clock.advance(days=8)
    fake.fail(503)
    with caplog.at_level(logging.WARNING):
        outcome = svc.refresh(learner)
    kept = svc.get(learner)
    assert kept is not None
    assert not outcome.regenerated and outcome.error
    assert outcome.kept_previous and outcome.previous_count == 2
    assert outcome.describe() == (
        "Sam: NOT refreshed, kept the previous 2 AI-generated recommendation(s) from "
        "2026-01-05: Gemini failed (Gemini had a problem on its side (HTTP 503). Try again "
        "in a few minutes); still due because they are older than 7 days (last updated "
        "2026-01-05), retried at the next refresh"
    )
    assert "up to date" not in outcome.describe()
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "recommendations: " + outcome.describe() in warned
    assert kept.paths == first.paths and kept.last_updated == first.last_updated
    assert kept.last_error and "HTTP 503" in kept.last_error
    assert "keeping the previous AI set" in caplog.text
    assert "older than 7 days" in (svc.staleness(learner) or "")  # retried next time

    # Interests changed and the AI fails again: the old AI set no longer fits -> offline.
    app.profiles.update_details(learner, ProfileDetails(interests="painting"))
    fake.fail(503)
    fake.fail(503)
    svc.refresh(learner)
    fresh = svc.get(learner)
    assert fresh is not None and fresh.source == "offline"


# --- CSV export ------------------------------------------------------------------------------
def test_csv_export_in_seed_columns_with_neutralised_cells(
    app: App, clock: FixedClock, learner: int, tmp_path: Path
) -> None:
    svc = make_service(app, clock)
    svc.refresh(learner)
    evil = app.profiles.create(
        '=HYPERLINK("http://x")', ProfileDetails(location="@SUM(A1)", interests="+cmd")
    )
    rows = recommendation_rows(app.db, svc)
    target = tmp_path / "recs.csv"
    assert export_csv(target, rows) == 2
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(parsed[0]) == [
        "user_id",
        "username",
        "name",
        "hometown",
        "course",
        "interests",
        "career_recommendations",
        "last_updated",
        "recommendation_count",
    ]
    by_id = {r["user_id"]: r for r in parsed}
    sam = by_id[str(learner)]
    assert (sam["username"], sam["name"], sam["hometown"]) == ("Sam", "Sam Okoro", "Leeds")
    assert sam["interests"] == "puzzles, statistics; RIASEC code ICR"
    recs = json.loads(sam["career_recommendations"])
    assert len(recs) == int(sam["recommendation_count"]) == 5
    assert recs[0]["title"] and recs[0]["first_steps"]
    assert sam["last_updated"].startswith("2026-01-05T09:00")
    bad = by_id[str(evil.id)]
    assert bad["username"].startswith("'=") and bad["hometown"] == "'@SUM(A1)"
    assert bad["interests"] == "'+cmd" and bad["recommendation_count"] == "0"
    assert neutralise("-2+3") == "'-2+3" and neutralise("ok") == "ok" and neutralise(None) == ""
    assert to_csv([]).startswith("user_id,username")
