"""Display names for O*NET technologies (matching keeps the canonical names)."""

from __future__ import annotations

import pytest

from careerdesk.core.reference.tech_names import short_tech_name


@pytest.mark.parametrize(
    ("canonical", "shown"),
    [
        ("Structured query language SQL", "SQL"),
        ("Amazon Web Services AWS software", "AWS"),
        ("Hypertext markup language HTML", "HTML"),
        ("JavaScript Object Notation JSON", "JSON"),
        ("Microsoft Excel", "Microsoft Excel"),  # no acronym: kept
        ("Apache Airflow", "Apache Airflow"),
        ("Amazon Elastic Compute Cloud EC2", "Amazon Elastic Compute Cloud EC2"),  # not letters
        ("Data Team DDS", "Data Team DDS"),  # the letters are not its words' letters
        ("SAS", "SAS"),
        ("Tableau software", "Tableau"),
    ],
)
def test_short_names(canonical: str, shown: str) -> None:
    assert short_tech_name(canonical) == shown
