"""Skill suggestions for the learner's own videos: names normalised, then read by the
postings' skill extractor (core/player/tagging.py). Expectations are written by hand."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from careerdesk.core.player.tagging import normalise_name, suggest_skills, unknown_skills

# (file name, what it is about, the catalogue skills a person would tag it with)
CASES = [
    ("03 - SQL Joins Explained.mp4", "SQL Joins Explained", ["sql"]),
    ("Pandas GroupBy Tutorial (2024).mkv", "Pandas GroupBy Tutorial", ["data_analysis"]),
    ("excel_pivot_tables_part2.webm", "Excel Pivot Tables", ["data_analysis"]),
    ("Lesson 4 - Python Decorators [1080p].mp4", "Python Decorators", ["python"]),
    ("01.Intro.to.Machine.Learning.mp4", "Intro to Machine Learning", ["machine_learning"]),
    ("git-rebase-vs-merge.mov", "Git Rebase Vs Merge", ["git"]),
    ("S01E02 Docker Compose Crash Course.mp4", "Docker Compose Crash Course", ["devops"]),
    ("react_hooks_in_10_minutes_2023.mp4", "React Hooks In Minutes", ["javascript"]),
    ("Hypothesis Testing (Part 3 of 5).mp4", "Hypothesis Testing", ["statistics"]),
    ("AWS Lambda Tutorial - Full Course x264.mp4", "AWS Lambda Tutorial Full Course", ["cloud"]),
    ("12. Unit testing with pytest.mkv", "Unit testing with pytest", ["testing"]),
    ("big-o-notation-explained.webm", "Big O Notation Explained", ["dsa"]),
    ("Public Speaking Tips (1).mp4", "Public Speaking Tips", ["communication"]),
    ("PostgreSQL Indexes v2.mp4", "PostgreSQL Indexes", ["sql"]),
    ("bash_scripting_ep7.mp4", "Bash Scripting", ["linux"]),
    ("Figma Prototyping - Day 3.mp4", "Figma Prototyping", ["ux_design"]),
    ("System Design Interview Week 2.mp4", "System Design Interview", ["system_design"]),
    ("excel basics.mp4", "Excel Basics", ["data_analysis"]),
    ("HTML and CSS Flexbox.mp4", "HTML and CSS Flexbox", ["html_css"]),
    ("Data Cleaning in R.mp4", "Data Cleaning in R", ["data_analysis", "statistics"]),
    # nothing to do with the catalogue: no suggestion rather than a wrong one
    ("holiday_in_rome_2019.mp4", "Holiday In Rome", []),
    ("IMG_20240512_1130.mp4", "IMG", []),
]


@pytest.mark.parametrize(("name", "subject", "skills"), CASES, ids=[c[0] for c in CASES])
def test_suggestions_from_file_names(name: str, subject: str, skills: list[str]) -> None:
    assert normalise_name(name) == subject
    assert suggest_skills(PurePosixPath("/home/ann/Videos") / name) == skills


def test_a_name_of_only_numbers_and_noise_is_empty() -> None:
    assert normalise_name("01 - 2024 [1080p].mp4") == ""
    assert suggest_skills(PurePosixPath("/v/01 - 2024 [1080p].mp4")) == []


def test_folders_and_title_metadata_add_to_the_name() -> None:
    # "01 intro" says nothing; the course folder does (the parent of the import root not).
    root = PurePosixPath("/courses/SQL for Data Analysis")
    assert suggest_skills(root / "Week 1" / "01 intro.mp4", root=root) == ["sql", "data_analysis"]
    assert suggest_skills(PurePosixPath("/Python/x/01 intro.mp4"), root=root) == []
    # The title stored in the file counts, after the name.
    assert suggest_skills(
        PurePosixPath("/v/clip_0001.mp4"), title="Statistics for Data Science (2021)"
    ) == ["statistics"]
    assert suggest_skills(PurePosixPath("/v/Git basics.mp4"), title="Python and Git") == [
        "git",
        "python",
    ]


def test_unknown_skill_ids_are_named() -> None:
    assert unknown_skills(["sql", "cooking", "python", "Sql"]) == ["cooking", "Sql"]
