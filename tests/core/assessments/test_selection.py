"""Question selection: balanced by skill and difficulty, no repeats from the last sessions."""

from __future__ import annotations

import random
from collections import Counter

from careerdesk.core.assessments.selection import difficulty_split, select_questions, split_evenly
from careerdesk.core.reference.catalog import load_catalog

BANK = load_catalog().questions


def test_split_evenly_gives_remainder_to_first_and_respects_capacity() -> None:
    assert split_evenly(10, ["a", "b", "c"], {"a": 9, "b": 9, "c": 9}) == {"a": 4, "b": 3, "c": 3}
    assert split_evenly(10, ["a", "b"], {"a": 2, "b": 20}) == {"a": 2, "b": 8}
    assert split_evenly(50, ["a", "b"], {"a": 2, "b": 3}) == {"a": 2, "b": 3}


def test_difficulty_split() -> None:
    assert difficulty_split(3) == {"easy": 1, "medium": 1, "hard": 1}
    assert difficulty_split(4) == {"easy": 1, "medium": 2, "hard": 1}
    assert difficulty_split(5) == {"easy": 2, "medium": 2, "hard": 1}
    assert difficulty_split(1) == {"easy": 0, "medium": 1, "hard": 0}


def test_balanced_by_skill_and_difficulty_and_ordered_easy_first() -> None:
    chosen = select_questions(BANK, ["python", "sql", "git"], 10, set(), random.Random(7))
    assert len(chosen) == len({q.id for q in chosen}) == 10
    per_skill = Counter(q.skill for q in chosen)
    assert per_skill == {"python": 4, "sql": 3, "git": 3}
    per_bucket = Counter((q.skill, q.difficulty) for q in chosen)
    assert per_bucket[("python", "medium")] == 2
    for skill in ("python", "sql", "git"):
        for d in ("easy", "hard"):
            assert per_bucket[(skill, d)] == 1
    rank = {"easy": 0, "medium": 1, "hard": 2}
    ranks = [rank[q.difficulty] for q in chosen]
    assert ranks == sorted(ranks)


def test_deterministic_with_the_same_random() -> None:
    a = select_questions(BANK, ["linux", "cloud"], 8, set(), random.Random(3))
    b = select_questions(BANK, ["linux", "cloud"], 8, set(), random.Random(3))
    c = select_questions(BANK, ["linux", "cloud"], 8, set(), random.Random(4))
    assert [q.id for q in a] == [q.id for q in b]
    assert [q.id for q in a] != [q.id for q in c]


def test_recent_questions_avoided_while_the_bank_allows() -> None:
    rng = random.Random(11)
    first = {q.id for q in select_questions(BANK, ["python"], 14, set(), rng)}
    second = select_questions(BANK, ["python"], 7, first, rng)
    assert not first & {q.id for q in second}
    # 21 python questions in the bank, 14 recently seen: 7 fresh ones first, then repeats.
    third = select_questions(BANK, ["python"], 10, first, rng)
    fresh = [q for q in third if q.id not in first]
    assert len(fresh) == 7
    assert len(third) == 10


def test_fresh_question_of_another_difficulty_beats_a_repeat() -> None:
    python = [q for q in BANK if q.skill == "python"]
    seen_medium = {q.id for q in python if q.difficulty == "medium"}
    chosen = select_questions(BANK, ["python"], 3, seen_medium, random.Random(1))
    assert not seen_medium & {q.id for q in chosen}
    assert Counter(q.difficulty for q in chosen)["medium"] == 0


def test_length_capped_by_the_bank() -> None:
    chosen = select_questions(BANK, ["git"], 40, set(), random.Random(0))
    assert len(chosen) == 21
