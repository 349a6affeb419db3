"""``careerdesk content import|list|export``: content packs for the whole installation.

A pack (docs/packs.md) is a folder or ``.zip`` with a ``careerdesk-pack.json`` manifest; it is
imported once and shared by every profile. Bad input exits 2 with every problem listed and
nothing imported.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from careerdesk.cli.common import open_app, print_json
from careerdesk.core.packs.service import PackService


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "content", help="import, list or export content packs (videos for every profile)"
    )
    csub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    im = csub.add_parser("import", help="install a pack: its folder, manifest or .zip")
    im.add_argument("path", help="the pack's folder, its careerdesk-pack.json, or a .zip")
    im.set_defaults(func=_import)
    ls = csub.add_parser("list", help="the installed packs")
    ls.add_argument("--json", action="store_true", help="print JSON")
    ls.set_defaults(func=_list)
    ex = csub.add_parser("export", help="write an installed pack to a folder or a .zip")
    ex.add_argument("pack", help="the pack's number or title (see: careerdesk content list)")
    ex.add_argument("dest", help="a new folder, or a file name ending in .zip")
    ex.set_defaults(func=_export)


def _import(args: argparse.Namespace) -> int:
    with open_app() as app:
        result = app.service(PackService).import_pack(Path(args.path))
        print(result.summary())
        print(
            f"Its files are kept in CareerDesk's data folder: {app.paths.data_dir}/"
            f"{result.pack.folder}"
        )
    return 0


def _list(args: argparse.Namespace) -> int:
    with open_app() as app:
        packs = app.service(PackService).list_packs()
    if args.json:
        print_json([p.model_dump(mode="json") for p in packs])
    elif not packs:
        print("No content packs installed. Install one with: careerdesk content import PATH")
    else:
        for p in packs:
            size = p.size_bytes / 1_000_000
            print(
                f"{p.id}\t{p.title}\tby {p.author}\t{p.items} item(s), {p.videos} video(s), "
                f"{size:.1f} MB\t{p.licence}\timported {p.imported_at:%Y-%m-%d}"
            )
    return 0


def _export(args: argparse.Namespace) -> int:
    with open_app() as app:
        service = app.service(PackService)
        info = service.find(args.pack)
        written = service.export_pack(str(info.id), Path(args.dest))
        print(f"Exported “{info.title}” ({info.items} item(s)) to {written}")
    return 0
