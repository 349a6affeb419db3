"""AI-written questions: ask for exactly the slots the bank selection filled, validate each
answer, and keep the bank question wherever the AI's is missing or invalid.

A generated question is used only if it has a known skill that was asked for, the slot's
difficulty, a real prompt and explanation, four distinct non-empty options and exactly one
option marked correct. The schema is deliberately loose (plain strings and lists) so one bad
question does not make the whole answer fail validation: each is checked here instead.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, Field

from careerdesk.core.assessments.models import QuizQuestion, QuizSource
from careerdesk.core.kernel.ports import AIError, AIProvider
from careerdesk.core.reference.catalog import Catalog
from careerdesk.core.reference.markup import fences_balanced

log = logging.getLogger(__name__)

SYSTEM = (
    "You write multiple-choice questions for a career-skills assessment. Each question has "
    "exactly four distinct options, exactly one of them correct, and a short explanation of "
    "why the correct option is right. Questions must be answerable without code execution, "
    "unambiguous, and original. Put any code of more than one line in a fenced block "
    "(```python … ```) and inline code in `backticks`. Reply with JSON only."
)


class GeneratedOption(BaseModel):
    text: str
    correct: bool


class GeneratedQuestion(BaseModel):
    skill: str
    difficulty: str
    prompt: str
    options: list[GeneratedOption]
    explanation: str


class GeneratedQuiz(BaseModel):
    questions: list[GeneratedQuestion] = Field(default_factory=list)


@dataclass(frozen=True)
class GenerationOutcome:
    """The quiz after the AI pass: which questions, where they came from, and what to tell."""

    questions: list[QuizQuestion]
    source: QuizSource
    notice: str
    used: int
    rejected: int


def build_prompt(slots: Sequence[QuizQuestion], catalog: Catalog) -> str:
    """The request: one line per wanted question (skill id, skill name, difficulty)."""
    lines = [
        f"Write {len(slots)} questions, one for each line below, in this order. Use the skill id "
        "and difficulty exactly as given.",
    ]
    for i, slot in enumerate(slots, 1):
        skill = catalog.skills[slot.skill_id]
        lines.append(
            f"{i}. skill={slot.skill_id} ({skill.name}: {skill.description}) "
            f"difficulty={slot.difficulty}"
        )
    lines.append(
        "Difficulty: easy = core vocabulary and basic facts; medium = applying a concept to a "
        "small scenario; hard = subtle behaviour, trade-offs or multi-step reasoning."
    )
    return "\n".join(lines)


def check_question(q: GeneratedQuestion, allowed_skills: set[str]) -> str | None:
    """Why ``q`` cannot be used, or None when it is valid."""
    if q.skill not in allowed_skills:
        return f"unknown or unrequested skill {q.skill!r}"
    if q.difficulty not in ("easy", "medium", "hard"):
        return f"unknown difficulty {q.difficulty!r}"
    if len(q.prompt.strip()) < 10:
        return "prompt too short"
    if not fences_balanced(q.prompt):
        return "a code block without its closing fence"
    if len(q.explanation.strip()) < 5:
        return "no explanation"
    if len(q.options) != 4:
        return f"{len(q.options)} options instead of 4"
    texts = [" ".join(o.text.split()).lower() for o in q.options]
    if any(not t for t in texts):
        return "an empty option"
    if len(set(texts)) != 4:
        return "options are not distinct"
    correct = sum(1 for o in q.options if o.correct)
    if correct != 1:
        return f"{correct} options marked correct instead of exactly one"
    return None


def to_quiz_question(q: GeneratedQuestion) -> QuizQuestion:
    """A validated generated question as a session question (id derived from its text)."""
    digest = hashlib.sha1(f"{q.skill}|{q.prompt.strip()}".encode()).hexdigest()[:12]
    options = tuple(" ".join(o.text.split()) for o in q.options)
    if len(options) != 4:  # check_question refuses these first
        raise ValueError(f"{len(options)} options instead of 4")
    return QuizQuestion(
        id=f"ai-{q.skill}-{digest}",
        skill_id=q.skill,
        difficulty=q.difficulty,
        prompt=q.prompt.strip(),
        options=options,
        answer=next(i for i, o in enumerate(q.options) if o.correct),
        explanation=q.explanation.strip(),
        source="ai",
    )


def _failure_notice(exc: AIError) -> str:
    if exc.kind == "unavailable":
        return "Gemini is not set up, so this quiz uses CareerDesk's own question bank."
    return (
        f"Gemini could not write questions: {exc.message} This quiz uses CareerDesk's question "
        "bank instead."
    )


def generate_into(
    ai: AIProvider,
    bank_questions: Sequence[QuizQuestion],
    catalog: Catalog,
    *,
    progress: Callable[[str], None] | None = None,
) -> GenerationOutcome:
    """Replace bank questions by AI-written ones slot by slot; never fails.

    On any :class:`AIError` the bank questions are returned unchanged with a notice.
    """
    if not bank_questions:
        return GenerationOutcome([], "bank", "", 0, 0)
    if progress:
        progress(f"Asking {ai.name} for {len(bank_questions)} questions…")
    try:
        reply = ai.generate(build_prompt(bank_questions, catalog), GeneratedQuiz, system=SYSTEM)
    except AIError as exc:
        log.info("AI question generation failed: %s", exc.kind)
        return GenerationOutcome(list(bank_questions), "bank", _failure_notice(exc), 0, 0)
    except Exception:
        # A bug in an adapter must not stop a learner from taking the quiz; it is logged.
        log.exception("AI question generation crashed")
        notice = "Gemini could not write questions this time. This quiz uses the question bank."
        return GenerationOutcome(list(bank_questions), "bank", notice, 0, 0)

    allowed = {q.skill_id for q in bank_questions} & set(catalog.skills)
    valid: list[QuizQuestion] = []
    rejected = 0
    seen_prompts = {" ".join(q.prompt.split()).lower() for q in catalog.questions}
    for generated in reply.questions:
        reason = check_question(generated, allowed)
        if reason is None:
            key = " ".join(generated.prompt.split()).lower()
            reason = "duplicate prompt" if key in seen_prompts else None
            seen_prompts.add(key)
        if reason is not None:
            log.info("rejected a generated question: %s", reason)
            rejected += 1
            continue
        valid.append(to_quiz_question(generated))

    out: list[QuizQuestion] = []
    used = 0
    for slot in bank_questions:
        match = next(
            (v for v in valid if v.skill_id == slot.skill_id and v.difficulty == slot.difficulty),
            None,
        )
        if match is None:
            out.append(slot)
        else:
            valid.remove(match)
            out.append(match)
            used += 1
    total = len(bank_questions)
    replaced = total - used
    if used == 0:
        notice = (
            f"None of {ai.name}'s questions passed the checks, so this quiz uses the question bank."
        )
        return GenerationOutcome(out, "bank", notice, 0, rejected)
    if replaced:
        notice = (
            f"{ai.name} wrote {used} of {total} questions (marked AI); {replaced} were missing "
            "or failed the checks (for example repeated options) and came from the bank."
        )
        return GenerationOutcome(out, "mixed", notice, used, rejected)
    return GenerationOutcome(
        out, "ai", f"All {total} questions were written by {ai.name} (AI).", used, rejected
    )
