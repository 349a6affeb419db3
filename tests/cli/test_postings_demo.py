"""The demo seeder (cards + postings) and the ``posting``/``company`` CLI commands."""

from __future__ import annotations

from careerdesk.core.companies.service import CompanyService
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.postings.service import PostingService
from careerdesk.demo.seeders import pipeline as pipeline_seeder
from careerdesk.demo.seeders import postings as seeder


def test_demo_cards_and_postings(app, clock) -> None:  # type: ignore[no-untyped-def]
    profile = app.profiles.create("Demo")
    pipeline_seeder.seed(app, profile)
    summary = seeder.seed(app, profile)
    assert summary == "postings: 4 company cards, 2 applications from postings"
    companies = app.service(CompanyService)
    monzo = companies.card(profile.id, "Monzo")
    assert monzo.fields.industry.startswith("Banking") and monzo.fields.github_org == "monzo"
    assert len(monzo.history) == 2  # the pipeline's Junior Data Analyst and the new posting
    assert {"BigQuery", "Apache Airflow"} <= {t.name for t in monzo.tech_stack}
    assert monzo.summary is None and monzo.github is None  # never invented
    rows = app.service(ApplicationService).list(profile.id)
    captured = [r for r in rows if app.service(PostingService).posting(r.id) is not None]
    assert {(r.company, r.title) for r in captured} == {
        ("Monzo", "Analytics Engineer"),
        ("Auto Trader UK", "Data Engineer"),
    }
    assert seeder.seed(app, profile).endswith("0 applications from postings")  # idempotent


def run(*args: str) -> int:
    from careerdesk.cli import main

    return main(list(args))


def test_cli_posting_and_company(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.core.postings.corpus import POSTINGS
    from tests.fakes.github_server import FakeGitHub

    monkeypatch.delenv("GEMINI_API_KEY", raising=False)
    assert run("profile", "create", "Ann") == 0
    page = tmp_path / "monzo.html"
    page.write_text(
        "<html><body><h1>Backend Engineer</h1><p>Company: Monzo</p><script>x()</script>"
        "<ul><li>Python</li><li>Kubernetes</li></ul></body></html>",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run("posting", "read", str(page)) == 0
    out = capsys.readouterr().out
    assert "Company:    Monzo" in out and "Title:      Backend Engineer" in out
    assert run("posting", "add", str(page), "--profile", "Ann", "--title", "Platform Engineer") == 0
    assert "Saved application 1: Monzo — Platform Engineer" in capsys.readouterr().out
    assert run("posting", "add", str(page), "--profile", "Ann", "--title", "Platform Engineer") == 2
    assert "already" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(POSTINGS[0][1]))
    assert run("posting", "add", "-", "--profile", "Ann") == 0
    nothing = tmp_path / "note.txt"
    nothing.write_text("see you on Friday", encoding="utf-8")
    assert run("posting", "add", str(nothing), "--profile", "Ann") == 2
    assert "Nothing was saved" in capsys.readouterr().err
    assert run("company", "list", "--profile", "Ann") == 0
    assert "Monzo" in capsys.readouterr().out
    with FakeGitHub() as fake:
        fake.add_org("monzo", [("Go", False), ("Python", False)])
        monkeypatch.setenv("CAREERDESK_GITHUB_BASE_URL", fake.base_url)
        assert run("company", "research", "Monzo", "--profile", "Ann", "--github") == 0
        assert "GitHub monzo" in capsys.readouterr().out
        assert run("company", "research", "Monzo", "--profile", "Ann", "--summary") == 2
        assert "Settings → AI" in capsys.readouterr().err
    assert run("company", "show", "Monzo", "--profile", "Ann") == 0
    out = capsys.readouterr().out
    assert "Go 1" in out and "Platform Engineer" in out
    assert run("company", "show", "Nobody", "--profile", "Ann") == 2
