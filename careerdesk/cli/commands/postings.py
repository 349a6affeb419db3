"""Job postings and company cards from the command line.

- ``careerdesk posting read FILE|- [--no-ai] [--json]``: what CareerDesk reads (saves nothing)
- ``careerdesk posting add FILE|- --profile NAME [--company C] [--title T] [--no-ai]
  [--allow-duplicate]``: read and save as a new application (for scripts; the GUI reviews
  first). FILE is a .txt, .html or .pdf posting; ``-`` reads text from standard input.
- ``careerdesk company list|show NAME|research NAME --profile NAME [--summary] [--github]
  [--refresh] [--json]``

Exit codes: 0 done; 2 refused (nothing useful in the posting, unreadable file, unknown
profile or company, rate limit), with the reason on stderr and nothing changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from careerdesk.cli.common import add_profile_arg, open_app, print_json, profile_of
from careerdesk.core.companies.models import CompanyCard
from careerdesk.core.companies.service import CompanyService
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.postings.models import PostingProposal
from careerdesk.core.postings.service import PostingService
from careerdesk.core.postings.text import clipboard_text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("posting", help="read a job posting into a new application")
    psub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    read = psub.add_parser("read", help="show what CareerDesk reads from a posting (saves nothing)")
    read.add_argument("file", metavar="FILE", help="a .txt, .html or .pdf file, or - for stdin")
    read.add_argument("--no-ai", action="store_true", help="rules only, even with a Gemini key")
    read.add_argument("--json", action="store_true", help="print JSON")
    read.set_defaults(func=_read)
    add = psub.add_parser("add", help="read a posting and save it as a new application")
    add.add_argument("file", metavar="FILE", help="a .txt, .html or .pdf file, or - for stdin")
    add_profile_arg(add)
    add.add_argument("--company", help="use this company instead of the one read")
    add.add_argument("--title", help="use this job title instead of the one read")
    add.add_argument("--no-ai", action="store_true", help="rules only, even with a Gemini key")
    add.add_argument("--allow-duplicate", action="store_true", help="save even if it exists")
    add.set_defaults(func=_add)

    c = sub.add_parser("company", help="company cards: list, show, research online")
    csub = c.add_subparsers(dest="action", required=True, metavar="ACTION")
    ls = csub.add_parser("list", help="companies you applied to, with card completeness")
    add_profile_arg(ls)
    ls.add_argument("--json", action="store_true", help="print JSON")
    ls.set_defaults(func=_company_list)
    show = csub.add_parser("show", help="one company's card")
    show.add_argument("name", metavar="NAME")
    add_profile_arg(show)
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=_company_show)
    research = csub.add_parser(
        "research", help="fetch a Gemini summary and/or GitHub languages (cached 30 days)"
    )
    research.add_argument("name", metavar="NAME")
    add_profile_arg(research)
    research.add_argument("--summary", action="store_true", help="the Gemini summary")
    research.add_argument("--github", action="store_true", help="the GitHub languages")
    research.add_argument("--refresh", action="store_true", help="ignore the 30-day cache")
    research.add_argument("--json", action="store_true", help="print JSON")
    research.set_defaults(func=_company_research)


def _proposal(svc: PostingService, file: str, no_ai: bool) -> PostingProposal:
    if file == "-":
        return svc.propose(clipboard_text(sys.stdin.read()), use_ai=not no_ai)
    return svc.propose_file(Path(file).expanduser(), use_ai=not no_ai)


def _describe(p: PostingProposal) -> str:
    salary = ""
    if p.salary_min is not None or p.salary_max is not None:
        salary = f"{p.salary_min or ''}–{p.salary_max or ''} {p.currency}".strip()
    lines = [
        f"Company:    {p.company or '-'}",
        f"Title:      {p.title or '-'}",
        f"Location:   {p.location or '-'}",
        f"Work mode:  {p.remote or '-'}",
        f"Salary:     {salary or '-'}",
        f"Apply by:   {p.deadline.isoformat() if p.deadline else '-'}",
        f"Link:       {p.posting_url or '-'}",
        f"Occupation: {f'{p.onet_title} ({p.onet_code})' if p.onet_code else '-'}",
        f"Required:   {', '.join(s.name for s in p.required) or '-'}",
        f"Preferred:  {', '.join(s.name for s in p.preferred) or '-'}",
        f"Tech:       {', '.join(p.technologies) or '-'}",
    ]
    if p.notice:
        lines.append(f"Note:       {p.notice}")
    return "\n".join(lines)


def _read(args: argparse.Namespace) -> int:
    with open_app() as app:
        proposal = _proposal(app.service(PostingService), args.file, args.no_ai)
    if args.json:
        print_json(proposal)
    else:
        print(_describe(proposal))
    return 0


def _add(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        svc = app.service(PostingService)
        proposal = _proposal(svc, args.file, args.no_ai)
        edits = {k: getattr(args, k).strip() for k in ("company", "title") if getattr(args, k)}
        proposal = proposal.model_copy(update=edits)
        detail = svc.save(profile.id, proposal, allow_duplicate=args.allow_duplicate)
    print(_describe(proposal))
    print(f"Saved application {detail.id}: {detail.company} — {detail.title} (Saved).")
    return 0


def _print_card(card: CompanyCard) -> None:
    f = card.fields
    print(f"{card.name} — card {card.completeness}% complete")
    for label, value in (
        ("Website", f.website),
        ("Industry", f.industry),
        ("Size", f.size),
        ("Location", f.location),
        ("GitHub", f.github_org or f"{card.suggested_org} (guessed)"),
    ):
        print(f"  {label + ':':10} {value or '-'}")
    for link in f.links:
        print(f"  Link:      {link}")
    print(f"  History:   {card.history_line()}")
    for h in card.history:
        print(f"    {h.application_id}\t{h.state.label}\t{h.title}")
    if card.tech_stack:
        print("  Stack:     " + ", ".join(f"{t.name} ({t.postings})" for t in card.tech_stack))
    if card.summary:
        print(f"  Summary (AI-generated by {card.summary.by}, {card.summary.at:%Y-%m-%d}):")
        print(f"    {card.summary.text}")
    if card.github:
        langs = ", ".join(f"{t.name} {t.postings}" for t in card.github.languages)
        print(f"  GitHub {card.github.org} ({card.github.at:%Y-%m-%d}): {langs or 'none'}")
    if card.unknown:
        print(f"  Unknown:   {', '.join(card.unknown)}")


def _company_list(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        items = app.service(CompanyService).companies(profile.id)
    if args.json:
        print_json(items)
        return 0
    if not items:
        print("No companies yet: add an application first.")
    for c in items:
        print(f"{c.applications}\t{c.completeness}%\t{c.name}")
    return 0


def _company_show(args: argparse.Namespace) -> int:
    with open_app() as app:
        card = app.service(CompanyService).card(profile_of(app, args.profile).id, args.name)
    print_json(card) if args.json else _print_card(card)
    return 0


def _company_research(args: argparse.Namespace) -> int:
    if not (args.summary or args.github):
        raise UserError("Say what to fetch: --summary, --github or both.")
    with open_app() as app:
        svc = app.service(CompanyService)
        pid = profile_of(app, args.profile).id
        card = svc.card(pid, args.name)
        problems: list[str] = []
        for wanted, call in ((args.summary, svc.summarise), (args.github, svc.fetch_languages)):
            if wanted:
                try:
                    card = call(pid, args.name, refresh=args.refresh)
                except UserError as exc:
                    problems.append(str(exc))
    print_json(card) if args.json else _print_card(card)
    if problems:
        raise UserError("\n".join(problems))
    return 0
