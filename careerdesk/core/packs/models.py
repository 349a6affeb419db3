"""The pack manifest ``careerdesk-pack.json`` and what the pack service returns.

The manifest format, with an example, is in docs/packs.md. Field names are the ones a pack
author writes; ``license`` is accepted for ``licence``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, model_validator

MANIFEST_NAME = "careerdesk-pack.json"

Level = Literal["beginner", "intermediate", "advanced"]
PlaysIn = Literal["player", "browser", "document"]


class PackItemSpec(BaseModel):
    """One item of a pack: a file inside the pack (``file``) or a web address (``url``)."""

    model_config = ConfigDict(extra="forbid")

    file: str | None = Field(default=None, min_length=1, max_length=500)
    url: str | None = Field(default=None, min_length=1, max_length=2000)
    title: str = Field(min_length=1, max_length=300)
    skills: list[str] = Field(min_length=1, max_length=20)
    level: Level = "beginner"
    duration_s: float | None = Field(default=None, gt=0, le=48 * 3600)
    order: int | None = Field(default=None, ge=0, le=1_000_000)
    description: str = Field(default="", max_length=4000)

    @model_validator(mode="after")
    def _one_source(self) -> PackItemSpec:
        if (self.file is None) == (self.url is None):
            raise ValueError("give either 'file' (a path inside the pack) or 'url', not both")
        return self


class PackManifest(BaseModel):
    """The whole manifest."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    title: str = Field(min_length=1, max_length=300)
    author: str = Field(min_length=1, max_length=300)
    licence: str = Field(
        min_length=1, max_length=300, validation_alias=AliasChoices("licence", "license")
    )
    description: str = Field(default="", max_length=4000)
    version: str = Field(default="", max_length=50)
    items: list[PackItemSpec] = Field(min_length=1, max_length=2000)


class PackInfo(BaseModel):
    """An installed pack, as listed."""

    id: int
    key: str  # sha256 of the manifest and the files: the pack's identity
    title: str
    author: str
    licence: str
    version: str = ""
    items: int
    videos: int
    folder: str  # where its files are, inside the data folder
    size_bytes: int
    imported_at: datetime
    source_name: str = ""


class PackImport(BaseModel):
    """What an import did: ``created`` False means the same pack was already installed."""

    pack: PackInfo
    created: bool
    files_restored: int = 0  # files put back into the data folder for an installed pack

    def summary(self) -> str:
        p = self.pack
        if not self.created:
            extra = (
                f"; {self.files_restored} missing file(s) put back in the data folder"
                if self.files_restored
                else ""
            )
            return f"“{p.title}” by {p.author} is already installed (nothing added{extra})."
        return (
            f"Installed “{p.title}” by {p.author}: {p.items} item(s), {p.videos} video(s), "
            f"for every profile on this computer."
        )
