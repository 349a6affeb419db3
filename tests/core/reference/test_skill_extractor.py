"""The shared skill extractor on real-looking postings written for these tests."""

from __future__ import annotations

import pytest

from careerdesk.core.reference.skill_extractor import (
    DEFAULT_LEVEL,
    ExtractedSkills,
    SkillMention,
    extract_skills,
)

BACKEND = """\
## Senior Backend Engineer (Python)

Acme Analytics builds the data platform behind 400 hospitals. You'll design APIs and own
services end to end.

## What you'll need
- 5+ years of professional experience with Python (Django or FastAPI)
- Strong SQL; we run PostgreSQL 15 on AWS
- Solid grasp of Docker and CI/CD pipelines (GitHub Actions)
- Excellent written communication; you'll write design docs

## Nice to have
- Experience with Kubernetes or Terraform
- Go
- Familiarity with Apache Kafka

## Benefits
- Remote culture on Slack, Microsoft Excel-free expense reports, 30 days off
"""

DATA_ANALYST = """\
Data Analyst – Retail Insights

About the role
You will turn sales data into decisions for our R&D and merchandising teams. You excel at
explaining numbers to people who do not love numbers.

Requirements:
* Advanced Excel (pivot tables, lookups) and Tableau
* SQL at an intermediate level
* Exposure to statistics: hypothesis testing, regression analysis
* 2 years in an analyst role

Preferred qualifications:
* Python or R for analysis
* Power BI
"""

FRONTEND = """\
Front-End Developer

We need someone who can react quickly to customer feedback and ship polished UI.
Must have: JavaScript (ES6+), React and TypeScript, HTML & CSS.
Java is not used here; our backend team writes Kotlin.
Bonus: Cypress or Playwright for end-to-end tests. Figma experience is a plus.
"""

DEVOPS = """\
DevOps Engineer

Go beyond keeping the lights on: you will automate everything.
What we're looking for:
- Expert knowledge of Linux and Bash scripting
- Go or Python for tooling
- 3+ years running Kubernetes in production
- Terraform and Ansible
Bonus points:
- Prometheus and Grafana dashboards
"""

PRODUCT = """\
Product Manager, Payments

Responsibilities
Own the product roadmap and write user stories with engineering. Work in Scrum.

Qualifications
Strong stakeholder management and presentation skills are required.
Basic SQL is a plus, while A/B testing experience is essential.
"""


def _ids(mentions: list[SkillMention]) -> set[str | None]:
    return {m.skill_id for m in mentions}


def _get(result: ExtractedSkills, skill_id: str) -> SkillMention:
    for m in [*result.required, *result.preferred]:
        if m.skill_id == skill_id:
            return m
    raise AssertionError(f"{skill_id} not found in {result}")


def _tech_names(mentions: list[SkillMention]) -> set[str]:
    return {t for m in mentions for t in m.technologies}


def test_backend_posting_sections_and_levels() -> None:
    r = extract_skills(BACKEND)
    assert {"python", "sql", "cloud", "devops", "communication"} <= _ids(r.required)
    python = _get(r, "python")
    assert python.required and python.implied_level == 80  # "5+ years"
    assert "Python" in python.technologies
    assert "Django" in python.technologies  # a framework is evidence of its language
    assert _get(r, "sql").implied_level == 65  # "Strong SQL"
    assert "PostgreSQL" in _get(r, "sql").technologies
    # Kubernetes/Terraform are preferred, but devops is also required (Docker) -> required.
    assert _get(r, "devops").required
    preferred_tech = _tech_names(r.preferred)
    assert "Go" in preferred_tech
    kafka = _get(r, "system_design")
    assert not kafka.required and kafka.implied_level == 30  # "Familiarity with"
    # Benefits name tools but ask for nothing.
    assert "Slack" in r.technologies and "Microsoft Excel" in r.technologies
    assert "Slack" not in _tech_names(r.required) | preferred_tech
    assert "data_analysis" not in _ids(r.required) | _ids(r.preferred)


def test_data_analyst_traps_excel_and_r() -> None:
    r = extract_skills(DATA_ANALYST)
    excel = _get(r, "data_analysis")
    assert excel.required and excel.implied_level == 80  # "Advanced Excel"
    assert "Advanced Excel" in excel.evidence  # not "You excel at explaining"
    assert {"Microsoft Excel", "Tableau"} <= set(excel.technologies)
    assert _get(r, "statistics").implied_level == 30  # "Exposure to statistics"
    # R appears in "R&D" (no) and "Python or R" (yes, preferred).
    assert "R" in _get(r, "statistics").technologies
    assert r.technologies.count("R") == 1
    assert "Microsoft Power BI" in _tech_names(r.preferred) | _tech_names(r.required)
    python = _get(r, "python")
    assert not python.required


def test_frontend_word_boundaries() -> None:
    r = extract_skills(FRONTEND)
    js = _get(r, "javascript")
    assert js.required
    assert {"JavaScript", "React", "TypeScript"} <= set(js.technologies)
    assert "react quickly" not in js.evidence
    assert _get(r, "html_css").required
    # "Java" is named as its own technology (it is not inside "JavaScript").
    assert "Oracle Java" in r.technologies
    assert r.technologies.count("JavaScript") == 1
    testing = _get(r, "testing")
    assert not testing.required  # "Bonus: Cypress or Playwright"
    assert not _get(r, "ux_design").required  # "Figma experience is a plus"


def test_devops_go_at_sentence_start_is_a_verb() -> None:
    r = extract_skills(DEVOPS)
    go = [m for m in r.required if m.skill_id is None and m.technologies == ["Go"]]
    assert go and go[0].evidence == "Go or Python for tooling"
    assert _get(r, "linux").implied_level == 90  # "Expert knowledge of Linux"
    assert _get(r, "devops").implied_level == 65  # "3+ years running Kubernetes"
    prometheus = [m for m in r.preferred if "Prometheus" in m.evidence]
    assert prometheus


def test_product_clause_overrides_section() -> None:
    r = extract_skills(PRODUCT)
    assert _get(r, "product_management").required
    assert _get(r, "communication").implied_level == 65
    sql = _get(r, "sql")
    assert not sql.required and sql.implied_level == 30  # "Basic SQL is a plus"
    assert _get(r, "statistics").required  # "A/B testing experience is essential"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Excellent problem solving", set(), {"Microsoft Excel"}),
        ("You will excel at this.", set(), {"Microsoft Excel"}),
        ("Reporting in Excel and SQL", {"Microsoft Excel"}, set()),
        ("We write C++ and C#.", {"C++", "C#"}, {"C"}),
        ("Embedded C and Rust", {"C"}, set()),
        ("Our R&D team", set(), {"R"}),
        ("Statistics in R", {"R"}, set()),
        ("JavaScript only", {"JavaScript"}, {"Oracle Java"}),
        ("Java and Spring", {"Oracle Java"}, set()),
        ("Go to market fast.", set(), {"Go"}),
        ("Services in Go, Python", {"Go", "Python"}, set()),
        ("Node.js and .NET", {"Node.js"}, set()),
    ],
)
def test_word_boundaries(text: str, present: set[str], absent: set[str]) -> None:
    techs = set(extract_skills(text).technologies)
    assert present <= techs
    assert not (absent & techs)


def test_default_level_and_empty_text() -> None:
    r = extract_skills("Experience with Docker.")
    assert _get(r, "devops").implied_level == DEFAULT_LEVEL
    empty = extract_skills("")
    assert empty.required == [] and empty.preferred == [] and empty.technologies == []


def test_required_wins_over_preferred_and_each_skill_once() -> None:
    r = extract_skills("Requirements:\n- Python\nNice to have:\n- Django\n- Python 3 expert")
    assert [m.skill_id for m in r.required].count("python") == 1
    assert "python" not in _ids(r.preferred)
