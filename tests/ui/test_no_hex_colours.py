"""Widgets take colours from the theme's roles, never hex literals (docs/design.md).

A static check over ``careerdesk/ui``: any ``#rgb`` / ``#rrggbb`` colour in code (comments
excepted) outside ``ui/common/theme.py`` fails, as do Qt's fixed named colours in style
sheets ("color: gray"), which ignore the dark theme and miss WCAG contrast.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import careerdesk.ui

UI = Path(careerdesk.ui.__file__).parent
THEME = UI / "common" / "theme.py"
HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b")
NAMED = re.compile(r"\bcolou?r\s*:\s*(?:gray|grey|white|black|red|green|blue|orange)\b", re.I)
QCOLOR_LITERAL = re.compile(r"QColor\(\s*(?:\d|\"[a-z])")


def offences(source: str) -> list[str]:
    """Colour literals in the string tokens of ``source`` (comments are not code)."""
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.STRING or tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            for pattern in (HEX, NAMED):
                found += [f"{tok.start[0]}: {m.group(0)}" for m in pattern.finditer(tok.string)]
    for number, line in enumerate(source.splitlines(), 1):
        code = line.split("#", 1)[0] if "QColor(" not in line.split("#", 1)[0] else line
        if QCOLOR_LITERAL.search(code):
            found.append(f"{number}: {line.strip()}")
    return found


def test_the_check_sees_what_it_must() -> None:
    # Hand-written cases: the check must catch these and spare comments and ids.
    assert offences('x.setStyleSheet("color:#b91c1c")\n')
    assert offences("s = f\"<span style='color:#666'>{n}</span>\"\n")
    assert offences('label.setStyleSheet("color: gray")\n')
    assert offences("pen = QColor(46, 160, 67)\n")
    assert offences('brush = QColor("white")\n')
    assert not offences("# see issue #123 and colour #fff in a comment\nx = 1\n")
    assert not offences('name = "#resumeBanner"\n')  # an object-name selector, not a colour
    assert not offences('theme.set_tone(label, "muted")\n')


def test_no_colour_literals_outside_the_theme_module() -> None:
    failures = []
    for path in sorted(UI.rglob("*.py")):
        if path == THEME:
            continue
        for offence in offences(path.read_text(encoding="utf-8")):
            failures.append(f"{path.relative_to(UI)}:{offence}")
    assert not failures, "colours outside ui/common/theme.py:\n" + "\n".join(failures)
