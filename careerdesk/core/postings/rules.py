"""Rules that read an application's fields out of a job posting's text (pure, offline).

Postings are written for people, so the rules look where people look:

* **labelled lines** first ("Location: Leeds", "Salary: £45,000 - £55,000", "Closing date:
  31 March 2026", "Company: Acme"), since a label is the employer saying what a value is;
* then the **heading**: the first lines usually hold the title and often the company and
  place ("Senior Data Engineer at Monzo — London", "Data Analyst | Acme Ltd | Leeds");
* then **sentences** ("About Acme", "Acme is hiring", "based in our Manchester office",
  "fully remote", "apply by 3 April");
* salaries only where a currency marks the figure (so "5+ years" or "$2B raised" are not
  salaries), yearly only (the pipeline's ``parse_salary`` rules), and within sane bounds.

Each function returns "" / None when it finds nothing: a wrong guess costs the learner more
than an empty field, since they review everything before saving.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from careerdesk.core.pipeline.io.parsing import CURRENCY_CODES, MONTHS, parse_date, parse_salary
from careerdesk.core.pipeline.models import Remote

TITLE_NOUNS = (
    "engineer|developer|programmer|analyst|scientist|manager|designer|consultant|specialist|"
    "administrator|architect|officer|technician|coordinator|assistant|intern|internship|"
    "apprentice|researcher|tester|lead|director|head|advisor|adviser|associate|executive|"
    "accountant|writer|editor|strategist|owner|sre|devops|statistician|actuary|nurse|teacher"
)
_TITLE_WORD = re.compile(rf"\b({TITLE_NOUNS})s?\b", re.IGNORECASE)
_LABEL = re.compile(r"^\s*[-*•]?\s*([A-Za-z][A-Za-z /&()-]{1,40}?)\s*[:|]\s*(.+?)\s*$")
_LABELS = {
    "company": (
        "company",
        "employer",
        "organisation",
        "organization",
        "hiring company",
        "company name",
        "hiring organisation",
        "hiring organization",
    ),
    "title": ("job title", "title", "position", "role", "job", "vacancy", "position title"),
    "location": ("location", "job location", "office", "city", "based in", "work location"),
    "remote": (
        "remote",
        "work mode",
        "workplace",
        "workplace type",
        "working pattern",
        "work type",
        "working model",
        "remote work",
    ),
    "salary": (
        "salary",
        "salary range",
        "compensation",
        "pay",
        "pay range",
        "base salary",
        "remuneration",
        "package",
        "base pay",
    ),
    "deadline": (
        "closing date",
        "deadline",
        "apply by",
        "applications close",
        "application deadline",
        "closes",
        "apply before",
        "closing",
    ),
}
_LABEL_OF = {alias: name for name, aliases in _LABELS.items() for alias in aliases}
_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)
# A name is at most 12 words: unbounded, a text of capitalised words made each "Join"/line
# start scan to the end and back (quadratic, issue 19).
_NAME = r"[A-Z0-9][\w&.'’+-]*(?:\s+(?:[A-Z0-9][\w&.'’+-]*|&|of|and|de|the)){0,11}"
_COMPANY_SENTENCES = (
    re.compile(rf"^About\s+(?:us\s*[-–—:]\s*)?({_NAME})\s*$", re.MULTILINE),
    re.compile(rf"\b(?:Join|join)\s+({_NAME})(?=\s+(?:as|and|in|on|to|where|—|-)\b|[.!,])"),
    re.compile(rf"(?:^|\.\s+)({_NAME})\s+is\s+(?:hiring|looking|seeking|recruiting)\b"),
    re.compile(rf"\bAt\s+({_NAME}),\s+(?:we|our|you)\b"),
    re.compile(
        rf"(?:^|\n)({_NAME})\s+(?:is|are)\s+(?:a|an|the|one of)\s+"
        r"(?:leading|global|fast|growing|award|fintech|uk|european|[a-z-]+)",
    ),
)
_NOT_COMPANY = frozenset(
    {
        "we",
        "you",
        "our",
        "the role",
        "the team",
        "this role",
        "about the role",
        "role",
        "job",
        "team",
        "the company",
        "us",
        "it",
        "this",
        "about you",
    }
)
_HEADER_SPLIT = re.compile(r"\s+(?:[|•·–—@]|-|at)\s+")
_LOCATION_SENTENCES = (
    re.compile(rf"\b(?:based|located)\s+(?:in|at)\s+(?:our\s+)?({_NAME})", re.UNICODE),
    re.compile(rf"\bin\s+our\s+({_NAME})\s+(?:office|hub|HQ|headquarters|studio)"),
    re.compile(rf"\boffice\s+in\s+({_NAME})"),
)
_PLACE_STOP = frozenset({"the", "a", "an", "our", "office", "hub", "team", "head", "uk office"})

_HYBRID = re.compile(r"\bhybrid\b|\b\d\s*days?\s+(?:a|per)\s+week\s+in\s+(?:the\s+)?office", re.I)
_REMOTE = re.compile(
    r"\b(?:fully|100%|completely|entirely)[\s-]+remote\b|\bremote[\s-]+(?:first|only|role|"
    r"position|friendly)\b|\bwork\s+from\s+anywhere\b|\bremote\s*\((?:uk|us|eu|europe|"
    r"worldwide|global)[^)]*\)|^\s*remote\s*$|\bthis\s+is\s+a\s+remote\b",
    re.I | re.M,
)
_ONSITE = re.compile(
    r"\bon[\s-]?site\b|\boffice[\s-]based\b|\bin[\s-]office\b|\b(?:five|5)\s+days\s+(?:a|per)"
    r"\s+week\s+in\s+(?:the\s+)?office\b|\bnot\s+(?:a\s+)?remote\b|\bno\s+remote\b",
    re.I,
)

_CUR = r"(?:US\$|C\$|A\$|CA\$|AU\$|[$£€¥₹]|\b(?:" + "|".join(sorted(CURRENCY_CODES)) + r")\b)"
# Digit runs and thousands groups are bounded (15 digits, 7 groups; beyond any salary):
# unbounded, a long run of digits made every search restart inside it (quadratic, issue 19).
_AMOUNT = r"\d{1,3}(?:[,.' \u00a0]\d{3}){1,7}(?:\.\d{1,15})?|\d{1,15}(?:\.\d{1,15})?\s*[kK]?"
_SALARY = re.compile(
    rf"{_CUR}\s?(?:{_AMOUNT})(?:\s*[kK])?(?:\s*(?:-|–|—|to)\s*{_CUR}?\s?(?:{_AMOUNT})(?:\s*[kK])?)?"
    rf"(?:\s*{_CUR})?"
    r"|(?:" + _AMOUNT + r")\s*" + _CUR + r"?\s*(?:-|–|—|to)\s*(?:" + _AMOUNT + r")\s*" + _CUR,
)
_SALARY_TAIL = re.compile(
    r"^\s*(?:per\s+|an?\s+|/\s*)(hour|hr|day|month|week|annum|year|yr)\b", re.IGNORECASE
)
_NOT_SALARY_TAIL = re.compile(r"^\s*(?:million|m\b|bn\b|billion|b\b|in\s+funding|raised)", re.I)
MIN_SALARY, MAX_SALARY = 5_000, 2_000_000

_DEADLINE_CUE = re.compile(
    r"\b(?:apply\s+(?:by|before)|closing\s+date|applications?\s+close[sd]?|deadline|closes"
    r"|close\s+on|no\s+later\s+than|until)\b",
    re.IGNORECASE,
)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_TEXT = re.compile(
    rf"\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\.?,?(?:\s+\d{{4}})?\b"
    rf"|\b(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b",
    re.IGNORECASE,
)


@dataclass
class FoundFields:
    """What the rules found; empty strings / None where nothing was found."""

    company: str = ""
    title: str = ""
    location: str = ""
    remote: Remote = ""
    salary_min: int | None = None
    salary_max: int | None = None
    currency: str = ""
    deadline: date | None = None
    posting_url: str = ""
    evidence: dict[str, str] = field(default_factory=dict)  # field -> the text it came from


def _clean_value(value: str) -> str:
    return value.strip(" \t-–—:|•*#").strip()


def labelled(lines: list[str]) -> dict[str, str]:
    """``{field: value}`` from "Label: value" lines (the first of each label wins)."""
    out: dict[str, str] = {}
    for line in lines[:80]:
        m = _LABEL.match(line)
        if not m:
            continue
        name = _LABEL_OF.get(" ".join(m.group(1).lower().split()))
        value = _clean_value(m.group(2))
        if name and value and name not in out and len(value) <= 200:
            out[name] = value
    return out


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 10
        and len(line) <= 90
        and not line.endswith((".", ":", "?", "!"))
        and bool(_TITLE_WORD.search(line))
        and not _LABEL.match(line)
        and not line.lower().startswith(("we ", "you ", "our ", "the ", "about ", "as a", "as an"))
    )


def _company_ok(name: str) -> bool:
    name = name.strip()
    return (
        bool(name)
        and name.lower() not in _NOT_COMPANY
        and len(name) <= 80
        and len(name.split()) <= 6
        and not _TITLE_WORD.search(name)
    )


def header(lines: list[str]) -> tuple[str, str, str]:
    """(title, company, place) from the posting's first lines, where postings announce them.

    "Senior Data Engineer at Monzo", "Data Analyst | Acme Ltd | Leeds", "Backend Developer —
    Stripe (Dublin)": the part that reads like a job title is the title; the next part the
    company, a further one the place.
    """
    for line in lines[:6]:
        if len(line) > 140:
            continue
        paren = re.search(r"\(([^)]{2,60})\)\s*$", line)
        core = line[: paren.start()].strip() if paren else line
        parts = [p.strip() for p in _HEADER_SPLIT.split(core) if p.strip()]
        if not parts or not _looks_like_title(parts[0]):
            continue
        title = _clean_value(parts[0])
        company = parts[1] if len(parts) > 1 and _company_ok(parts[1]) else ""
        place = parts[2] if len(parts) > 2 else ""
        if paren and len(parts) == 1:
            title = f"{title} ({paren.group(1)})"  # "Developer (React)": part of the title
        elif paren and not place:
            place = paren.group(1)
        return title, _clean_value(company), _clean_value(place)
    return "", "", ""


_PLACE_LINE = re.compile(r"^([A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,3})(?:\s+or\s+remote)?\b.*$")


_PLACE_CUE = re.compile(r"\((?:hybrid|remote|on-?site|office)[^)]*\)|\bor\s+remote\b|,", re.I)


def under_title(lines: list[str], title: str) -> tuple[str, str]:
    """(place, company) from the short line under the title.

    "Manchester (hybrid)", "London or remote (UK)", "Leeds, UK" name a place; a bare name
    ("Sage") is the employer.
    """
    for i, line in enumerate(lines[:5]):
        if title and line.startswith(title) and i + 1 < len(lines):
            nxt = lines[i + 1]
            if len(nxt) > 50 or any(c.isdigit() for c in nxt) or _LABEL.match(nxt):
                return "", ""
            m = _PLACE_LINE.match(nxt)
            skip = nxt.lower().startswith(("about", "join", "we ", "our ", "the ", "at "))
            if not m or skip or _TITLE_WORD.search(nxt) or m.group(1).lower() == "remote":
                return "", ""
            if _PLACE_CUE.search(nxt):
                return m.group(1).strip(" ,"), ""
            return "", nxt.strip() if _company_ok(nxt) and len(nxt.split()) <= 4 else ""
    return "", ""


def find_company(text: str, lines: list[str]) -> str:
    """The employer's name from "About Acme", "Join Acme as…", "Acme is hiring" sentences."""
    for pattern in _COMPANY_SENTENCES:
        for m in pattern.finditer(text):
            name = _clean_value(m.group(1))
            if _company_ok(name):
                return name
    return ""


def find_location(text: str) -> str:
    for pattern in _LOCATION_SENTENCES:
        m = pattern.search(text)
        if m:
            words = [w for w in m.group(1).split() if w.lower() not in _PLACE_STOP]
            place = " ".join(words).strip(" ,.")
            if place and len(place) <= 60:
                return place
    return ""


def find_remote(text: str, label: str = "") -> Remote:
    """yes / no / hybrid: a labelled value wins; otherwise hybrid, remote, on-site phrases."""
    if label:
        low = label.lower()
        if "hybrid" in low:
            return "hybrid"
        if "remote" in low or "anywhere" in low:
            return "yes"
        if re.search(r"on[\s-]?site|office", low):
            return "no"
    if _HYBRID.search(text):
        return "hybrid"
    if _REMOTE.search(text):
        return "yes"
    if _ONSITE.search(text):
        return "no"
    return ""


def find_salary(text: str, label: str = "") -> tuple[int | None, int | None, str, str]:
    """(min, max, currency, evidence) from the labelled salary, else a currency-marked figure."""
    candidates: list[str] = []
    if label:
        candidates.append(label)
    for m in _SALARY.finditer(text):
        tail = text[m.end() : m.end() + 30]
        if _NOT_SALARY_TAIL.match(tail):
            continue
        unit = _SALARY_TAIL.match(tail)
        if unit and unit.group(1).lower() not in ("annum", "year", "yr"):
            continue  # an hourly or daily rate is not the yearly salary the pipeline keeps
        candidates.append(m.group(0))
    for raw in candidates:
        cut = re.split(r"\s+(?:plus|\+|and|with|depending|DOE|OTE|pro[\s-]rata)\b|[;(]", raw)[0]
        for attempt in (cut, _first_money(cut)):
            if not attempt:
                continue
            try:
                salary = parse_salary(attempt)
            except ValueError:
                continue
            values = [v for v in (salary.minimum, salary.maximum) if v is not None]
            if values and all(MIN_SALARY <= v <= MAX_SALARY for v in values):
                return salary.minimum, salary.maximum, salary.currency, raw.strip()
    return None, None, "", ""


def _first_money(text: str) -> str:
    m = _SALARY.search(text)
    return m.group(0) if m else ""


def _date_in(text: str, today: date) -> date | None:
    for m in _DATE_TEXT.finditer(text):
        raw = m.group(0).replace(" of ", " ")
        has_year = bool(re.search(r"\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{2}", raw))
        try:
            found = parse_date(raw if has_year else f"{raw} {today.year}")
        except ValueError:
            continue
        if not has_year and found < today:
            # "apply by 3 March" read in December means next March.
            try:
                found = found.replace(year=found.year + 1)
            except ValueError:
                continue
        return found
    return None


def find_deadline(text: str, today: date, label: str = "") -> date | None:
    """The closing date: the labelled one, else a date within a sentence after a cue word."""
    if label:
        found = _date_in(label, today)
        if found:
            return found
    for cue in _DEADLINE_CUE.finditer(text):
        found = _date_in(text[cue.end() : cue.end() + 60], today)
        if found:
            return found
    return None


def extract_fields(text: str, today: date) -> FoundFields:
    """Every field the rules can read from ``text`` (``today`` dates a year-less deadline)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    labels = labelled(lines)
    out = FoundFields()
    h_title, h_company, h_place = header(lines)
    out.title = labels.get("title", "") or h_title
    if not out.title:
        m = re.search(
            r"\b(?:looking\s+for|hiring|seeking|recruiting|as)\s+(?:an?\s+|our\s+next\s+)?"
            r"((?:[A-Z][\w+#/-]*\s+){0,5}(?:" + TITLE_NOUNS + r"))\b",
            text,
            re.IGNORECASE,
        )
        if m and m.group(1)[0].isupper():
            out.title = m.group(1).strip()
    u_place, u_company = under_title(lines, out.title)
    out.company = labels.get("company", "") or h_company or u_company or find_company(text, lines)
    out.location = labels.get("location", "") or h_place or u_place or find_location(text)
    if out.location.lower() in ("remote", "fully remote", "anywhere"):
        labels.setdefault("remote", out.location)
        out.location = ""
    out.remote = find_remote(text, labels.get("remote", "") or labels.get("location", ""))
    out.salary_min, out.salary_max, out.currency, ev = find_salary(text, labels.get("salary", ""))
    if ev:
        out.evidence["salary"] = ev
    out.deadline = find_deadline(text, today, labels.get("deadline", ""))
    url = _URL.search(text)
    if url:
        out.posting_url = url.group(0).rstrip(".,;")
    for name in ("company", "title", "location"):
        value = getattr(out, name)
        if len(value) > 200:
            setattr(out, name, value[:200].rstrip())
    return out
