"""Résumés from the command line (docs/resumes.md).

- ``careerdesk resume import FILE --profile NAME [--name LABEL]``: add a version (PDF, DOCX,
  TXT/MD); the file is copied into the data folder.
- ``careerdesk resume list --profile NAME [--json]``
- ``careerdesk resume match --profile NAME (--application ID | --posting FILE)
  [--resume LABEL] [--json]``: the match report (score, found, missing,
  shown_not_mentioned, claimed_without_evidence, checks).
- ``careerdesk resume attach --profile NAME --application ID [--resume LABEL]``: freeze a
  version as the one sent with the application.
- ``careerdesk resume cover-letter --profile NAME --application ID [--resume LABEL]
  [--no-ai] [--out FILE.docx|FILE.pdf|FILE.txt]``: a draft (never sent).
- ``careerdesk resume export --profile NAME [--resume LABEL] --out FILE.docx|FILE.pdf``

Exit codes: 0 done; 2 refused (unreadable file, unknown profile, version or application,
label in use), with the reason on stderr and nothing changed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from careerdesk.cli.common import add_profile_arg, open_app, print_json, profile_of
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.resumes.models import MatchReport, PostingSkills
from careerdesk.core.resumes.service import ResumeService


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("resume", help="résumé versions, match reports, cover letters")
    rsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")

    imp = rsub.add_parser("import", help="add a résumé version from a PDF, DOCX or text file")
    imp.add_argument("file", metavar="FILE")
    add_profile_arg(imp)
    imp.add_argument("--name", metavar="LABEL", help="the version's name (default: file + date)")
    imp.add_argument("--json", action="store_true", help="print JSON")
    imp.set_defaults(func=_import)

    ls = rsub.add_parser("list", help="the profile's résumé versions, newest first")
    add_profile_arg(ls)
    ls.add_argument("--json", action="store_true", help="print JSON")
    ls.set_defaults(func=_list)

    match = rsub.add_parser("match", help="match a résumé against a posting")
    add_profile_arg(match)
    target = match.add_mutually_exclusive_group(required=True)
    target.add_argument("--application", type=int, metavar="ID", help="an application's posting")
    target.add_argument("--posting", metavar="FILE", help="a posting file (.txt, .html, .pdf)")
    match.add_argument("--resume", metavar="LABEL", help="the version (default: newest)")
    match.add_argument("--json", action="store_true", help="print JSON")
    match.set_defaults(func=_match)

    att = rsub.add_parser("attach", help="freeze a version as the one sent with an application")
    add_profile_arg(att)
    att.add_argument("--application", type=int, required=True, metavar="ID")
    att.add_argument("--resume", metavar="LABEL", help="the version (default: newest)")
    att.set_defaults(func=_attach)

    cl = rsub.add_parser("cover-letter", help="draft a cover letter for an application")
    add_profile_arg(cl)
    cl.add_argument("--application", type=int, required=True, metavar="ID")
    cl.add_argument("--resume", metavar="LABEL", help="the version (default: newest)")
    cl.add_argument("--no-ai", action="store_true", help="the offline template, even with a key")
    cl.add_argument("--out", metavar="FILE", help="also write it (.txt, .docx or .pdf)")
    cl.set_defaults(func=_cover_letter)

    ex = rsub.add_parser("export", help="write a version as DOCX or PDF")
    add_profile_arg(ex)
    ex.add_argument("--resume", metavar="LABEL", help="the version (default: newest)")
    ex.add_argument("--out", required=True, metavar="FILE", help="a .docx or .pdf path")
    ex.set_defaults(func=_export)


def _which(label: str | None) -> str | None:
    return label.strip() if label and label.strip() else None


def _out_path(value: str, allowed: tuple[str, ...]) -> Path:
    path = Path(value).expanduser()
    if path.suffix.lower() not in allowed:
        raise UserError(f"{path.name}: write to a {' or '.join(allowed)} file.")
    if not path.parent.is_dir():
        raise UserError(f"{path.parent} is not a folder.")
    return path


def _import(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        version = app.service(ResumeService).import_file(
            profile.id, Path(args.file).expanduser(), args.name
        )
    if args.json:
        print_json(version.model_dump(mode="json", exclude={"text"}))
    else:
        size = f"{len(version.text):,} characters"
        print(f"Imported {version.source_name} as {version.label!r} ({size}).")
    return 0


def _list(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        versions = app.service(ResumeService).versions(profile.id)
    if args.json:
        print_json([v.model_dump(mode="json", exclude={"text"}) for v in versions])
        return 0
    if not versions:
        print("No résumé yet: careerdesk resume import FILE --profile NAME")
    for v in versions:
        made = v.created_at.date().isoformat()
        extra = f" for application {v.application_id}" if v.application_id else ""
        print(f"{v.id:>4}  {made}  {v.kind:<8}  {v.label}{extra}")
    return 0


def _posting(svc: ResumeService, profile_id: int, args: argparse.Namespace) -> PostingSkills:
    if args.application is not None:
        return svc.posting_of_application(profile_id, args.application)
    return svc.posting_from_file(Path(args.posting).expanduser())


def _print_report(r: MatchReport) -> None:
    print(f"{r.resume_label} against {r.posting}")
    print(f"Score: {r.score if r.score is not None else '-'}  ({r.formula})")
    for title, hits in (("Found", r.found), ("Missing", r.missing)):
        names = [f"{h.name}{'' if h.required else ' (preferred)'}" for h in hits]
        print(f"{title + ':':<9}{', '.join(names) or '-'}")
    shown = [f"{s.name} ({s.level:.0f})" for s in r.shown_not_mentioned]
    print(f"Shown but not mentioned: {', '.join(shown) or '-'}")
    claims = [c.name for c in r.claimed_without_evidence]
    print(f"Claimed without evidence: {', '.join(claims) or '-'}")
    for c in r.checks:
        print(f"  [{'x' if c.passed else ' '}] {c.label}: {c.detail}")


def _match(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        svc = app.service(ResumeService)
        report = svc.match(profile.id, _posting(svc, profile.id, args), _which(args.resume))
    if args.json:
        print_json(report)
    else:
        _print_report(report)
    return 0


def _attach(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        svc = app.service(ResumeService)
        version = svc.version(profile.id, _which(args.resume))
        svc.attach(profile.id, args.application, version.id)
    print(f"Application {args.application} now keeps {version.label!r} as the résumé sent.")
    return 0


def _cover_letter(args: argparse.Namespace) -> int:
    out = _out_path(args.out, (".txt", ".docx", ".pdf")) if args.out else None
    with open_app() as app:
        profile = profile_of(app, args.profile)
        letter = app.service(ResumeService).cover_letter(
            profile.id, args.application, _which(args.resume), use_ai=not args.no_ai
        )
    print(letter.text)
    if letter.notice:
        print(f"\nNote: {letter.notice}")
    if out is not None:
        _write(letter.text, out)
        print(f"Written to {out}")
    return 0


def _write(text: str, out: Path) -> None:
    from careerdesk.core.kernel.files import atomic_write_text
    from careerdesk.render.resume_export import export

    if out.suffix.lower() == ".txt":
        atomic_write_text(out, text + "\n")
    else:
        export(text, out)


def _export(args: argparse.Namespace) -> int:
    out = _out_path(args.out, (".docx", ".pdf"))
    with open_app() as app:
        profile = profile_of(app, args.profile)
        version = app.service(ResumeService).version(profile.id, _which(args.resume))
    _write(version.text, out)
    print(f"Wrote {version.label!r} to {out}")
    return 0
