"""Logs rotate under the logs folder and never carry secrets."""

from __future__ import annotations

import logging
from pathlib import Path

from careerdesk.logging_setup import scrub, setup_logging


def test_scrub_removes_keys_and_tokens() -> None:
    text = (
        "key=AIzaSyA1234567890abcdefghijklmnopqrstu token ya29.a0AfH6SMBxyz "
        'refresh_token": "1//0gabcdefghijklmnopqrstuvwxyz" Authorization: Bearer abc.def.ghi '
        "api_key=supersecret123"
    )
    clean = scrub(text)
    for secret in (
        "AIzaSyA1234567890",
        "ya29.a0AfH6",
        "1//0gabcdef",
        "abc.def.ghi",
        "supersecret123",
    ):
        assert secret not in clean
    assert "[redacted]" in clean


def test_log_file_is_scrubbed(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs")
    log = logging.getLogger("careerdesk.test")
    log.warning("calling with key %s", "AIzaSyB0000000000000000000000000000000")
    try:
        raise RuntimeError("api_key=AIzaSyC1111111111111111111111111111111 failed")
    except RuntimeError:
        log.exception("boom")
    for handler in logging.getLogger().handlers:
        handler.flush()
    content = path.read_text()
    assert path.parent == tmp_path / "logs"
    assert "AIzaSyB" not in content and "AIzaSyC" not in content
    assert "calling with key [redacted]" in content
