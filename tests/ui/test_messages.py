"""Failures are shown in the learner's words (ui/common/messages.py)."""

from __future__ import annotations

import logging

import pytest

from careerdesk.core.kernel.errors import UserError
from careerdesk.ui.common.messages import plain_error


def test_a_user_error_is_shown_as_written() -> None:
    assert plain_error(UserError("That file is not a résumé."), "import") == (
        "That file is not a résumé."
    )


def test_a_typed_value_error_is_shown_as_written() -> None:
    assert plain_error(ValueError("'31 Feb' is not a real date"), "save") == (
        "'31 Feb' is not a real date"
    )


def test_anything_else_says_what_failed_and_what_to_do_and_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR):
        text = plain_error(KeyError("profile_id"), "save the company")
    assert text == (
        "Could not save the company. Please try again; if it keeps happening, "
        "the log in the data folder says why."
    )
    assert "profile_id" not in text
    assert "could not save the company" in caplog.text


def test_a_value_error_subclass_is_not_trusted_as_wording() -> None:
    # e.g. UnicodeDecodeError or json's JSONDecodeError: their text is for developers.
    import json

    try:
        json.loads("{")
    except ValueError as exc:
        assert plain_error(exc, "read the file").startswith("Could not read the file.")
