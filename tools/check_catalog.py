"""Validate the shipped reference data in ``careerdesk/resources``.

Checks skills.json, roles.json, content.json, riasec.json and the O*NET extract:
ids unique and well formed, every reference resolves, counts are met, role codes and
technologies exist in the O*NET CSVs, roles.json is up to date with tools/roles_spec.json,
and every file can be read through importlib.resources.

Usage::

    .venv/bin/python tools/check_catalog.py
    .venv/bin/python tools/check_catalog.py --onet-source DIR  # also byte-compare O*NET CSVs

Exits 0 when everything passes, 1 otherwise (every problem is listed).
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import importlib.resources
import itertools
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
RES = ROOT / "careerdesk" / "resources"
CATALOG = RES / "catalog"
ONET = RES / "onet"

SKILL_IDS = [
    "python",
    "sql",
    "javascript",
    "html_css",
    "dsa",
    "system_design",
    "cloud",
    "git",
    "testing",
    "data_analysis",
    "statistics",
    "machine_learning",
    "linux",
    "networking",
    "security",
    "databases",
    "devops",
    "communication",
    "problem_solving",
    "code_quality",
    "product_management",
    "ux_design",
]
CATEGORIES = {
    "Programming",
    "Data",
    "Infrastructure",
    "Engineering practice",
    "Professional",
    "Product & design",
}
REQUIRED_ROLES = {
    "software_engineer",
    "data_analyst",
    "data_scientist",
    "ml_engineer",
    "devops_engineer",
    "frontend_developer",
    "backend_developer",
    "qa_engineer",
    "cybersecurity_analyst",
    "product_manager",
    "ux_designer",
    "business_analyst",
    "database_administrator",
    "network_engineer",
    "it_support",
    "cloud_architect",
}
KINDS = {"video", "course", "article", "exercise"}
LEVELS = {"beginner", "intermediate", "advanced"}
SCALE = ["Strongly dislike", "Dislike", "Unsure", "Like", "Strongly like"]
RIASEC = "RIASEC"
ONET_FILES = {
    "occupations.csv": ["code", "title", "description"],
    "interests.csv": [
        "code",
        "realistic",
        "investigative",
        "artistic",
        "social",
        "enterprising",
        "conventional",
    ],
    "technology_skills.csv": ["code", "technology", "category", "hot_technology", "in_demand"],
    "alternate_titles.csv": ["code", "alternate_title", "short_title"],
}
CREDIT = (
    "This product includes information from the O*NET 30.x Database by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
    "license. O*NET® is a trademark of USDOL/ETA. The product has been modified from its "
    "original form; USDOL/ETA has not approved, endorsed, or tested these modifications."
)
PLACEHOLDER = re.compile(r"lorem|ipsum|\bTODO\b|\bTBD\b|example\.com|placeholder", re.I)

problems: list[str] = []


def fail(msg: str) -> None:
    problems.append(msg)


def load_json(name: str) -> dict:
    path = CATALOG / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        fail(f"{name}: cannot read: {exc}")
        return {}


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def check_text(where: str, value: object, *, max_len: int = 400) -> None:
    if not isinstance(value, str) or not value.strip():
        fail(f"{where}: empty or not a string")
        return
    if value != value.strip() or "  " in value:
        fail(f"{where}: stray whitespace")
    if len(value) > max_len:
        fail(f"{where}: longer than {max_len} characters")
    if PLACEHOLDER.search(value):
        fail(f"{where}: looks like placeholder text: {value!r}")


def check_skills(doc: dict) -> dict[str, dict]:
    if doc.get("version") != 1:
        fail("skills.json: version must be 1")
    skills = doc.get("skills", [])
    ids = [s.get("id") for s in skills]
    if ids != SKILL_IDS:
        fail(f"skills.json: ids must be exactly, in order: {SKILL_IDS}; got {ids}")
    for sid, n in Counter(ids).items():
        if n > 1:
            fail(f"skills.json: duplicate id {sid!r}")
    owner: dict[str, str] = {}
    names = Counter(s.get("name") for s in skills)
    for s in skills:
        sid = s.get("id")
        where = f"skills.json[{sid}]"
        check_text(f"{where}.name", s.get("name"), max_len=60)
        if names[s.get("name")] > 1:
            fail(f"{where}: name {s.get('name')!r} is used twice")
        check_text(f"{where}.description", s.get("description"), max_len=200)
        if s.get("category") not in CATEGORIES:
            fail(f"{where}: category {s.get('category')!r} not in {sorted(CATEGORIES)}")
        syns = s.get("synonyms", [])
        if not 5 <= len(syns) <= 15:
            fail(f"{where}: {len(syns)} synonyms, want 5-15")
        for syn in syns:
            if not isinstance(syn, str) or syn != syn.strip().lower() or not syn:
                fail(f"{where}: synonym {syn!r} must be a trimmed lowercase string")
                continue
            if syn in owner:
                fail(f"{where}: synonym {syn!r} already belongs to {owner[syn]!r}")
            owner[syn] = sid
    # A synonym must not be another skill's id or name either.
    for s in skills:
        for other in (s.get("id", "").replace("_", " "), str(s.get("name", "")).lower()):
            if other in owner and owner[other] != s.get("id"):
                fail(f"skills.json: synonym {other!r} of {owner[other]!r} names skill {s['id']!r}")
    return {s["id"]: s for s in skills if "id" in s}


def check_roles(doc: dict, skills: dict[str, dict]) -> None:
    if doc.get("version") != 1:
        fail("roles.json: version must be 1")
    roles = doc.get("roles", [])
    if len(roles) < 16:
        fail(f"roles.json: {len(roles)} roles, want at least 16")
    ids = Counter(r.get("id") for r in roles)
    for rid, n in ids.items():
        if n > 1:
            fail(f"roles.json: duplicate id {rid!r}")
    missing = REQUIRED_ROLES - set(ids)
    if missing:
        fail(f"roles.json: missing required roles {sorted(missing)}")

    _, occ_rows = read_csv(ONET / "occupations.csv")
    occupations = {r["code"]: r["title"] for r in occ_rows}
    _, tech_rows = read_csv(ONET / "technology_skills.csv")
    tech = {(r["code"], r["technology"]): r for r in tech_rows}

    skill_profiles: Counter[tuple] = Counter()
    for role in roles:
        rid = role.get("id")
        where = f"roles.json[{rid}]"
        if not re.fullmatch(r"[a-z][a-z0-9_]*", str(rid)):
            fail(f"{where}: id must be lower_snake_case")
        check_text(f"{where}.title", role.get("title"), max_len=60)
        check_text(f"{where}.description", role.get("description"), max_len=300)
        code = role.get("onet_code")
        if code not in occupations:
            fail(f"{where}: onet_code {code!r} not in occupations.csv")
        elif role.get("onet_title") != occupations[code]:
            fail(f"{where}: onet_title {role.get('onet_title')!r} != {occupations[code]!r}")

        reqs = role.get("skills", [])
        if not 5 <= len(reqs) <= 9:
            fail(f"{where}: {len(reqs)} skills, want 5-9")
        seen = set()
        for req in reqs:
            sid, level, imp = req.get("skill"), req.get("level"), req.get("importance")
            if sid not in skills:
                fail(f"{where}: unknown skill {sid!r}")
            if sid in seen:
                fail(f"{where}: skill {sid!r} twice")
            seen.add(sid)
            if type(level) is not int or not 0 <= level <= 100:
                fail(f"{where}: {sid}.level {level!r} must be an int 0-100")
            if type(imp) is not int or not 1 <= imp <= 5:
                fail(f"{where}: {sid}.importance {imp!r} must be an int 1-5")
        skill_profiles[tuple(sorted((r.get("skill"), r.get("level")) for r in reqs))] += 1

        techs = role.get("technologies", [])
        if not 1 <= len(techs) <= 15:
            fail(f"{where}: {len(techs)} technologies, want 1-15")
        names = Counter(t.get("name") for t in techs)
        for name, n in names.items():
            if n > 1:
                fail(f"{where}: technology {name!r} twice")
        for t in techs:
            row = tech.get((code, t.get("name")))
            if row is None:
                fail(f"{where}: technology {t.get('name')!r} not listed for {code}")
                continue
            if t.get("category") != row["category"]:
                fail(f"{where}: {t['name']!r} category differs from technology_skills.csv")
            if t.get("hot") is not (row["hot_technology"] == "Y") or t.get("in_demand") is not (
                row["in_demand"] == "Y"
            ):
                fail(f"{where}: {t['name']!r} flags differ from technology_skills.csv")
            if not (t.get("hot") or t.get("in_demand")):
                fail(f"{where}: {t['name']!r} is neither hot nor in demand")
            for sid in t.get("skills", []):
                if sid not in skills:
                    fail(f"{where}: {t['name']!r} refers to unknown skill {sid!r}")
        flags = [not t.get("in_demand") for t in techs]
        if flags != sorted(flags):
            fail(f"{where}: in-demand technologies must come first")
    for profile, n in skill_profiles.items():
        if n > 1:
            fail(f"roles.json: {n} roles share the same skill profile {profile}")

    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_catalog_roles.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        fail(f"roles.json: not reproducible from tools/roles_spec.json: {result.stderr.strip()}")


def check_content(doc: dict, skills: dict[str, dict]) -> None:
    if doc.get("version") != 1:
        fail("content.json: version must be 1")
    items = doc.get("items", [])
    if len(items) < 70:
        fail(f"content.json: {len(items)} items, want at least 70")
    for key in ("id", "url", "title"):
        for value, n in Counter(i.get(key) for i in items).items():
            if n > 1:
                fail(f"content.json: duplicate {key} {value!r}")
    per_skill: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for item in items:
        iid = item.get("id")
        where = f"content.json[{iid}]"
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", str(iid)):
            fail(f"{where}: id must be lower-kebab-case")
        check_text(f"{where}.title", item.get("title"), max_len=120)
        check_text(f"{where}.provider", item.get("provider"), max_len=80)
        check_text(f"{where}.description", item.get("description"), max_len=200)
        if item.get("kind") not in KINDS:
            fail(f"{where}: kind {item.get('kind')!r} not in {sorted(KINDS)}")
        kinds[item.get("kind")] += 1
        if item.get("level") not in LEVELS:
            fail(f"{where}: level {item.get('level')!r} not in {sorted(LEVELS)}")
        hours = item.get("est_hours")
        if not isinstance(hours, float) or not 0 < hours <= 200:
            fail(f"{where}: est_hours {hours!r} must be a float in (0, 200]")
        url = urlparse(str(item.get("url", "")))
        if url.scheme != "https" or not url.netloc or " " in item.get("url", ""):
            fail(f"{where}: url {item.get('url')!r} must be an absolute https URL")
        iskills = item.get("skills", [])
        if not iskills or len(set(iskills)) != len(iskills):
            fail(f"{where}: skills must be a non-empty list without repeats")
        for sid in iskills:
            if sid not in skills:
                fail(f"{where}: unknown skill {sid!r}")
            per_skill[sid] += 1
    for sid in skills:
        if per_skill[sid] < 2:
            fail(f"content.json: skill {sid!r} has {per_skill[sid]} items, want at least 2")
    if kinds["video"] < 15:
        fail(f"content.json: {kinds['video']} videos, want at least 15")


def check_riasec(doc: dict) -> None:
    if doc.get("version") != 1:
        fail("riasec.json: version must be 1")
    if doc.get("scale") != SCALE:
        fail(f"riasec.json: scale must be {SCALE}")
    items = doc.get("items", [])
    if len(items) < 36:
        fail(f"riasec.json: {len(items)} items, want at least 36")
    for key in ("id", "text"):
        for value, n in Counter(i.get(key) for i in items).items():
            if n > 1:
                fail(f"riasec.json: duplicate {key} {value!r}")
    dims = Counter(i.get("dimension") for i in items)
    if set(dims) != set(RIASEC):
        fail(f"riasec.json: dimensions must be exactly {list(RIASEC)}, got {sorted(dims)}")
    if len(set(dims.values())) != 1 or min(dims.values(), default=0) < 6:
        fail(f"riasec.json: want the same number (at least 6) per dimension, got {dict(dims)}")
    for item in items:
        iid, dim = str(item.get("id")), item.get("dimension")
        if not re.fullmatch(r"[riasec]\d{2}", iid) or iid[0].upper() != dim:
            fail(f"riasec.json[{iid}]: id must be the dimension letter plus two digits")
        check_text(f"riasec.json[{iid}].text", item.get("text"), max_len=90)
    for a, b in itertools.pairwise(items):
        if a.get("dimension") == b.get("dimension"):
            fail(f"riasec.json: {a.get('id')} and {b.get('id')} are adjacent with one dimension")


def check_onet(source: Path | None) -> None:
    codes: set[str] = set()
    for name, header in ONET_FILES.items():
        path = ONET / name
        if not path.is_file():
            fail(f"onet/{name}: missing")
            continue
        got_header, rows = read_csv(path)
        if got_header != header:
            fail(f"onet/{name}: header {got_header} != {header}")
        if len(rows) < 100:
            fail(f"onet/{name}: only {len(rows)} rows")
        if name == "occupations.csv":
            codes = {r["code"] for r in rows}
        else:
            orphans = {r["code"] for r in rows} - codes
            if orphans:
                fail(f"onet/{name}: codes not in occupations.csv: {sorted(orphans)[:5]}")
        if name == "technology_skills.csv":
            bad = {(r["hot_technology"], r["in_demand"]) for r in rows} - {
                ("Y", "Y"),
                ("Y", "N"),
                ("N", "Y"),
                ("N", "N"),
            }
            if bad:
                fail(f"onet/{name}: flags must be Y or N, found {sorted(bad)}")
        if source is not None and not filecmp.cmp(path, source / name, shallow=False):
            fail(f"onet/{name}: differs from {source / name}")
    lic = ONET / "LICENSE-ONET.txt"
    if not lic.is_file():
        fail("onet/LICENSE-ONET.txt: missing")
    else:
        text = " ".join(lic.read_text(encoding="utf-8").split())
        for needle in (CREDIT, "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"):
            if needle not in text:
                fail(f"onet/LICENSE-ONET.txt: missing {needle[:60]!r}...")


def check_packaging() -> None:
    packages = ("careerdesk.resources", "careerdesk.resources.catalog", "careerdesk.resources.onet")
    for pkg in packages:
        init = ROOT.joinpath(*pkg.split("."), "__init__.py")
        if not init.is_file():
            fail(f"{pkg}: missing __init__.py")
    sys.path.insert(0, str(ROOT))
    try:
        catalog = importlib.resources.files("careerdesk.resources.catalog")
        for name in ("skills.json", "roles.json", "content.json", "riasec.json"):
            json.loads(catalog.joinpath(name).read_text(encoding="utf-8"))
        onet = importlib.resources.files("careerdesk.resources.onet")
        for name in (*ONET_FILES, "LICENSE-ONET.txt"):
            if not onet.joinpath(name).is_file():
                fail(f"importlib.resources cannot see careerdesk.resources.onet/{name}")
    except (ModuleNotFoundError, OSError, json.JSONDecodeError) as exc:
        fail(f"importlib.resources: {exc}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet-source", type=Path, help="directory with the original O*NET CSVs")
    args = parser.parse_args(argv)

    skills = check_skills(load_json("skills.json"))
    roles_doc, content_doc, riasec_doc = (
        load_json("roles.json"),
        load_json("content.json"),
        load_json("riasec.json"),
    )
    check_onet(args.onet_source)
    check_roles(roles_doc, skills)
    check_content(content_doc, skills)
    check_riasec(riasec_doc)
    check_packaging()

    if problems:
        print(f"{len(problems)} problem(s):")
        for p in problems:
            print(f"  - {p}")
        return 1
    items = content_doc["items"]
    print(
        f"catalog OK: {len(skills)} skills, {len(roles_doc['roles'])} roles, "
        f"{len(items)} content items ({sum(i['kind'] == 'video' for i in items)} videos), "
        f"{len(riasec_doc['items'])} RIASEC items, O*NET extract and licence present"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
