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
    _skills_arg(ad, "tag the file with these skills instead of the suggested ones")
    kind = ad.add_mutually_exclusive_group()
    kind.add_argument("--page", action="store_true", help="the link is a web page (browser)")
    kind.add_argument("--stream", action="store_true", help="the link is a video file")
    ad.set_defaults(func=_add)
    im = vsub.add_parser("import-folder", help="import a folder of videos as an ordered course")
    add_profile_arg(im)
    im.add_argument("folder")
    im.add_argument("--title")
    _skills_arg(im, "tag every file with these skills instead of the suggested ones")
    im.add_argument("--json", action="store_true")
    im.set_defaults(func=_import)
    tg = vsub.add_parser("tag", help="set the skills a video of yours teaches")
    add_profile_arg(tg)
    tg.add_argument("content_id", type=int)
    _skills_arg(tg, "the skills (empty to clear them)", required=True)
    tg.set_defaults(func=_tag)
    mk = vsub.add_parser("mark", help="mark an item watched or not watched")
    add_profile_arg(mk)
    mk.add_argument("content_id", type=int)
    mk.add_argument("state", choices=sorted(MARKS))
    mk.set_defaults(func=_mark)


def _skills_arg(p: argparse.ArgumentParser, text: str, *, required: bool = False) -> None:
    p.add_argument(
        "--skills",
        metavar="ID,ID",
        required=required,
        help=f"{text}: catalogue skill ids, comma-separated (listed by `careerdesk catalog`)",
    )


def _skills_of(raw: str | None) -> list[str] | None:
    return None if raw is None else [k for k in raw.split(",") if k.strip()]


def _tags(skills: list[str]) -> str:
    return ", ".join(skills) if skills else "(no skills found: tag it with --skills)"


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
            entry = library.add_file(
                profile.id, Path(args.source), args.title, skills=_skills_of(args.skills)
            )
        how = "plays in CareerDesk" if entry.playable else "opens in the browser"
        print(f"Added {entry.content_id}: {entry.title} ({how}).")
        if entry.source != "page" and "://" not in args.source:
            said = "skills" if args.skills is not None else "suggested skills"
            print(f"  {said}: {_tags(entry.skills)}")
    return 0


def _import(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        result = app.service(ContentLibraryService).import_folder(
            profile.id, Path(args.folder), args.title, skills=_skills_of(args.skills)
        )
        if args.json:
            print_json(result.model_dump(mode="json"))
            return 0
        print(
            f"Course {result.course.id} “{result.course.title}”: {result.added} new video(s), "
            f"{result.already_there} already there."
        )
        for item in result.items:
            said = "suggested" if item.suggested else "skills"
            print(f"{item.content_id}\t{item.title}\t{said}: {_tags(item.skills)}")
        if any(i.suggested for i in result.items):
            print("Change a video's skills with: careerdesk videos tag ID --skills a,b")
    return 0


def _tag(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        entry = app.service(ContentLibraryService).set_skills(
            profile.id, args.content_id, _skills_of(args.skills) or []
        )
        print(f"{entry.content_id}\t{entry.title}\tskills: {', '.join(entry.skills) or '-'}")
    return 0


def _mark(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        entry = app.service(ContentLibraryService).set_state(
            profile.id, args.content_id, MARKS[args.state]
        )
        print(f"{entry.title}: {entry.state}")
    return 0
