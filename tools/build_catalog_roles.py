"""Build ``careerdesk/resources/catalog/roles.json`` from the hand-written role spec.

The spec (``tools/roles_spec.json``) holds what people decide: role ids, titles,
descriptions, the O*NET-SOC code each role maps to, and the expected level (0-100)
and importance (1-5) of each CareerDesk skill. This script adds what the data decides:

* ``onet_title`` - the occupation title exactly as in ``occupations.csv``;
* ``technologies`` - the tools O*NET lists for that occupation that are flagged as a
  hot technology or in demand, at most ``max_technologies`` of them. Each lists the
  CareerDesk skill ids it belongs to: found by whole-word match of the skill's id, name
  or synonyms (``skills.json``) in the technology name, unless the spec's
  ``technology_skills`` table sets them by hand. Order: in-demand first; then by the
  highest importance the role gives to one of the technology's skills; then those that
  belong to any CareerDesk skill; then hot ones; then by name.

It validates everything it can (codes exist, skill ids exist, ranges, counts,
uniqueness) and writes the file deterministically (same inputs, same bytes).

Usage::

    .venv/bin/python tools/build_catalog_roles.py            # write roles.json
    .venv/bin/python tools/build_catalog_roles.py --check    # fail if roles.json is stale
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "tools" / "roles_spec.json"
CATALOG = ROOT / "careerdesk" / "resources" / "catalog"
ONET = ROOT / "careerdesk" / "resources" / "onet"

MIN_SKILLS, MAX_SKILLS = 5, 9


class SpecError(Exception):
    """The role spec or the data it refers to is not valid."""


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def skill_terms(skills: list[dict]) -> dict[str, list[re.Pattern[str]]]:
    """For each skill id, whole-word patterns for its id, name parts and synonyms."""
    out: dict[str, list[re.Pattern[str]]] = {}
    for skill in skills:
        terms = {skill["id"].replace("_", " "), *skill["synonyms"]}
        # "Python", "SQL", "HTML & CSS" -> "python", "sql", "html", "css"
        for part in re.split(r"\s*(?:&|/|,|\band\b)\s*", skill["name"].lower()):
            if part and part not in {"the"}:
                terms.add(part.strip())
        out[skill["id"]] = [
            re.compile(r"(?<![a-z0-9])" + re.escape(t.lower()) + r"(?![a-z0-9])")
            for t in sorted(terms)
            if t
        ]
    return out


def matching_skills(
    name: str,
    patterns: dict[str, list[re.Pattern[str]]],
    overrides: dict[str, list[str]],
) -> list[str]:
    if name in overrides:
        return sorted(overrides[name])
    low = name.lower()
    return sorted(sid for sid, pats in patterns.items() if any(p.search(low) for p in pats))


def build(spec: dict, skills_doc: dict, onet_dir: Path) -> dict:
    errors: list[str] = []
    skill_ids = [s["id"] for s in skills_doc["skills"]]
    known_skills = set(skill_ids)
    patterns = skill_terms(skills_doc["skills"])
    overrides: dict[str, list[str]] = spec.get("technology_skills", {})
    for tech, sids in overrides.items():
        for sid in sids:
            if sid not in known_skills:
                errors.append(f"technology_skills[{tech!r}]: unknown skill {sid!r}")

    occupations = {r["code"]: r["title"] for r in read_csv(onet_dir / "occupations.csv")}
    tech_by_code: dict[str, list[dict[str, str]]] = {}
    for row in read_csv(onet_dir / "technology_skills.csv"):
        tech_by_code.setdefault(row["code"], []).append(row)

    limit = int(spec.get("max_technologies", 15))
    seen_ids: set[str] = set()
    roles_out = []
    for role in spec["roles"]:
        rid = role["id"]
        where = f"role {rid!r}"
        if not re.fullmatch(r"[a-z][a-z0-9_]*", rid):
            errors.append(f"{where}: id must be lower_snake_case")
        if rid in seen_ids:
            errors.append(f"{where}: duplicate id")
        seen_ids.add(rid)
        code = role["onet_code"]
        if code not in occupations:
            errors.append(f"{where}: O*NET code {code} not in occupations.csv")
            continue
        for key in ("title", "description"):
            if not str(role.get(key, "")).strip():
                errors.append(f"{where}: {key} is empty")

        role_skills = role["skills"]
        if not MIN_SKILLS <= len(role_skills) <= MAX_SKILLS:
            errors.append(f"{where}: has {len(role_skills)} skills, want {MIN_SKILLS}-{MAX_SKILLS}")
        importance: dict[str, int] = {}
        for req in role_skills:
            sid, level, imp = req["skill"], req["level"], req["importance"]
            if sid not in known_skills:
                errors.append(f"{where}: unknown skill {sid!r}")
            if sid in importance:
                errors.append(f"{where}: skill {sid!r} listed twice")
            if not (isinstance(level, int) and 0 <= level <= 100):
                errors.append(f"{where}: {sid} level {level!r} not an integer 0-100")
            if not (isinstance(imp, int) and 1 <= imp <= 5):
                errors.append(f"{where}: {sid} importance {imp!r} not an integer 1-5")
            importance[sid] = imp

        flagged = [
            r
            for r in tech_by_code.get(code, [])
            if r["hot_technology"] == "Y" or r["in_demand"] == "Y"
        ]
        if not flagged:
            errors.append(f"{where}: no hot or in-demand technologies for {code}")

        def sort_key(row: dict[str, str], _imp: dict[str, int] = importance) -> tuple:
            matched = matching_skills(row["technology"], patterns, overrides)
            relevance = max((_imp.get(s, 0) for s in matched), default=0)
            return (
                row["in_demand"] != "Y",
                -relevance,
                not matched,
                row["hot_technology"] != "Y",
                row["technology"].casefold(),
                row["technology"],
            )

        technologies = [
            {
                "name": r["technology"],
                "category": r["category"],
                "hot": r["hot_technology"] == "Y",
                "in_demand": r["in_demand"] == "Y",
                "skills": matching_skills(r["technology"], patterns, overrides),
            }
            for r in sorted(flagged, key=sort_key)[:limit]
        ]

        roles_out.append(
            {
                "id": rid,
                "title": role["title"],
                "onet_code": code,
                "onet_title": occupations[code],
                "description": role["description"],
                "skills": [
                    {"skill": r["skill"], "level": r["level"], "importance": r["importance"]}
                    for r in role_skills
                ],
                "technologies": technologies,
            }
        )

    if errors:
        raise SpecError("\n".join(errors))
    return {"version": 1, "roles": roles_out}


def render(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--skills", type=Path, default=CATALOG / "skills.json")
    parser.add_argument("--onet-dir", type=Path, default=ONET)
    parser.add_argument("--out", type=Path, default=CATALOG / "roles.json")
    parser.add_argument("--check", action="store_true", help="exit 1 if --out is not up to date")
    args = parser.parse_args(argv)

    spec = json.loads(args.spec.read_text(encoding="utf-8"))
    skills_doc = json.loads(args.skills.read_text(encoding="utf-8"))
    try:
        text = render(build(spec, skills_doc, args.onet_dir))
    except SpecError as exc:
        print(f"roles spec is invalid:\n{exc}", file=sys.stderr)
        return 2

    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date; run tools/build_catalog_roles.py", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0

    args.out.write_text(text, encoding="utf-8", newline="\n")
    n_roles = len(json.loads(text)["roles"])
    shown = args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out
    print(f"wrote {shown} ({n_roles} roles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
