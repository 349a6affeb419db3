"""Work-style and culture fit, renormalised weights, expected salary (docs/intel.md).

Every expected number is worked out by hand in the comments.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from careerdesk.core.kernel.errors import NotFoundError
from careerdesk.core.pipeline.intel import culture_rules as cr
from careerdesk.core.pipeline.intel import fit_scoring as scoring
from careerdesk.core.pipeline.intel.facts import AppInfo
from careerdesk.core.pipeline.intel.fit_models import FitContext
from careerdesk.core.pipeline.intel.fit_service import FitService
from careerdesk.core.pipeline.intel.preferences import PreferencesService, WorkPreferencesData
from careerdesk.core.pipeline.models import ApplicationInput

T0 = datetime(2026, 3, 2, tzinfo=UTC)
# Required SQL and Python; "Tableau" is a technology; no word about culture or work mode.
PLAIN = "Requirements:\n- SQL\n- Python\n"


def _info(description: str = PLAIN, **kw: object) -> AppInfo:
    base: dict[str, object] = dict(
        id=1,
        company="Acme",
        company_key="acme",
        title="Data Analyst",
        title_key="data analyst",
        location="",
        remote="",
        source="",
        state="SAVED",
        description=description,
        salary_min=None,
        salary_max=None,
        created_at=T0,
    )
    base.update(kw)
    return AppInfo.model_validate(base)


def test_renormalised_score_by_hand() -> None:
    # Culture left out: weights 0.30 + 0.25 + 0.15 + 0.10 = 0.80 remain.
    # (0.30·0.8 + 0.25·1.0 + 0.15·0.5 + 0.10·0.6) / 0.80 = (0.24 + 0.25 + 0.075 + 0.06) / 0.8
    # = 0.625 / 0.8 = 0.78125
    comps = {"skills": 0.8, "experience": 1.0, "growth": 0.5, "compensation": 0.6}
    assert scoring.score(comps, scoring.DEFAULT_WEIGHTS) == pytest.approx(0.7812, abs=1e-4)
    assert scoring.effective_weights(comps, scoring.DEFAULT_WEIGHTS) == {
        "skills": 0.375,
        "experience": 0.3125,
        "growth": 0.1875,
        "compensation": 0.125,
    }
    assert scoring.score({}, scoring.DEFAULT_WEIGHTS) == 0.0


def test_posting_without_culture_information_leaves_culture_out() -> None:
    svc = FitService(None, None)  # type: ignore[arg-type]  # its rules only, no database
    prefs = WorkPreferencesData(work_modes=["remote"], values=["learning"], sectors=["finance"])
    # Nothing about work mode, sector, size or values in the posting, no company card.
    parts = svc.compute_parts(
        _info(), {"sql": 80, "python": 50}, context=FitContext(preferences=prefs)
    )
    assert "culture" not in parts.components and "culture" in parts.left_out
    assert "compensation" in parts.left_out  # no salary either
    # By hand: SQL 80 ≥ implied 50 (match), Python 50 ≥ 50 (match): required 100 %, no
    # preferred → skills = 0.8·1 + 0.2·0 = 0.8. Experience: mid title (50), learner mean
    # (80 + 50)/2 = 65 ≥ 50 → 1.0. Growth: SQL and Python are both O*NET hot → 2/2 = 1.0.
    assert parts.components == {"skills": 0.8, "experience": 1.0, "growth": 1.0}
    # Culture (0.20) and compensation (0.10) left out; the rest renormalised over 0.70:
    # (0.30·0.8 + 0.25·1.0 + 0.15·1.0) / 0.70 = 0.64 / 0.70 = 0.9143 (not 0.64 + 0.2·0.5 …)
    assert parts.score == pytest.approx(0.9143, abs=1e-4)


def test_full_culture_match() -> None:
    prefs = WorkPreferencesData(
        work_modes=["remote"],
        company_sizes=["startup"],
        sectors=["finance"],
        values=["learning", "open_source"],
    )
    posting = cr.read_posting(
        remote="yes",
        description="We offer mentoring and contribute to open source.",
        industry="Fintech",
        size="20 employees",
    )
    assert posting == cr.PostingCulture(
        work_mode="remote", size="startup", sector="finance", values=["learning", "open_source"]
    )
    match = cr.culture_match(
        prefs.work_modes, prefs.company_sizes, prefs.sectors, prefs.values, posting
    )
    assert match.parts == {"work_mode": 1.0, "size": 1.0, "sector": 1.0, "values": 1.0}
    assert match.score == 1.0


def test_partial_culture_match_by_hand() -> None:
    posting = cr.read_posting(
        remote="hybrid",
        description="A hospital group. We value diversity and offer mentoring.",
        size="300",
    )
    # hybrid vs remote → ½; 300 people = mid-size, not next to start-up → 0;
    # "hospital" → healthcare, not finance → 0; values: 4 chosen (min 3), 2 mentioned → 2/3.
    match = cr.culture_match(
        ["remote"],
        ["startup"],
        ["finance"],
        ["learning", "balance", "inclusion", "autonomy"],
        posting,
    )
    assert match.parts == pytest.approx(
        {"work_mode": 0.5, "size": 0.0, "sector": 0.0, "values": 2 / 3}
    )
    assert match.score == pytest.approx((0.5 + 0 + 0 + 2 / 3) / 4, abs=1e-4)  # 0.2917
    # No preferences at all: nothing to compare, no component.
    assert cr.culture_match([], [], [], [], posting).score is None


def test_size_and_sector_readings() -> None:
    assert cr.size_of("200-500 employees") == "medium"  # middle 350
    assert cr.size_of("5k") == "large" and cr.size_of("Start-up") == "startup"
    assert cr.size_of("") is None and cr.size_of("unknown") is None
    assert cr.sector_of("Banking") == "finance"
    assert cr.sector_of("", "An e-commerce marketplace for retail brands") == "retail"
    assert cr.industry_label("Widgets Ltd") == "Widgets Ltd"
    assert cr.industry_label("Fintech") == "Finance and insurance"


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (40_000, 50_000, 0.8),  # midpoint 45,000 is 10 % below 50,000: 1 − 2·0.1
        (55_000, 65_000, 1.0),  # above the expectation
        (50_000, 50_000, 1.0),  # exactly the expectation
        (20_000, 30_000, 0.0),  # 50 % below: 1 − 2·0.5
    ],
)
def test_compensation_against_expected_salary(lo: int, hi: int, expected: float) -> None:
    svc = FitService(None, None)  # type: ignore[arg-type]
    prefs = WorkPreferencesData(expected_salary=50_000, currency="GBP")
    parts = svc.compute_parts(
        _info(salary_min=lo, salary_max=hi, currency="GBP"),
        {},
        context=FitContext(preferences=prefs, median_salary=90_000),
    )
    assert parts.components["compensation"] == pytest.approx(expected)


def test_compensation_other_currency_or_no_salary_is_left_out() -> None:
    svc = FitService(None, None)  # type: ignore[arg-type]
    prefs = WorkPreferencesData(expected_salary=50_000, currency="GBP")
    usd = svc.compute_parts(
        _info(salary_min=60_000, salary_max=70_000, currency="USD"),
        {},
        context=FitContext(preferences=prefs),
    )
    assert "compensation" not in usd.components and "USD" in usd.compensation_reason
    none = svc.compute_parts(_info(), {}, context=FitContext(preferences=prefs))
    assert "compensation" in none.left_out


def test_preferences_saved_and_used_by_the_fit(app, svc, pid, clock) -> None:  # type: ignore[no-untyped-def]
    prefs = app.service(PreferencesService)
    with pytest.raises(ValueError, match="unknown choice"):
        WorkPreferencesData(work_modes=["moon"])
    prefs.save(pid, WorkPreferencesData(work_modes=["remote"], expected_salary=50_000))
    assert prefs.get(pid).work_modes == ["remote"]
    a = svc.create(
        pid,
        ApplicationInput(
            company="Acme",
            title="Data Analyst",
            description=PLAIN,
            remote="yes",
            salary_min=40_000,
            salary_max=50_000,
        ),
    )
    view = app.service(FitService).analyse(a.id)
    assert view.components["culture"] == 1.0  # remote, as preferred
    assert view.components["compensation"] == pytest.approx(0.8)
    assert "Not enough information about culture" not in view.notes
    with pytest.raises(NotFoundError):
        prefs.save(10_000, WorkPreferencesData())
