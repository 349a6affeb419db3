"""The learner's own videos: local files, folders imported as courses, links; and playlists.

Items a learner adds belong to their profile (``ContentItem.profile_id``). A folder becomes a
:class:`Course` whose items follow the natural order of the file names ("2 intro" before
"10 outro"). Links are either a direct video stream (plays in CareerDesk) or a web page such
as YouTube (opens in the browser, marked watched by hand). :meth:`ContentLibraryService.
playlist` and :meth:`~ContentLibraryService.entries` give the player what it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy import select

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.player.events import ContentLibraryChanged
from careerdesk.core.player.library_files import (
    apply_media_info,
    clean_title,
    existing_video_file,
    next_loose_position,
    title_from_url,
    url_host,
    video_files,
)
from careerdesk.core.player.library_tags import LibraryTagging, own_item
from careerdesk.core.player.media import (
    KIND_PAGE,
    KIND_STREAM,
    KIND_VIDEO,
    SOURCE_PAGE,
    VIDEO_EXTENSIONS,
    classify_url,
    is_page_host,
    title_from_file_name,
    validate_url,
)
from careerdesk.core.player.probe import MediaInfo, MediaProber
from careerdesk.core.player.queries import CourseInfo, PlaylistEntry, course_info, load_entries
from careerdesk.core.player.service import VideoProgressService
from careerdesk.core.player.tagging import suggest_skills
from careerdesk.core.reference.catalog import Catalog
from careerdesk.core.skills import ledger
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.content import ContentItem, Course


class TaggedFile(BaseModel):
    """One imported file and the skills it is tagged with."""

    content_id: int
    title: str
    path: str
    skills: list[str]
    suggested: bool  # True: suggested from its names and metadata (not yet confirmed)
    new: bool


class FolderImport(BaseModel):
    """What importing a folder did: the course, how many items were new, and their skills."""

    course: CourseInfo
    added: int
    already_there: int
    items: list[TaggedFile] = []


class ContentLibraryService(LibraryTagging):
    """Add, list and remove the learner's own items; build playlists with progress."""

    def __init__(
        self,
        db: Database,
        bus: EventBus,
        progress: VideoProgressService,
        clock: Clock | None = None,
        catalog: Catalog | None = None,
        *,
        prober: MediaProber,
    ) -> None:
        self.db = db
        self.bus = bus
        self.progress = progress
        self.prober = prober
        self.clock = clock or SystemClock()
        self._catalog = catalog

    def _probe_new(self, profile_id: int, root: Path, files: list[Path]) -> dict[str, MediaInfo]:
        """Probe the files of ``root`` that are not in its course yet, before the write
        lock is taken (each probe decodes a picture; docs/player.md)."""
        with self.db.read() as s:
            known = set(
                s.scalars(
                    select(ContentItem.local_path)
                    .join(Course, ContentItem.course_id == Course.id)
                    .where(Course.profile_id == profile_id, Course.source_path == str(root))
                )
            )
        return {str(f): self.prober.probe(f) for f in files if str(f) not in known}

    def add_file(
        self,
        profile_id: int,
        path: str | Path,
        title: str | None = None,
        *,
        skills: Sequence[str] | None = None,
    ) -> PlaylistEntry:
        """Add one local video file (the same file twice gives back the existing item).

        A new item is tagged with ``skills`` when given (catalogue ids, checked first), else
        with the skills suggested from its name, title metadata and folder; its duration and
        ``est_hours`` come from the file when the media prober can read it. An existing item
        keeps its tags unless ``skills`` is given.
        """
        file = existing_video_file(Path(path))
        given = self.check_skills(skills) if skills is not None else None
        info = self.prober.probe(file)  # before the write lock: a probe decodes a picture
        with self.db.session() as s:
            existing = s.scalar(
                select(ContentItem).where(
                    ContentItem.profile_id == profile_id, ContentItem.local_path == str(file)
                )
            )
            studied: list[ledger.NewEvidence] = []
            if existing is not None:
                item_id, created = existing.id, False
                if given is not None and list(existing.skills or []) != given:
                    existing.skills = given
                    studied = self._restudy(s, profile_id, existing.id)
                    created = True  # changed: tell the library views
            else:
                tags = given
                if tags is None:
                    tags = suggest_skills(file, title=info.title, catalog=self.catalog)
                item = ContentItem(
                    profile_id=profile_id,
                    kind=KIND_VIDEO,
                    title=clean_title(title, title_from_file_name(file.name)),
                    local_path=str(file),
                    provider="My files",
                    skills=tags,
                    position=next_loose_position(s, profile_id),
                )
                apply_media_info(item, info.duration_s)
                s.add(item)
                s.flush()
                item_id, created = item.id, True
        if created:
            self.bus.publish(ContentLibraryChanged(profile_id=profile_id))
        self._publish_study(profile_id, studied)
        return self.entries(profile_id, [item_id])[0]

    def import_folder(
        self,
        profile_id: int,
        folder: str | Path,
        title: str | None = None,
        *,
        skills: Sequence[str] | None = None,
    ) -> FolderImport:
        """Import the videos in ``folder`` (and its subfolders) as one ordered course.

        Files are ordered naturally by their path ("2 intro" before "10 outro"). Importing
        the same folder again adds new files and re-orders, keeping existing items, their
        progress and their tags. New files are tagged with the skills suggested from their
        names, title metadata and folders; ``skills`` (catalogue ids, checked before anything
        is written) tags every file of the folder instead. Raises NotFoundError for a missing
        folder and ValidationError when it holds no videos.
        """
        given = self.check_skills(skills) if skills is not None else None
        root = Path(folder).expanduser()
        if not root.exists():
            raise NotFoundError(f"The folder {root} does not exist (moved or renamed?).")
        if not root.is_dir():
            raise ValidationError(f"{root} is a file, not a folder: use Add video file… for it.")
        root = root.resolve()
        files = video_files(root)
        if not files:
            kinds = ", ".join(sorted(VIDEO_EXTENSIONS)[:8])
            raise ValidationError(
                f"No video files in {root} or its subfolders (looked for {kinds} …)."
            )
        infos = self._probe_new(profile_id, root, files)
        with self.db.session() as s:
            course = s.scalar(
                select(Course).where(
                    Course.profile_id == profile_id, Course.source_path == str(root)
                )
            )
            if course is None:
                course = Course(
                    profile_id=profile_id,
                    title=clean_title(title, root.name or str(root)),
                    source_path=str(root),
                )
                s.add(course)
                s.flush()
            elif title:
                course.title = clean_title(title, course.title)
            items = {
                i.local_path: i
                for i in s.scalars(select(ContentItem).where(ContentItem.course_id == course.id))
            }
            added = 0
            tagged: list[tuple[ContentItem, bool, bool]] = []  # item, suggested, new
            retagged: list[int] = []
            for position, file in enumerate(files):
                item = items.get(str(file))
                if item is None:
                    added += 1
                    info = infos.get(str(file)) or self.prober.probe(file)
                    tags = given
                    if tags is None:
                        tags = suggest_skills(
                            file, root=root, title=info.title, catalog=self.catalog
                        )
                    item = ContentItem(
                        profile_id=profile_id,
                        kind=KIND_VIDEO,
                        title=title_from_file_name(file.name),
                        local_path=str(file),
                        provider=course.title,
                        skills=tags,
                        course_id=course.id,
                    )
                    apply_media_info(item, info.duration_s)
                    s.add(item)
                    tagged.append((item, given is None, True))
                else:
                    if given is not None and list(item.skills or []) != given:
                        item.skills = given
                        retagged.append(item.id)
                    tagged.append((item, False, False))
                item.position = position
            # Files no longer in the folder keep their place after the ones found, with
            # their progress; playing them says the file is missing.
            known = {str(f) for f in files}
            gone = sorted((i for p, i in items.items() if p not in known), key=lambda i: i.position)
            for offset, item in enumerate(gone):
                item.position = len(files) + offset
            s.flush()
            studied = [e for cid in retagged for e in self._restudy(s, profile_id, cid)]
            course_id = course.id
            report = [
                TaggedFile(
                    content_id=item.id,
                    title=item.title,
                    path=item.local_path or "",
                    skills=[str(k) for k in (item.skills or [])],
                    suggested=suggested,
                    new=new,
                )
                for item, suggested, new in tagged
            ]
        course_info_ = self.course(profile_id, course_id)
        self.bus.publish(ContentLibraryChanged(profile_id=profile_id, course_id=course_id))
        self._publish_study(profile_id, studied)
        return FolderImport(
            course=course_info_, added=added, already_there=len(files) - added, items=report
        )

    def add_url(
        self,
        profile_id: int,
        url: str,
        title: str | None = None,
        *,
        as_page: bool | None = None,
    ) -> PlaylistEntry:
        """Add a link: a direct video stream, or a web page opened in the browser.

        ``as_page`` None decides from the address (known video sites and links without a
        video extension are pages); the learner may insist a link is a stream, but a link to
        YouTube and similar sites is always a page, because it is never a playable stream.
        """
        cleaned = validate_url(url)
        if as_page is None:
            page = classify_url(cleaned) == SOURCE_PAGE
        else:
            page = as_page or is_page_host(cleaned)
        kind = KIND_PAGE if page else KIND_STREAM
        with self.db.session() as s:
            existing = s.scalar(
                select(ContentItem).where(
                    ContentItem.profile_id == profile_id,
                    ContentItem.url == cleaned,
                    ContentItem.course_id.is_(None),
                )
            )
            if existing is not None:
                existing.kind = kind
                item_id = existing.id
            else:
                item = ContentItem(
                    profile_id=profile_id,
                    kind=kind,
                    title=clean_title(title, title_from_url(cleaned)),
                    url=cleaned,
                    provider=url_host(cleaned),
                    skills=[],
                    position=next_loose_position(s, profile_id),
                )
                s.add(item)
                s.flush()
                item_id = item.id
        self.bus.publish(ContentLibraryChanged(profile_id=profile_id))
        return self.entries(profile_id, [item_id])[0]

    def relocate(self, profile_id: int, content_id: int, path: str | Path) -> PlaylistEntry:
        """Point an item whose file moved at its new place; clears its media error."""
        file = existing_video_file(Path(path))
        with self.db.session() as s:
            item = own_item(s, profile_id, content_id)
            if item.local_path is None:
                raise ValidationError(f"“{item.title}” is a link, not a file on this computer.")
            item.local_path = str(file)
        self.progress.flag_media_error(profile_id, content_id, None)
        self.bus.publish(ContentLibraryChanged(profile_id=profile_id))
        return self.entries(profile_id, [content_id])[0]

    # -- removing --------------------------------------------------------------------------
    def remove(self, profile_id: int, content_id: int) -> str:
        """Remove one of the learner's items and its progress (files are never deleted)."""
        with self.db.session() as s:
            item = own_item(s, profile_id, content_id)
            title, course_id = item.title, item.course_id
            s.delete(item)
        self.bus.publish(ContentLibraryChanged(profile_id=profile_id, course_id=course_id))
        return title

    def remove_course(self, profile_id: int, course_id: int) -> str:
        """Remove a course, its items and their progress (files are never deleted)."""
        with self.db.session() as s:
            course = s.get(Course, course_id)
            if course is None or course.profile_id != profile_id:
                raise NotFoundError(f"No course {course_id} for this profile.")
            title = course.title
            for item in s.scalars(select(ContentItem).where(ContentItem.course_id == course_id)):
                s.delete(item)
            s.delete(course)
        self.bus.publish(ContentLibraryChanged(profile_id=profile_id, course_id=course_id))
        return title

    # -- manual marking --------------------------------------------------------------------
    def set_state(self, profile_id: int, content_id: int, state: str) -> PlaylistEntry:
        """Mark watched (DONE) or not watched (NOT_STARTED); see VideoProgressService."""
        self.progress.set_state(profile_id, content_id, state)
        return self.entries(profile_id, [content_id])[0]

    # -- reading ---------------------------------------------------------------------------
    def courses(self, profile_id: int) -> list[CourseInfo]:
        with self.db.read() as s:
            ids = s.scalars(
                select(Course.id).where(Course.profile_id == profile_id).order_by(Course.id)
            ).all()
            return [course_info(s, profile_id, cid) for cid in ids]

    def course(self, profile_id: int, course_id: int) -> CourseInfo:
        with self.db.read() as s:
            course = s.get(Course, course_id)
            if course is None or course.profile_id != profile_id:
                raise NotFoundError(f"No course {course_id} for this profile.")
            return course_info(s, profile_id, course_id)

    def playlist(self, profile_id: int, course_id: int | None = None) -> list[PlaylistEntry]:
        """The learner's items in play order: one course, or everything they added.

        Everything: single files and links first (in the order added), then each course in
        the order imported, its items in course order.
        """
        with self.db.read() as s:
            query = select(ContentItem.id).where(ContentItem.profile_id == profile_id)
            if course_id is not None:
                query = query.where(ContentItem.course_id == course_id)
            ids = list(s.scalars(query))
            entries = load_entries(s, profile_id, ids)
        return sorted(
            entries.values(),
            key=lambda e: (e.course_id is not None, e.course_id or 0, e.position, e.content_id),
        )

    def entries(self, profile_id: int, content_ids: list[int]) -> list[PlaylistEntry]:
        """Entries for the given ids in that order (e.g. a learning path's items).

        Ids that do not exist or belong to another learner are left out.
        """
        with self.db.read() as s:
            found = load_entries(s, profile_id, list(dict.fromkeys(content_ids)))
        return [found[cid] for cid in content_ids if cid in found]
