"""csv_import.parse_table on its own (no database): the wording of every problem and note,
the day/month choice, drafts, kept columns, contacts, documents and salaries.

Expectations are written out by hand from docs/pipeline.md ("Import"); the mutation run
(tools/mutation.py, issue 23) uses this file to check that each rule is pinned."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.pipeline.io.csv_import import (
    ParseResult,
    Problem,
    parse_table,
    read_csv_text,
    status_overrides_key,
    unneutralise,
)
from careerdesk.core.pipeline.io.rules import neutralise
from careerdesk.core.pipeline.io.statuses import status_key
from careerdesk.core.pipeline.keys import dedupe_key
from careerdesk.core.pipeline.states import State

DMY_CHOSEN = "numeric dates read as day/month/year (as chosen)"
MDY_CHOSEN = "numeric dates read as month/day/year (as chosen)"
DMY_ASSUMED = (
    "numeric dates read as day/month/year (no date in the file settles day/month "
    "order; day first assumed)"
)


def parse(text: str, **kw: object) -> ParseResult:
    return parse_table(read_csv_text(text), **kw)  # type: ignore[arg-type]


# --- small pieces --------------------------------------------------------------------------
def test_problem_reads_with_its_label_and_line() -> None:
    assert str(Problem(3, "title is empty")) == "line 3: title is empty"
    assert str(Problem(2, "bad", "application")) == "application 2: bad"


def test_invalid_lines_are_sorted_and_unique() -> None:
    result = ParseResult(problems=[Problem(9, "a"), Problem(4, "b"), Problem(9, "c")])
    assert result.invalid_lines == [4, 9]


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("'=", "="),
        ("'+", "+"),
        ("'-", "-"),
        ("'@", "@"),
        ("'a=", "'a="),
        ("x=1", "x=1"),
        ("'XY", "'XY"),  # only = + - @ tab CR are exported prefixes
    ],
)
def test_unneutralise_two_character_cells(cell: str, text: str) -> None:
    # len 2 is the shortest neutralised cell: an apostrophe and one prefix character.
    assert unneutralise(cell) == text


# OWASP "CSV Injection": = + - @ tab (0x09) and carriage return (0x0D) start a formula.
@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_neutralise_prefixes_each_owasp_character(first: str) -> None:
    assert neutralise(first) == "'" + first
    assert neutralise(first + "A1") == "'" + first + "A1"
    assert unneutralise(neutralise(first + "A1")) == first + "A1"


@pytest.mark.parametrize("text", ["", "Acme", " =1", "'=1", "A=1", "XX", "\n=1", "#1"])
def test_neutralise_keeps_other_cells(text: str) -> None:
    assert neutralise(text) == text


def test_status_overrides_key_is_the_status_key() -> None:
    assert status_overrides_key(" Awaiting HR ") == status_key("awaiting hr")
    assert status_overrides_key("Awaiting HR") != status_overrides_key("Awaiting")


def test_status_notes_list_ten_lines_then_an_ellipsis() -> None:
    ten = ParseResult(unknown_statuses={"Pending": list(range(2, 12))})
    (note,) = ten.status_notes()
    assert note == (
        "status 'Pending' (line(s) 2, 3, 4, 5, 6, 7, 8, 9, 10, 11) is not one CareerDesk "
        "knows: those rows were dated from their other columns and kept the word as an "
        "imported field; map it with --status 'Pending'=STATE (or under Statuses in "
        "File → Import)"
    )
    eleven = ParseResult(unknown_statuses={"Pending": list(range(2, 13)), "Odd": [5]})
    first, second = eleven.status_notes(how="choose a state for {text!r}")
    assert "(line(s) 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 …)" in first
    assert ", 12" not in first
    assert first.endswith("imported field; choose a state for 'Pending'")
    assert second.startswith("status 'Odd' (line(s) 5) is not one")


# --- day/month order -------------------------------------------------------------------------
HEAD = "Company,Title,Date Applied,Status\n"


@pytest.mark.parametrize(
    ("order", "note", "day"),
    [("dmy", DMY_CHOSEN, date(2026, 2, 3)), ("mdy", MDY_CHOSEN, date(2026, 3, 2))],
)
def test_a_chosen_order_is_used_and_said(order: str, note: str, day: date) -> None:
    result = parse(HEAD + "Acme,Analyst,03/02/2026,Applied\n", date_order=order)
    assert result.date_order == order
    assert note in result.notes
    assert result.rows[0].value.applied_on == day


def test_a_file_without_numeric_dates_gets_no_order_note() -> None:
    result = parse(HEAD + "Acme,Analyst,2026-02-03,Applied\nBeta,Dev,3 Mar 2026,Applied\n")
    assert result.date_order == "dmy"
    assert not any("numeric dates" in n for n in result.notes)


def test_numeric_dates_outside_date_columns_settle_nothing() -> None:
    # 02/13/2026 in the notes would prove month/day; only date columns count.
    text = "Company,Title,Date Applied,Notes\nAcme,Analyst,2026-02-03,02/13/2026\n"
    result = parse(text)
    assert not any("numeric dates" in n for n in result.notes)


def test_twelve_settles_nothing_thirteen_does() -> None:
    ambiguous = parse(HEAD + "Acme,Analyst,12/11/2026,Applied\n")
    assert ambiguous.date_order == "dmy"
    assert DMY_ASSUMED in ambiguous.notes
    dmy = parse(HEAD + "Acme,Analyst,12/11/2026,Applied\nBeta,Dev,13/11/2026,Applied\n")
    assert dmy.date_order == "dmy"
    assert "numeric dates read as day/month/year (line 3 has 13/11/2026)" in dmy.notes
    mdy = parse(HEAD + "Acme,Analyst,11/12/2026,Applied\nBeta,Dev,11/13/2026,Applied\n")
    assert mdy.date_order == "mdy"
    assert "numeric dates read as month/day/year (line 3 has 11/13/2026)" in mdy.notes
    assert mdy.rows[0].value.applied_on == date(2026, 11, 12)


def test_stage_date_columns_prove_the_order_too() -> None:
    text = (
        "Company,Title,Status,Interview date\n"
        "Acme,Analyst,Interviewing,11/13/2026\n"
        "Beta,Dev,Interviewing,\n"  # a short date cell is skipped, not an error
    )
    result = parse(text)
    assert result.date_order == "mdy"
    assert "numeric dates read as month/day/year (line 2 has 11/13/2026)" in result.notes


def test_a_short_row_is_not_read_past_its_end() -> None:
    # line 2 has two cells; the date column (index 2) is simply empty there.
    result = parse(HEAD + "Acme,Analyst\nBeta,Dev,13/01/2026,Applied\n")
    assert "numeric dates read as day/month/year (line 3 has 13/01/2026)" in result.notes
    assert [r.line for r in result.rows] == [2, 3]


def test_a_file_proving_both_orders_reads_day_month() -> None:
    text = HEAD + "Acme,Analyst,02/13/2026,Applied\nBeta,Dev,13/02/2026,Applied\n"
    result = parse(text)
    assert result.date_order == "dmy"
    assert "numeric dates read as day/month/year (line 3 has 13/02/2026)" in result.notes
    assert result.problems == [
        Problem(
            2,
            "Date Applied: '02/13/2026' is not a real date (use 2026-03-03, 3 Mar 2026, "
            "March 3, 2026 or 03/03/2026); numeric dates in this file are read as "
            "day/month/year",
        )
    ]


def test_the_order_hint_follows_the_order_in_use() -> None:
    result = parse(HEAD + "Acme,Analyst,02/30/2026,Applied\n", date_order="mdy")
    assert result.problems[0].message.endswith(
        "; numeric dates in this file are read as month/day/year"
    )
    written = parse(HEAD + "Acme,Analyst,30 Feb 2026,Applied\n")
    assert "numeric dates" not in written.problems[0].message


# --- the table -------------------------------------------------------------------------------
def test_an_explicit_mapping_keeps_the_other_columns() -> None:
    text = "Firm,Role,Rating\nAcme,Analyst,5\n"
    result = parse(text, mapping={0: "company", 1: "title"})
    (row,) = result.rows
    assert (row.value.company, row.value.title) == ("Acme", "Analyst")
    assert row.kept == [("Rating", "5")]
    assert result.notes == []  # an explicit mapping makes no guesses
    assert (row.status, row.status_text) == (None, "")  # no status column
    # A kept column before the fields does not stop the row being read.
    (first,) = parse("Rating,Firm,Role\n5,Acme,Analyst\n", mapping={1: "company", 2: "title"}).rows
    assert (first.value.company, first.kept) == ("Acme", [("Rating", "5")])


def test_a_mapping_without_company_names_the_header_line() -> None:
    table = read_csv_text("\n\nTitle,Status\nAnalyst,Applied\n")
    with pytest.raises(ValidationError) as info:
        parse_table(table)
    assert str(info.value).startswith("line 3 (the header row): The file has no column for ")


def test_ignored_columns_are_named_in_a_note_and_dropped() -> None:
    text = "Company,Title,Rating,Id\nAcme,Analyst,5,77\n"
    result = parse(text, mapping={0: "company", 1: "title", 2: "ignore", 3: "ignore"})
    assert "ignored as asked: 'Rating', 'Id'" in result.notes
    assert result.rows[0].kept == []
    # An ignored column between the fields: the fields after it are still read.
    middle = parse(
        "Company,Rating,Title\nAcme,5,Analyst\n", mapping={0: "company", 1: "ignore", 2: "title"}
    )
    assert middle.notes[-1] == "ignored as asked: 'Rating'"
    assert [(r.value.company, r.value.title, r.kept) for r in middle.rows] == [
        ("Acme", "Analyst", [])
    ]


def test_record_problems_and_extra_cells_are_reported_with_their_line() -> None:
    text = "Company,Title\nAcme,Analyst,,  \nBeta,Dev,x,y\nGamma,Ops,\x01\nDelta,QA\n"
    result = parse(text)
    assert [r.line for r in result.rows] == [2, 5]  # empty extra cells are no problem
    assert result.problems[0] == Problem(
        3, "4 cells but the header has 2 columns (a comma in an unquoted cell?)"
    )
    assert result.problems[1].line == 4
    assert "control character" in result.problems[1].message
    assert result.invalid_lines == [3, 4]


def test_repeats_point_at_the_first_line_and_are_not_rows() -> None:
    text = "Company,Title\nAcme,Analyst\nBeta,Dev\nacme,ANALYST\nBeta,Dev\n"
    result = parse(text)
    assert [r.line for r in result.rows] == [2, 3]
    assert result.repeats == [(4, 2), (5, 3)]


def test_kept_columns_use_their_header_or_their_position() -> None:
    text = "Company,Title,,Industry,Score\n'=Acme,Analyst, x ,Finance,\n"
    (row,) = parse(text).rows
    assert row.value.company == "=Acme"  # neutralised on export, undone on import
    # column 3 has no header; an empty "Score" cell is not kept
    assert row.kept == [("column 3", "x"), ("Industry", "Finance")]


def test_required_fields_and_unparseable_values_each_get_a_message() -> None:
    text = (
        "Company,Title,Deadline,Remote,Priority,Date Applied\n"
        ",,someday,maybe,urgent-ish,01/02/2026x\n"
    )
    result = parse(text)
    assert [p.message for p in result.problems] == [
        "company is empty",
        "title is empty",
        "deadline: 'someday' is not a date (use 2026-03-03, 3 Mar 2026, March 3, 2026 or "
        "03/03/2026)",
        "remote 'maybe' should be yes, no or hybrid",
        "priority 'urgent-ish' should be low, normal or high",
        "Date Applied: '01/02/2026x' is not a date (use 2026-03-03, 3 Mar 2026, "
        "March 3, 2026 or 03/03/2026)",
    ]
    assert result.rows == []


def test_a_numeric_deadline_is_read_in_the_files_order() -> None:
    text = "Company,Title,Deadline\nAcme,Analyst,01/04/2026\n"
    assert parse(text, date_order="dmy").rows[0].value.deadline == date(2026, 4, 1)
    assert parse(text, date_order="mdy").rows[0].value.deadline == date(2026, 1, 4)


def test_a_numeric_deadline_error_carries_the_order_hint() -> None:
    result = parse("Company,Title,Deadline\nAcme,Analyst,31/02/2026\n")
    assert result.problems[0].message == (
        "deadline: '31/02/2026' is not a real date (use 2026-03-03, 3 Mar 2026, March 3, 2026 "
        "or 03/03/2026); numeric dates in this file are read as day/month/year"
    )


def test_fields_dates_and_the_dedupe_key_of_a_full_row() -> None:
    text = (
        "Company,Title,Location,Link,Source,Description,Notes,Tags,Priority,Remote,Deadline,"
        "Created,Last updated,Date Applied,Status,Interview date\n"
        "Acme,Analyst,Leeds,https://acme.example/1,Referral,Big job,Call Ann,ml; sql,high,"
        "yes,2026-04-01,2026-01-05,2026-02-20T09:30:00Z,2026-01-10,Interviewing,2026-02-01\n"
    )
    (row,) = parse(text).rows
    v = row.value
    assert (v.company, v.title, v.location, v.posting_url, v.source) == (
        "Acme",
        "Analyst",
        "Leeds",
        "https://acme.example/1",
        "Referral",
    )
    assert (v.description, v.notes, v.tags, v.priority, v.remote) == (
        "Big job",
        "Call Ann",
        ["ml", "sql"],
        3,
        "yes",  # docs/pipeline.md: Remote is yes/no/hybrid
    )
    assert (v.deadline, v.applied_on, v.state) == (
        date(2026, 4, 1),
        date(2026, 1, 10),
        State.PHONE_INTERVIEW,
    )
    noon = 12  # a date without a time is 12:00 UTC (docs/pipeline.md)
    assert row.created_at == datetime(2026, 1, 5, noon, tzinfo=UTC)
    assert row.updated_at == datetime(2026, 2, 20, 9, 30, tzinfo=UTC)
    assert row.stages == [
        ("interview_at", datetime(2026, 2, 1, noon, tzinfo=UTC), "Interview date"),
        ("applied_on", datetime(2026, 1, 10, noon, tzinfo=UTC), "Date Applied"),
    ]
    assert (row.status, row.status_text, row.notes, row.line) == (
        State.PHONE_INTERVIEW,
        "Interviewing",
        [],
        2,
    )
    assert row.key == dedupe_key("Acme", "Analyst", date(2026, 1, 10), "https://acme.example/1")


def test_a_draft_with_a_date_was_saved_that_day() -> None:
    result = parse(HEAD + "Acme,Analyst,2026-02-03,Wishlist\nBeta,Dev,2026-02-04,Applying\n")
    first, second = result.rows
    assert first.value.applied_on is None and first.value.state == State.SAVED
    assert first.created_at == datetime(2026, 2, 3, 12, tzinfo=UTC)
    assert first.stages == []
    assert first.notes == [
        "status 'Wishlist' (Saved): Date Applied 2026-02-03 read as the day it was saved, "
        "not as applied"
    ]
    assert second.value.state == State.APPLYING and second.value.applied_on is None
    # A row that says when it was created keeps that creation time.
    text = "Company,Title,Date Applied,Status,Created\nAcme,Analyst,2026-02-03,Draft,2026-01-02\n"
    (row,) = parse(text).rows
    assert row.created_at == datetime(2026, 1, 2, 12, tzinfo=UTC)
    assert row.value.applied_on is None


def test_applied_rows_keep_their_applied_date() -> None:
    (row,) = parse(HEAD + "Acme,Analyst,2026-02-03,Applied\n").rows
    assert row.value.applied_on == date(2026, 2, 3)
    assert row.created_at is None and row.notes == []


def test_an_unknown_status_is_kept_and_listed_and_an_empty_one_is_saved() -> None:
    text = (
        HEAD + "Acme,Analyst,2026-02-03,Pending review\nBeta,Dev,,\nGamma,Ops,,Pending review\n"
        "Delta,QA,,Applied\n"
    )
    result = parse(text)
    acme, beta, gamma, delta = result.rows
    assert delta.status == State.APPLIED and delta.kept == []
    assert acme.status is None and acme.status_text == "Pending review"
    assert acme.kept == [("Status", "Pending review")]
    assert acme.value.state == State.SAVED
    assert beta.status is None and beta.status_text == "" and beta.kept == []
    assert gamma.kept == [("Status", "Pending review")]
    assert result.unknown_statuses == {"Pending review": [2, 4]}


def test_a_learners_status_mapping_is_used() -> None:
    text = HEAD + "Acme,Analyst,2026-02-03,Awaiting HR\n"
    (row,) = parse(text, statuses={status_key("Awaiting HR"): State.SCREENING}).rows
    assert row.status == State.SCREENING and row.kept == []
    # "An empty status follows the dates" (docs/pipeline.md): no mapping applies to it.
    (empty,) = parse(HEAD + "Acme,Analyst,2026-02-03,\n", statuses={"": State.OFFER_RECEIVED}).rows
    assert empty.status is None and empty.value.state == State.SAVED


def test_link_columns_are_found_from_the_first_fifty_rows() -> None:
    # columns._looks_like_urls: at least 80 % of the sampled values are links. Rows 1-50
    # hold 40 links and 10 words (exactly 80 %); row 51 is a word, which would make it
    # 40/51 < 80 % if it were sampled.
    sources = [f"https://jobs.example/{n}" for n in range(40)] + ["LinkedIn"] * 11
    text = "Company,Title,Source\n" + "".join(
        f"Acme{n},Analyst,{src}\n" for n, src in enumerate(sources)
    )
    result = parse(text)
    assert "column 'Source' holds links: read as the posting URL" in result.notes
    assert result.rows[0].value.posting_url == "https://jobs.example/0"


def test_contacts_and_documents() -> None:
    text = (
        "Company,Title,Recruiter email,Contact phone,Resume,Cover letter\n"
        "Acme,Analyst,ann@acme.example,,/cv/ann.pdf,/cv/cl.pdf\n"
        "Beta,Dev,,,,\n"
        "Gamma,Ops,not-an-email,,,\n"
    )
    result = parse(text)
    acme, beta = result.rows
    assert acme.contact is not None
    assert (acme.contact.name, acme.contact.email) == ("ann@acme.example", "ann@acme.example")
    assert [(d.kind, d.path) for d in acme.documents] == [
        ("resume", "/cv/ann.pdf"),
        ("cover_letter", "/cv/cl.pdf"),
    ]
    assert beta.contact is None and beta.documents == []
    (problem,) = result.problems
    assert problem.line == 4 and problem.message.startswith("contact: ")


def test_a_bad_document_path_names_its_column() -> None:
    result = parse("Company,Title,CV\nAcme,Analyst," + "/cv/" + "x" * 4000 + ".pdf\n")
    (problem,) = result.problems
    assert problem.message.startswith("CV: ")


def test_model_errors_are_split_into_one_problem_each() -> None:
    # company at most 200 characters, title at most 300 (pipeline/models.py)
    result = parse(f"Company,Title\n{'c' * 201},{'t' * 301}\n")
    assert [p.message.split(":")[0] for p in result.problems] == ["company", "title"]
    assert all(p.line == 2 for p in result.problems)
    assert parse(f"Company,Title\n{'c' * 200},{'t' * 300}\n").problems == []


# --- salaries --------------------------------------------------------------------------------
SAL = "Company,Title,Salary,Salary min,Salary max,Currency\n"


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ("$120k–140k,,,", (120_000, 140_000, "USD")),
        ("60-70k,,,eur", (60_000, 70_000, "EUR")),
        (",50k,up to 90k,", (50_000, 90_000, "")),  # no currency: empty
        (",€50k+,,", (50_000, None, "EUR")),
        (",,£55000,GBP", (None, 55_000, "GBP")),
    ],
)
def test_salary_cells(cells: str, expected: tuple[object, object, object]) -> None:
    (row,) = parse(SAL + "Acme,Analyst," + cells + "\n").rows
    assert (row.value.salary_min, row.value.salary_max, row.value.currency) == expected


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("$100k,,,EUR", "salary: the currencies disagree (EUR, USD)"),
        (",£50k,€60k,", "salary: the currencies disagree (EUR, GBP)"),
        (",lots,,", "salary: 'lots' is not a salary"),
    ],
)
def test_salary_problems(cells: str, message: str) -> None:
    result = parse(SAL + "Acme,Analyst," + cells + "\n")
    assert result.problems[0].message.startswith(message)
