"""Preference learning moves rankings as specified; expiry; collaborative opt-in."""

from __future__ import annotations

from datetime import timedelta

import pytest

from careerdesk.core.pipeline.intel import job_recommendation_rules as rules
from careerdesk.core.pipeline.intel.job_recommendation_service import JobRecommendationService
from careerdesk.core.pipeline.models import ApplicationInput
from careerdesk.core.pipeline.states import State
from careerdesk.core.skills.service import SkillProfileService


def test_signal_weights_and_confidence() -> None:
    prefs = rules.Preferences()
    prefs.learn("apply", {"company": "monzo", "skills": ["sql", "python"]})
    assert prefs.values["company"]["monzo"] == 0.7
    prefs.learn("open", {"company": "monzo"})
    assert round(prefs.values["company"]["monzo"], 6) == 1.0  # clamped
    prefs.learn("dismiss", {"company": "bbc", "location": "leeds", "role": "x"})
    assert prefs.values["company"]["bbc"] == -0.3
    assert prefs.values["role"]["x"] == -0.3
    assert prefs.values["location"]["leeds"] == -0.2
    assert prefs.confidence == 3 / 8
    more = rules.learn_all([("open", {"company": "a"})] * 20)
    assert more.confidence > prefs.confidence


def test_learning_moves_rankings() -> None:
    a = {"company": "monzo", "role": "analyst", "location": "leeds"}
    b = {"company": "bbc", "role": "analyst", "location": "london"}
    fresh = rules.Preferences()
    # Equal content fit: no preference -> equal scores.
    assert (
        rules.score_posting(1, 0.6, "", a, fresh).score
        == rules.score_posting(2, 0.6, "", b, fresh).score
    )
    learned = rules.learn_all([("apply", {"company": "monzo"}), ("dismiss", {"company": "bbc"})])
    sa = rules.score_posting(1, 0.6, "", a, learned)
    sb = rules.score_posting(2, 0.6, "", b, learned)
    assert sa.score > 0.6 > sb.score
    assert any("interest" in r for r in sa.reasons)
    assert any("dismissed" in r for r in sb.reasons)
    # A better content fit still wins over a small learned preference.
    assert rules.score_posting(2, 0.9, "", b, learned).score > sa.score


def test_scores_by_hand() -> None:
    """docs/intel.md: score = (1 - a) x fit + a x (preference + 1)/2, a = 0.4 x n/(n + 5)."""
    learned = rules.learn_all([("apply", {"company": "monzo"}), ("dismiss", {"company": "bbc"})])
    assert learned.confidence == 2 / 7
    alpha = 0.4 * 2 / 7
    liked = rules.score_posting(1, 0.6, "", {"company": "monzo"}, learned)
    assert liked.score == round((1 - alpha) * 0.6 + alpha * (0.7 + 1) / 2, 4) == 0.6286
    assert liked.confidence == 0.286
    disliked = rules.score_posting(2, 0.6, "", {"company": "bbc"}, learned)
    assert disliked.score == round((1 - alpha) * 0.6 + alpha * (-0.3 + 1) / 2, 4) == 0.5714
    # Blended 60/40 with a collaborative share of 0.5.
    blended = rules.score_posting(1, 0.6, "", {"company": "monzo"}, learned, (0.5, "why"))
    assert blended.score == 0.5771 and blended.reasons[-1] == "why"
    # No signal at all: confidence 0, the score is the content fit.
    assert rules.score_posting(3, 0.42, "", {"company": "x"}, rules.Preferences()).score == 0.42


def test_dismiss_weights_per_attribute_and_preference_mean() -> None:
    prefs = rules.learn_all(
        [
            (
                "dismiss",
                {
                    "company": "c",
                    "role": "r",
                    "location": "l",
                    "skills": ["sql", "excel"],
                    "seniority": "junior",
                },
            )
        ]
    )
    assert {a: dict(v) for a, v in prefs.values.items()} == {
        "company": {"c": -0.3},
        "role": {"r": -0.3},
        "location": {"l": -0.2},
        "skills": {"sql": -0.2, "excel": -0.2},
        "seniority": {"junior": -0.2},
    }
    pref, _ = prefs.preference({"company": "c", "skills": ["sql", "python"], "location": "other"})
    # Mean over the attributes seen before: company -0.3, skills mean(-0.2) = -0.2.
    assert pref == -0.25
    assert rules.learn_all([("open", {})] * 5).confidence == 0.5
    assert rules.MIN_SCORE == 0.65  # docs/intel.md: minimum score (calibrated, issue 20)


def test_collaborative_scores() -> None:
    others = [({"x", "y"}, {"y"}), ({"x", "z"}, {"z", "y"}), ({"q"}, {"y"})]
    got = rules.collaborative_scores({"x"}, others, ["y", "z", "w"])
    assert got == {"y": (1.0, 2), "z": (0.5, 1)}  # the third profile shares nothing with me


DESC = "Requirements:\n- SQL\n- Python\n- Excel reporting"


@pytest.fixture(autouse=True)
def _levels(app, pid) -> None:  # type: ignore[no-untyped-def]
    """A learner who matches these postings, so they clear the minimum score."""
    app.service(SkillProfileService).set_self_ratings(
        pid, {"sql": 70, "python": 70, "data_analysis": 70}
    )


def test_service_ranks_dismisses_and_expires(app, svc, pid, clock) -> None:  # type: ignore[no-untyped-def]
    recs = app.service(JobRecommendationService)
    a = svc.create(pid, ApplicationInput(company="Monzo", title="Data Analyst", description=DESC))
    b = svc.create(pid, ApplicationInput(company="BBC", title="Data Analyst", description=DESC))
    applied = svc.create(pid, ApplicationInput(company="Monzo", title="Analyst", description=DESC))
    svc.move(applied.id, State.APPLIED)
    ranked = recs.refresh(pid)
    ids = [r.application_id for r in ranked]
    assert applied.id not in ids  # applied: no longer a candidate
    assert ids[0] == a.id  # same company as an application: learned preference
    assert ranked[0].reasons
    recs.record(b.id, "dismiss")
    assert b.id not in [r.application_id for r in recs.refresh(pid)]
    clock.advance(days=14, minutes=-1)  # docs/intel.md: expires 14 days after first shown
    assert [r.application_id for r in recs.refresh(pid)] == [a.id]
    clock.advance(minutes=2)
    assert recs.refresh(pid) == []  # expired after 14 days


def test_collaborative_is_opt_in(app, svc, pid, clock) -> None:  # type: ignore[no-untyped-def]
    recs = app.service(JobRecommendationService)
    other = app.profiles.create("Ben").id
    for p in (pid, other):
        svc.create(p, ApplicationInput(company="Monzo", title="Data Analyst", description=DESC))
    target = svc.create(
        other, ApplicationInput(company="Stripe", title="Analyst", description=DESC)
    )
    svc.move(target.id, State.APPLIED)
    mine = svc.create(pid, ApplicationInput(company="Stripe", title="Analyst", description=DESC))
    assert recs.collaborative_enabled(pid) is False

    def reasons() -> list[str]:
        return next(r.reasons for r in recs.refresh(pid) if r.application_id == mine.id)

    assert not any("people" in r or "person" in r for r in reasons())
    recs.set_collaborative(pid, True)
    assert not any("person" in r for r in reasons())  # Ben has not opted in
    recs.set_collaborative(other, True)
    assert any("1 person" in r for r in reasons())
    assert timedelta(0) < (next(iter(recs.active(pid))).expires_at - clock.now())


def test_values_are_clamped_to_minus_one_and_one() -> None:
    prefs = rules.learn_all(
        [("apply", {"company": "monzo"})] * 2 + [("dismiss", {"role": "x"})] * 4
    )
    assert prefs.values["company"]["monzo"] == 1.0  # 1.4 clamped
    assert prefs.values["role"]["x"] == -1.0  # -1.2 clamped
    empty = rules.learn_all([("apply", {"company": "", "role": None, "skills": ["", "sql"]})])
    assert {a: dict(v) for a, v in empty.values.items() if v} == {"skills": {"sql": 0.7}}


def test_preference_contributors_and_unknown_values() -> None:
    prefs = rules.learn_all(
        [("apply", {"skills": ["a_big"]}), ("dismiss", {"skills": ["z_small"]})]
    )
    pref, contributors = prefs.preference({"skills": ["a_big", "z_small"]})
    # Mean of 0.7 and -0.2; the contributor named is the value with the largest |value|.
    assert round(pref, 6) == 0.25
    assert contributors == [("skills", "a_big", pref)]
    assert rules.Preferences().preference({"company": "new"}) == (0.0, [])
    assert prefs.preference({"company": "new"}) == (0.0, [])


def test_reasons_name_the_two_strongest_learned_attributes() -> None:
    prefs = rules.learn_all(
        [
            ("apply", {"company": "monzo"}),  # 0.7
            ("dismiss", {"location": "leeds"}),  # -0.2
            ("open", {"role": "analyst"}),  # 0.3
            ("open", {"seniority": "junior"}),  # 0.3 …
            ("dismiss", {"seniority": "junior"}),  # … -0.2 = 0.1
        ]
    )
    attrs = {"company": "monzo", "location": "leeds", "role": "analyst", "seniority": "junior"}
    scored = rules.score_posting(7, 0.5, "Matches 80% of the skills.", attrs, prefs)
    assert scored.key == 7
    assert scored.reasons == [
        "Matches 80% of the skills.",
        "You showed interest in this company before (monzo).",
        "You showed interest in this role before (analyst).",
    ]
    assert rules.score_posting(8, 0.5, "", {"location": "leeds"}, prefs).reasons == [
        "You dismissed postings with this location (leeds)."
    ]
    neutral = rules.learn_all([("open", {"company": "c"}), ("dismiss", {"company": "c"})])
    assert rules.score_posting(9, 0.5, "", {"company": "c"}, neutral).reasons == []


@pytest.mark.parametrize(
    ("learned", "reasons"),
    [
        # A learned mean must move more than 0.05 away from 0 to be named: exactly ±0.05
        # is still "no opinion", 0.06 either way is named (both sides of both boundaries).
        (0.06, ["You showed interest in this company before (monzo)."]),
        (0.05, []),
        (0.0, []),
        (-0.05, []),
        (-0.06, ["You dismissed postings with this company (monzo)."]),
    ],
)
def test_reason_band_around_zero_is_exclusive(learned: float, reasons: list[str]) -> None:
    prefs = rules.Preferences()
    prefs.values["company"]["monzo"] = learned  # set by hand: one value, so the mean is it
    prefs.signals = 1
    assert rules.score_posting(1, 0.5, "", {"company": "monzo"}, prefs).reasons == reasons


@pytest.mark.parametrize(
    ("required_match", "gate"),
    [
        (None, 1.0),  # the posting names no recognised skill: not gated
        (0.0, 0.0),
        (-6.0, 0.0),  # never below 0
        (30.0, 0.5),  # 30 / 60
        (59.4, 0.99),  # just under the Learn-first threshold
        (60.0, 1.0),  # at it
        (90.0, 1.0),  # above it: min(1, 1.5)
    ],
)
def test_skills_gate_by_hand(required_match: float | None, gate: float) -> None:
    assert rules.skills_gate(required_match) == pytest.approx(gate)


def test_content_score_uses_only_known_components() -> None:
    weights = {"skills": 0.3, "experience": 0.25, "culture": 0.2, "growth": 0.15}
    components = {"skills": 0.8, "experience": 0.5, "culture": 0.2}
    # culture has a value but is not known; growth is known but has no value: both left out.
    # (0.3 × 0.8 + 0.25 × 0.5) / (0.3 + 0.25) = 0.365 / 0.55 = 0.663636… → 0.6636; gate 30/60.
    content, gate = rules.content_score(
        components, weights, {"skills", "experience", "growth"}, 30.0
    )
    assert content == 0.6636
    assert gate == pytest.approx(0.5)
    # Nothing known: content 0 (nothing to recommend on), the gate still computed.
    nothing, nothing_gate = rules.content_score(components, weights, set(), 30.0)
    assert nothing == 0.0
    assert nothing_gate == pytest.approx(0.5)


def test_the_gate_scales_the_score_and_says_so() -> None:
    fresh = rules.Preferences()  # no signals: α = 0, the score is the content
    gated = rules.score_posting(1, 0.6, "", {}, fresh, gate=0.5)
    assert gated.score == 0.3  # 0.6 × 0.5
    assert gated.reasons == ["Scaled to 50%: you have under 60% of the required skills."]
    whole = rules.score_posting(2, 0.6, "", {}, fresh, gate=1.0)
    assert (whole.score, whole.reasons) == (0.6, [])


def _traits(
    key: int, title: str, loc: str = "", remote: str = "", skills: frozenset[str] = frozenset()
) -> rules.PostingTraits:
    return rules.PostingTraits(key, skills, "", title, loc, remote)


def test_similarity_both_remote_and_title_words() -> None:
    a = _traits(1, "Data Analyst", "Leeds", "yes")
    b = _traits(2, "Data Scientist", "London", "yes")
    # No skills on either (0); no occupation, titles {data} of {data, analyst, scientist}
    # = 1/3; both remote = 1 → 0.25/3 + 0.15 = 0.233333… → 0.2333
    assert rules.similarity(a, b) == (0.2333, ["similar title", "both remote"])


def test_similarity_title_words_ignore_case_and_small_words() -> None:
    a = _traits(1, "Head of Data and Analytics")
    b = _traits(2, "head of DATA")
    # {head, data, analytics} against {head, data} ("of", "and" left out): 2/3; no place
    # (neither names one, neither remote): 0.25 × 2/3 = 0.166667 → 0.1667
    assert rules.similarity(a, b) == (0.1667, ["similar title"])
    same_place = _traits(3, "Nurse", " LEEDS "), _traits(4, "Plumber", "leeds")
    assert rules.similarity(*same_place) == (0.15, ["same place"])
    assert rules.similarity(_traits(5, "Nurse"), _traits(6, "Plumber")) == (0.0, [])


def test_more_like_this_keeps_the_ten_best_and_breaks_ties_by_key() -> None:
    liked = _traits(1, "Data Analyst")
    others = [_traits(k, "Data Analyst") for k in range(31, 19, -1)]  # 12 equal postings
    ranked = rules.more_like_this(liked, others)
    assert [t.key for t, _s, _w in ranked] == list(range(20, 30))
    assert [t.key for t, _s, _w in rules.more_like_this(liked, others, limit=2)] == [20, 21]


def test_similarity_of_titles_without_words_is_zero() -> None:
    # No occupation and no title words on either side ("of the" is only small words): the
    # role part is 0, not a division by zero and not a full match.
    assert rules.similarity(_traits(1, ""), _traits(2, "of the")) == (0.0, [])
