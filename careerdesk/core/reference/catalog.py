"""Read-only reference data shipped in ``careerdesk/resources/catalog``.

Skills, target roles (each with its expected skill profile, mapped to O*NET), the question bank,
learning content and the interest questionnaire. Every file is validated by pydantic when it
is loaded, and cross-references are checked, so a bad file fails at once with a message that
names the file and the item — never later with a KeyError in the middle of a quiz.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterable
from importlib.resources.abc import Traversable
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.reference.markup import fences_balanced

Difficulty = Literal["easy", "medium", "hard"]
Level = Literal["beginner", "intermediate", "advanced"]
ContentKind = Literal["video", "course", "article", "exercise"]
RiasecDimension = Literal["R", "I", "A", "S", "E", "C"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")


class CatalogError(UserError):
    """A shipped or user-supplied reference file is invalid; the message names file and item."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Skill(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    category: str = Field(min_length=1)
    description: str = Field(min_length=1)
    synonyms: tuple[str, ...] = ()


class RoleSkill(_Frozen):
    skill: str
    level: int = Field(ge=0, le=100)
    importance: int = Field(ge=1, le=5)


class Technology(_Frozen):
    name: str
    category: str = ""
    hot: bool = False
    in_demand: bool = False
    skills: tuple[str, ...] = ()  # catalogue skills this technology is evidence of


class Role(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    onet_code: str = Field(pattern=r"^\d{2}-\d{4}\.\d{2}$")
    onet_title: str
    description: str
    skills: tuple[RoleSkill, ...] = Field(min_length=1)
    technologies: tuple[Technology, ...] = ()

    @field_validator("skills")
    @classmethod
    def _unique_skills(cls, skills: tuple[RoleSkill, ...]) -> tuple[RoleSkill, ...]:
        dupes = [s for s, n in Counter(rs.skill for rs in skills).items() if n > 1]
        if dupes:
            raise ValueError(f"skill listed twice: {', '.join(dupes)}")
        return skills

    def requirement(self, skill_id: str) -> RoleSkill | None:
        return next((rs for rs in self.skills if rs.skill == skill_id), None)


class Question(_Frozen):
    id: str
    skill: str = ""
    difficulty: Difficulty
    prompt: str = Field(min_length=5)
    options: tuple[str, str, str, str]
    answer: int = Field(ge=0, le=3)
    explanation: str = Field(min_length=5)

    @field_validator("prompt")
    @classmethod
    def _fenced(cls, prompt: str) -> str:
        # Code is marked up with ``` fences (core/reference/markup.py): one left open would
        # swallow the rest of the question into a code block.
        if not fences_balanced(prompt):
            raise ValueError("a ``` code block is not closed")
        return prompt

    @field_validator("options")
    @classmethod
    def _distinct(cls, options: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = [o.strip().lower() for o in options]
        if any(not o for o in cleaned):
            raise ValueError("options must not be empty")
        if len(set(cleaned)) != 4:
            raise ValueError("the four options must be distinct")
        return options


class QuestionFile(_Frozen):
    version: int
    skill: str
    questions: tuple[Question, ...]

    @model_validator(mode="after")
    def _own_skill(self) -> QuestionFile:
        for q in self.questions:
            if q.skill and q.skill != self.skill:
                raise ValueError(f"question {q.id!r} says skill {q.skill!r} in {self.skill!r} file")
        return self


class ContentSpec(_Frozen):
    id: str
    title: str
    kind: ContentKind
    url: str = Field(pattern=r"^https://\S+$")
    provider: str = ""
    skills: tuple[str, ...] = Field(min_length=1)
    level: Level
    est_hours: float = Field(gt=0, le=500)
    description: str = ""


class RiasecItem(_Frozen):
    id: str
    text: str
    dimension: RiasecDimension


class RiasecQuestionnaire(_Frozen):
    version: int
    scale: tuple[str, ...]
    items: tuple[RiasecItem, ...]


class Catalog:
    """All reference data, validated and cross-checked."""

    def __init__(
        self,
        skills: Iterable[Skill],
        roles: Iterable[Role],
        questions: Iterable[Question],
        content: Iterable[ContentSpec],
        riasec: RiasecQuestionnaire | None,
    ) -> None:
        self.skills: dict[str, Skill] = {s.id: s for s in skills}
        self.roles: dict[str, Role] = {r.id: r for r in roles}
        self.questions: tuple[Question, ...] = tuple(questions)
        self.content: tuple[ContentSpec, ...] = tuple(content)
        self.riasec = riasec
        self.questions_by_id = {q.id: q for q in self.questions}

    def skill(self, skill_id: str) -> Skill:
        try:
            return self.skills[skill_id]
        except KeyError:
            raise UserError(f"Unknown skill {skill_id!r}.") from None

    def role(self, role_id: str) -> Role:
        try:
            return self.roles[role_id]
        except KeyError:
            known = ", ".join(sorted(self.roles))
            raise UserError(f"Unknown role {role_id!r}. Known roles: {known}.") from None

    def skill_name(self, skill_id: str) -> str:
        s = self.skills.get(skill_id)
        return s.name if s else skill_id

    def questions_for(self, skill_id: str, difficulty: Difficulty | None = None) -> list[Question]:
        return [
            q
            for q in self.questions
            if q.skill == skill_id and (difficulty is None or q.difficulty == difficulty)
        ]

    def question_counts(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {}
        for q in self.questions:
            counts.setdefault(q.skill, dict.fromkeys(DIFFICULTIES, 0))[q.difficulty] += 1
        return counts


def _read_json(node: Traversable, label: str) -> object:
    try:
        return json.loads(node.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogError(f"{label}: file is missing.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogError(f"{label}: not valid JSON ({exc}).") from exc


def _describe(exc: ValidationError, raw: object, list_key: str) -> str:
    """Name the failing item by its id where the error is inside a list."""
    err = exc.errors()[0]
    loc = list(err["loc"])
    where = ".".join(str(p) for p in loc)
    if len(loc) >= 2 and loc[0] == list_key and isinstance(loc[1], int) and isinstance(raw, dict):
        try:
            item = raw[list_key][loc[1]]
            ident = item.get("id") or item.get("name") or f"#{loc[1] + 1}"
            where = f"{list_key[:-1]} {ident!r} ({'.'.join(str(p) for p in loc[2:]) or 'item'})"
        except (KeyError, IndexError, TypeError, AttributeError):
            pass
    return f"{where}: {err['msg']}"


M = TypeVar("M", bound=BaseModel)


def _parse(model: type[M], node: Traversable, label: str, list_key: str) -> M:
    raw = _read_json(node, label)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise CatalogError(f"{label}: {_describe(exc, raw, list_key)}") from exc


class _SkillsFile(_Frozen):
    version: int
    skills: tuple[Skill, ...]


class _RolesFile(_Frozen):
    version: int
    roles: tuple[Role, ...]


class _ContentFile(_Frozen):
    version: int
    items: tuple[ContentSpec, ...]


def _unique(ids: Iterable[str], label: str, what: str) -> None:
    dupes = sorted(i for i, n in Counter(ids).items() if n > 1)
    if dupes:
        raise CatalogError(f"{label}: {what} id used more than once: {', '.join(dupes)}")


def load_catalog_from(root: Traversable, label_prefix: str = "catalog") -> Catalog:
    """Load and validate every catalogue file under ``root`` (a folder or Traversable)."""
    skills_file = _parse(_SkillsFile, root / "skills.json", f"{label_prefix}/skills.json", "skills")
    skills = skills_file.skills
    _unique((s.id for s in skills), f"{label_prefix}/skills.json", "skill")
    known = {s.id for s in skills}

    roles_label = f"{label_prefix}/roles.json"
    roles = _parse(_RolesFile, root / "roles.json", roles_label, "roles").roles
    _unique((r.id for r in roles), roles_label, "role")
    for role in roles:
        unknown = [rs.skill for rs in role.skills if rs.skill not in known]
        unknown += [s for t in role.technologies for s in t.skills if s not in known]
        if unknown:
            raise CatalogError(f"{roles_label}: role {role.id!r} uses unknown skill(s) {unknown}")

    questions: list[Question] = []
    qdir = root / "questions"
    for node in sorted(qdir.iterdir(), key=lambda n: n.name) if qdir.is_dir() else []:
        if not node.name.endswith(".json"):
            continue
        label = f"{label_prefix}/questions/{node.name}"
        qfile = _parse(QuestionFile, node, label, "questions")
        if qfile.skill not in known:
            raise CatalogError(f"{label}: unknown skill {qfile.skill!r}")
        questions.extend(q.model_copy(update={"skill": qfile.skill}) for q in qfile.questions)
    _unique((q.id for q in questions), f"{label_prefix}/questions", "question")

    content_label = f"{label_prefix}/content.json"
    content = _parse(_ContentFile, root / "content.json", content_label, "items").items
    _unique((c.id for c in content), content_label, "content")
    for item in content:
        unknown = [s for s in item.skills if s not in known]
        if unknown:
            raise CatalogError(f"{content_label}: item {item.id!r} uses unknown skill(s) {unknown}")

    riasec = None
    if (root / "riasec.json").is_file():
        riasec = _parse(
            RiasecQuestionnaire, root / "riasec.json", f"{label_prefix}/riasec.json", "items"
        )
        _unique((i.id for i in riasec.items), f"{label_prefix}/riasec.json", "item")
    return Catalog(skills, roles, questions, content, riasec)


_lock = threading.Lock()
_cached: Catalog | None = None


def load_catalog() -> Catalog:
    """The shipped catalogue, loaded once per process (thread-safe)."""
    global _cached
    with _lock:
        if _cached is None:
            from careerdesk.resources_access import resource

            _cached = load_catalog_from(resource("catalog"), "resources/catalog")
        return _cached
