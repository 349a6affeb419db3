"""Choosing questions from the bank: balanced by skill and difficulty, fresh where possible.

Rules, in order:

1. **Skills** share the length as evenly as possible; the remainder goes to the skills listed
   first (callers list the weakest first). A skill with too few questions gives its surplus
   to the others.
2. **Difficulties** within a skill are split evenly (easy / medium / hard); a remainder goes to
   medium first, then easy, then hard.
3. **No repeats**: a question seen in the learner's last two sessions is not used while the
   bank still has an unseen one for that skill — first an unseen one of the wanted difficulty,
   then an unseen one of the nearest other difficulty, and only then a seen one.
   With the skill model's belief about a measured skill, the split follows how informative
   each difficulty is at the learner's estimate instead (adaptive testing, docs/skills.md).
4. **Order**: easy questions first, then medium, then hard; shuffled within each difficulty.

Everything random goes through the ``random.Random`` passed in, so tests are deterministic.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence

from careerdesk.core.reference.catalog import DIFFICULTIES, Difficulty, Question, Role, RoleSkill
from careerdesk.core.skills.model_rules import informative_split
from careerdesk.core.skills.service import SkillLevel

REMAINDER_ORDER: tuple[Difficulty, ...] = ("medium", "easy", "hard")
NEAREST: dict[Difficulty, tuple[Difficulty, Difficulty]] = {
    "easy": ("medium", "hard"),
    "medium": ("easy", "hard"),
    "hard": ("medium", "easy"),
}


def split_evenly(total: int, keys: Sequence[str], capacity: dict[str, int]) -> dict[str, int]:
    """Share ``total`` over ``keys`` as evenly as capacities allow (earlier keys first)."""
    counts = dict.fromkeys(keys, 0)
    remaining = min(total, sum(capacity.get(k, 0) for k in keys))
    while remaining > 0:
        open_keys = [k for k in keys if counts[k] < capacity.get(k, 0)]
        share, extra = divmod(remaining, len(open_keys))
        for i, key in enumerate(open_keys):
            want = share + (1 if i < extra else 0)
            take = min(want, capacity.get(key, 0) - counts[key])
            counts[key] += take
            remaining -= take
    return counts


def difficulty_split(count: int) -> dict[Difficulty, int]:
    """How many easy/medium/hard questions make up ``count`` for one skill."""
    base, extra = divmod(count, len(DIFFICULTIES))
    split = dict.fromkeys(DIFFICULTIES, base)
    for name in REMAINDER_ORDER[:extra]:
        split[name] += 1
    return split


def select_questions(
    bank: Iterable[Question],
    skills: Sequence[str],
    length: int,
    recent_ids: set[str],
    rng: random.Random,
    beliefs: Mapping[str, tuple[float, float]] | None = None,
) -> list[Question]:
    """Pick up to ``length`` questions for ``skills`` following the module's rules.

    ``beliefs`` (skill → the skill model's mean and variance, for measured skills) make the
    difficulty split adaptive: each difficulty in proportion to how informative it is at the
    learner's current estimate (docs/skills.md), instead of an even split.
    """
    by_skill: dict[str, dict[Difficulty, list[Question]]] = {
        s: {d: [] for d in DIFFICULTIES} for s in skills
    }
    for q in sorted(bank, key=lambda q: q.id):
        if q.skill in by_skill:
            by_skill[q.skill][q.difficulty].append(q)
    capacity = {s: sum(len(v) for v in by_skill[s].values()) for s in skills}
    per_skill = split_evenly(length, list(skills), capacity)

    chosen: list[Question] = []
    for skill in skills:
        buckets = by_skill[skill]
        taken: set[str] = set()
        belief = (beliefs or {}).get(skill)
        split: dict[str, int] = (
            informative_split(per_skill[skill], *belief)
            if belief is not None
            else {str(d): n for d, n in difficulty_split(per_skill[skill]).items()}
        )
        for difficulty in DIFFICULTIES:
            wanted = split.get(difficulty, 0)
            for _ in range(wanted):
                picked = _pick(buckets, difficulty, recent_ids, taken, rng)
                if picked is None:
                    break
                taken.add(picked.id)
                chosen.append(picked)
    return order_questions(chosen, rng)


def _pick(
    buckets: dict[Difficulty, list[Question]],
    difficulty: Difficulty,
    recent: set[str],
    taken: set[str],
    rng: random.Random,
) -> Question | None:
    def pool(d: Difficulty, fresh: bool) -> list[Question]:
        return [q for q in buckets[d] if q.id not in taken and ((q.id not in recent) == fresh)]

    for d in (difficulty, *NEAREST[difficulty]):
        candidates = pool(d, fresh=True)
        if candidates:
            return rng.choice(candidates)
    for d in (difficulty, *NEAREST[difficulty]):
        candidates = pool(d, fresh=False)
        if candidates:
            return rng.choice(candidates)
    return None


def order_questions(questions: Sequence[Question], rng: random.Random) -> list[Question]:
    """Easy first, then medium, then hard; shuffled within each difficulty."""
    ordered: list[Question] = []
    for difficulty in DIFFICULTIES:
        group = [q for q in questions if q.difficulty == difficulty]
        rng.shuffle(group)
        ordered.extend(group)
    return ordered


def rank_default_skills(
    role: Role, levels: Mapping[str, SkillLevel], assessable: set[str], count: int
) -> list[str]:
    """The role's assessable skills to test first: never measured ones (a self-rating alone
    does not count), then the largest gap × importance, then the most important."""

    def key(rs: RoleSkill) -> tuple[bool, float, int]:
        lvl = levels.get(rs.skill)
        measured = lvl is not None and lvl.source != "self"
        current = lvl.level if lvl is not None else 0.0
        return (measured, -max(0.0, rs.level - current) * rs.importance, -rs.importance)

    ranked = sorted((rs for rs in role.skills if rs.skill in assessable), key=key)
    return [rs.skill for rs in ranked[:count]]
