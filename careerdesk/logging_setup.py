"""Rotating log file under the logs folder, with secrets scrubbed from every record."""

from __future__ import annotations

import logging
import logging.handlers
import re
import weakref
from io import TextIOWrapper
from pathlib import Path

from careerdesk.core.kernel.files import make_private_dir, make_private_file

# Google API keys, OAuth access/refresh tokens and bearer headers must never reach a log.
_SECRET_PATTERNS = [
    re.compile(r"AIza[0-9A-Za-z_\-]{20,}"),
    re.compile(r"ya29\.[0-9A-Za-z_\-\.]+"),
    re.compile(r"1//[0-9A-Za-z_\-]{20,}"),
    re.compile(r"(?i)(bearer\s+)[0-9A-Za-z_\-\.=]+"),
    re.compile(
        r"(?i)((?:api[_-]?key|refresh_token|access_token|client_secret)[\"']?\s*[:=]\s*[\"']?)[^\s\"',&]+"
    ),
]

# The handlers set up here, so a second set-up replaces them and leaves others alone.
_OURS: weakref.WeakSet[logging.Handler] = weakref.WeakSet()


def scrub(text: str) -> str:
    """Replace anything that looks like a credential with a marker."""
    for pattern in _SECRET_PATTERNS:
        if pattern.groups:
            text = pattern.sub(lambda m: m.group(1) + "[redacted]", text)
        else:
            text = pattern.sub("[redacted]", text)
    return text


class ScrubFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = scrub(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


class _ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files are created 0600 on POSIX (they name profiles and files): the handler opens
    a fresh file at start and at every rollover, so the mode is set where it opens."""

    def _open(self) -> TextIOWrapper:
        stream = super()._open()
        make_private_file(Path(self.baseFilename))
        return stream


def setup_logging(log_dir: Path, *, level: int = logging.INFO, console: bool = False) -> Path:
    """Log to ``log_dir/careerdesk.log`` (1 MB × 5 files). Returns the log file path."""
    make_private_dir(log_dir)
    path = log_dir / "careerdesk.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler in _OURS:
            root.removeHandler(handler)
            handler.close()
    handler = _PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    _OURS.add(handler)
    handler.setFormatter(
        _ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    handler.addFilter(ScrubFilter())
    root.addHandler(handler)
    if console:
        stream = logging.StreamHandler()
        _OURS.add(stream)
        stream.setFormatter(_ScrubbingFormatter("%(levelname)s %(name)s: %(message)s"))
        stream.addFilter(ScrubFilter())
        root.addHandler(stream)
    root.setLevel(level)
    return path
