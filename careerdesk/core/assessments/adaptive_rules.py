"""Adaptive quizzes: which question comes next, and when a quiz may stop (docs/skills.md).

Pure functions over plain values, on top of the skill model's own rules
(:mod:`careerdesk.core.skills.model_rules`): the belief a quiz starts from is the model's
estimate, each answer is folded in with the model's ``answer_update`` and a question's value
is the model's ``item_information`` — so the estimate the quiz steers by is the one the model
will hold once the quiz is submitted.

After each answer:

1. **Skill** — among the quiz's skills that are not *settled* (confident enough, below) and
   still have unused questions, the one whose interval is widest; ties go to the skill listed
   first (callers list the weakest first).
2. **Question** — within that skill, the unused question with the most Fisher information at
   the current belief; a question from the learner's last two sessions only when no unseen
   one is left for the skill; ties go to the earlier one in the (shuffled) pool. A question is
   never asked twice in a quiz.
3. **Stop** — a skill is *settled* once it has at least ``MIN_ANSWERS_PER_SKILL`` answers in
   this quiz and its interval half-width, as shown to the learner (one decimal), is at most
   ``STOP_HALF_WIDTH`` points. The quiz stops early when every skill is settled (or out of
   questions) before the length the learner chose is reached.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from careerdesk.core.skills.model_rules import (
    INTERVAL_Z,
    POP_MEAN,
    POP_SD,
    Belief,
    SkillEstimate,
    answer_update,
    item_information,
)

STOP_HALF_WIDTH = 12.0  # points: the quiz may stop once every skill is known to ± this
MIN_ANSWERS_PER_SKILL = 3  # ... and has had at least this many answers in the quiz


@dataclass(frozen=True)
class Candidate:
    """A question the quiz may ask: its skill, its location on 0–100, whether it is fresh."""

    id: str
    skill_id: str
    location: float
    fresh: bool = True


@dataclass(frozen=True)
class Asked:
    """A question already in the quiz and whether its answer is right (unanswered: wrong)."""

    id: str
    skill_id: str
    location: float
    correct: bool


def start_belief(est: SkillEstimate | None, at: datetime) -> Belief:
    """Where the model folds the quiz's answers from for one skill.

    The model's current estimate (a self-rating counts: it is the prior the model starts
    from); with no estimate, or study alone — which the model sets aside at the first
    measurement — the population prior N(POP_MEAN, POP_SD²).
    """
    if est is None or set(est.sources) <= {"study"}:
        return Belief(POP_MEAN, POP_SD**2, at)
    return Belief(est.estimate, est.sd**2, at)


def posterior(prior: Belief, asked: Sequence[Asked], skill_id: str) -> Belief:
    """The belief about ``skill_id`` after this quiz's answers so far (in order)."""
    belief = prior
    for a in asked:
        if a.skill_id == skill_id:
            belief = answer_update(belief, a.correct, a.location)
    return belief


def half_width(belief: Belief) -> float:
    """The interval's half-width as the learner reads it (one decimal)."""
    return round(INTERVAL_Z * math.sqrt(belief.var), 1)


def settled(belief: Belief, answers: int) -> bool:
    """Confident enough: enough answers and a narrow enough interval (boundary included)."""
    return answers >= MIN_ANSWERS_PER_SKILL and half_width(belief) <= STOP_HALF_WIDTH


@dataclass(frozen=True)
class Step:
    """The rules' answer after an answer: the next question, or why the quiz ends."""

    next: Candidate | None
    beliefs: dict[str, Belief]
    answers: dict[str, int]
    stopped_early: bool  # every skill settled before the chosen length
    out_of_questions: bool


def next_step(
    skills: Sequence[str],
    priors: Mapping[str, Belief],
    pool: Sequence[Candidate],
    asked: Sequence[Asked],
    max_questions: int,
) -> Step:
    """Choose the next question (module rules 1–3) given what has been asked so far."""
    beliefs = {s: posterior(priors[s], asked, s) for s in skills}
    answers = {s: sum(1 for a in asked if a.skill_id == s) for s in skills}
    used = {a.id for a in asked}
    left: dict[str, list[Candidate]] = {s: [] for s in skills}
    for c in pool:
        if c.id not in used and c.skill_id in left:
            left[c.skill_id].append(c)
    open_skills = [s for s in skills if left[s] and not settled(beliefs[s], answers[s])]
    all_settled = all(settled(beliefs[s], answers[s]) or not left[s] for s in skills)
    if len(asked) >= max_questions or not open_skills:
        return Step(
            next=None,
            beliefs=beliefs,
            answers=answers,
            stopped_early=len(asked) < max_questions
            and all_settled
            and any(settled(beliefs[s], answers[s]) for s in skills),
            out_of_questions=len(asked) < max_questions and not any(left.values()),
        )
    # Widest interval first; on equal width, the skill listed first (max keeps the first).
    skill = max(open_skills, key=lambda s: beliefs[s].var)
    return Step(
        next=most_informative(left[skill], beliefs[skill]),
        beliefs=beliefs,
        answers=answers,
        stopped_early=False,
        out_of_questions=False,
    )


def most_informative(candidates: Sequence[Candidate], belief: Belief) -> Candidate | None:
    """The fresh candidate with the most information at ``belief`` (else the best seen one)."""
    fresh = [c for c in candidates if c.fresh]
    group = fresh or list(candidates)
    if not group:
        return None
    return max(group, key=lambda c: item_information(belief.mean, belief.var, c.location))


def stop_text(
    skill_names: Mapping[str, str], beliefs: Mapping[str, Belief], answers: Mapping[str, int]
) -> str:
    """Why the quiz stopped early, in the learner's words.

    ``"We stopped early: your SQL estimate is 62 ± 8 after 6 answers — confident enough."``
    """
    parts = [
        f"{skill_names.get(s, s)} estimate is {beliefs[s].mean:.0f} ± {half_width(beliefs[s]):.0f}"
        f" after {answers[s]} answer{'s' if answers[s] != 1 else ''}"
        for s in beliefs
        if answers.get(s)
    ]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    what = "confident enough" if len(parts) == 1 else "each confident enough"
    return (
        f"We stopped early: your {body} — {what} (within ± {STOP_HALF_WIDTH:.0f} points), "
        "so more questions would add little."
    )
