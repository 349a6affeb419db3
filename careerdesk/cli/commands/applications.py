"""Job applications from the command line.

- ``careerdesk applications list --profile NAME [--state S] [--search TEXT] [--json]``
- ``careerdesk import applications FILE.csv|FILE.json --profile NAME [--skip-invalid]
  [--map COLUMN=FIELD]… [--status VALUE=STATE]… [--encoding NAME] [--date-order ORDER]``
- ``careerdesk export applications --profile NAME --format json|csv --output FILE``

Exit codes: 0 done; 2 refused (bad file, invalid rows in all-or-nothing mode, unknown
profile), with every problem on stderr and nothing changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from careerdesk.cli.common import add_profile_arg, open_app, print_json, profile_of
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.pipeline.io.columns import FIELD_LABELS
from careerdesk.core.pipeline.io.service import PipelineTransfer
from careerdesk.core.pipeline.models import ApplicationFilter
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State, coerce_state, state_from_text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("applications", help="list a profile's job applications")
    psub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    ls = psub.add_parser("list", help="list applications, most recently changed first")
    add_profile_arg(ls)
    ls.add_argument("--state", action="append", metavar="STATE", help="only this state (repeat)")
    ls.add_argument("--search", default="", metavar="TEXT", help="words in company/title/location")
    ls.add_argument("--active", action="store_true", help="only applications still open")
    ls.add_argument("--json", action="store_true", help="print JSON")
    ls.set_defaults(func=_list)


def register_import(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser(
        "applications",
        help="import applications from a CSV (spreadsheet) or a CareerDesk JSON export",
        description=(
            "Import applications. CSV headers are matched case- and accent-insensitively with "
            "the names other trackers and spreadsheets use; stage dates (applied, interview, "
            "offer, rejected…) become the application's dated history and columns without a "
            "field are kept as imported fields. Any invalid row means nothing is imported "
            "(exit 2) unless --skip-invalid. Rows already imported are skipped, so re-running "
            "is safe."
        ),
    )
    p.add_argument("file", type=Path, metavar="FILE", help="a .csv file, or a .json export")
    add_profile_arg(p)
    p.add_argument(
        "--skip-invalid", action="store_true", help="import the valid rows, report the rest"
    )
    p.add_argument(
        "--date-order",
        choices=("auto", "dmy", "mdy"),
        default="auto",
        help="how to read numeric dates like 03/04/2026 (default: settled by the file, "
        "day first when nothing settles it)",
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="read COLUMN as FIELD (e.g. --map 'Found on=source', --map 'Fit=keep', "
        "--map 'Internal id=ignore'); repeat for more columns. FIELD: " + ", ".join(FIELD_LABELS),
    )
    p.add_argument(
        "--status",
        action="append",
        default=[],
        metavar="VALUE=STATE",
        help="read the status VALUE as STATE (e.g. --status 'Pending review=APPLIED'); repeat",
    )
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help="the file's text encoding (default: detected; e.g. utf-16, windows-1252)",
    )
    p.set_defaults(func=_import)


def _pairs(values: list[str], option: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for text in values:
        left, sep, right = text.rpartition("=")
        if not sep or not left.strip() or not right.strip():
            raise UserError(f"{option} wants NAME=VALUE, got {text!r}.")
        out[left.strip()] = right.strip()
    return out


def register_export(kinds: argparse._SubParsersAction) -> None:
    p = kinds.add_parser(
        "applications",
        help="export applications as lossless JSON or a spreadsheet CSV",
    )
    add_profile_arg(p)
    p.add_argument("--format", choices=("json", "csv"), help="default: from the file extension")
    p.add_argument("--output", type=Path, required=True, metavar="FILE")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(func=_export)


def _list(args: argparse.Namespace) -> int:
    states: list[State] = []
    for text in args.state or []:
        found = state_from_text(text)
        states.append(found if found is not None else coerce_state(text))
    with open_app() as app:
        profile = profile_of(app, args.profile)
        rows = app.service(ApplicationService).list(
            profile.id,
            ApplicationFilter(states=states or None, text=args.search, active_only=args.active),
        )
    if args.json:
        print_json([r.model_dump(mode="json") for r in rows])
    elif not rows:
        print("No applications match.")
    for r in [] if args.json else rows:
        applied = r.applied_on.isoformat() if r.applied_on else "-"
        print(f"{r.id}\t{r.state.label}\t{applied}\t{r.company}\t{r.title}\t{r.next_action}")
    return 0


def _import(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        transfer = app.service(PipelineTransfer)
        report = transfer.import_file(
            profile.id,
            args.file,
            skip_invalid=args.skip_invalid,
            date_order=args.date_order,
            overrides=_pairs(args.map, "--map"),
            statuses=_pairs(args.status, "--status"),
            encoding=args.encoding,
        )
    print(report.summary())
    for line in report.lines()[1:]:
        print(f"  {line}", file=sys.stderr if line.startswith(("line", "application")) else None)
    return 0


def _export(args: argparse.Namespace) -> int:
    output: Path = args.output.expanduser()
    fmt = args.format or output.suffix.lower().lstrip(".")
    if fmt not in ("json", "csv"):
        raise UserError("Say --format json or --format csv (or name the file .json or .csv).")
    if output.exists() and not args.force:
        raise UserError(f"{output} already exists; choose another name or add --force.")
    with open_app() as app:
        profile = profile_of(app, args.profile)
        count = app.service(PipelineTransfer).export(profile.id, output, fmt)
    print(f"Exported {count} application(s) of {profile.name} to {output} ({fmt}).")
    return 0
