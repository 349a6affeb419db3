"""``careerdesk videos list|add|import-folder|mark``: a learner's own videos from the shell."""

from __future__ import annotations

import argparse
from pathlib import Path

from careerdesk.cli.common import add_profile_arg, open_app, print_json, profile_of
from careerdesk.core.player.library import ContentLibraryService
from careerdesk.core.player.rules import DONE, NOT_STARTED

MARKS = {"watched": DONE, "not-watched": NOT_STARTED}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("videos", help="list or add a learner's videos, import folders as courses")
    vsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    ls = vsub.add_parser("list", help="the learner's videos with their progress")
    add_profile_arg(ls)
    ls.add_argument("--course", type=int, metavar="ID", help="only this course")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=_list)
    ad = vsub.add_parser("add", help="add a video file or an http(s) link")
    add_profile_arg(ad)
    ad.add_argument("source", help="a video file, or an http(s) address")
    ad.add_argument("--title")
    kind = ad.add_mutually_exclusive_group()
    kind.add_argument("--page", action="store_true", help="the link is a web page (browser)")
    kind.add_argument("--stream", action="store_true", help="the link is a video file")
    ad.set_defaults(func=_add)
    im = vsub.add_parser("import-folder", help="import a folder of videos as an ordered course")
    add_profile_arg(im)
    im.add_argument("folder")
    im.add_argument("--title")
    im.set_defaults(func=_import)
    mk = vsub.add_parser("mark", help="mark an item watched or not watched")
    add_profile_arg(mk)
    mk.add_argument("content_id", type=int)
    mk.add_argument("state", choices=sorted(MARKS))
    mk.set_defaults(func=_mark)


def _list(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        entries = app.service(ContentLibraryService).playlist(profile.id, args.course)
        if args.json:
            print_json([e.model_dump(mode="json") for e in entries])
        elif not entries:
            print(f"{profile.name} has no videos yet. Add one with: careerdesk videos add …")
        else:
            for e in entries:
                flag = f"\t⚠ {e.media_error}" if e.media_error else ""
                course = e.course_title or "-"
                print(
                    f"{e.content_id}\t{e.state}\t{e.watched_fraction:4.0%}\t{course}\t{e.title}{flag}"
                )
    return 0


def _add(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        library = app.service(ContentLibraryService)
        if "://" in args.source:
            as_page = True if args.page else False if args.stream else None
            entry = library.add_url(profile.id, args.source, args.title, as_page=as_page)
        else:
            entry = library.add_file(profile.id, Path(args.source), args.title)
        how = "plays in CareerDesk" if entry.playable else "opens in the browser"
        print(f"Added {entry.content_id}: {entry.title} ({how}).")
    return 0


def _import(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        result = app.service(ContentLibraryService).import_folder(
            profile.id, Path(args.folder), args.title
        )
        print(
            f"Course {result.course.id} “{result.course.title}”: {result.added} new video(s), "
            f"{result.already_there} already there."
        )
    return 0


def _mark(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        entry = app.service(ContentLibraryService).set_state(
            profile.id, args.content_id, MARKS[args.state]
        )
        print(f"{entry.title}: {entry.state}")
    return 0
