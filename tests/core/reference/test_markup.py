"""The bank's code markup: fenced blocks and prose split in order; every code question fenced."""

from __future__ import annotations

from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.reference.markup import Segment, fences_balanced, plain, segments


def test_segments_in_order_with_the_code_as_written() -> None:
    text = "What does this print?\n\n```python\nx = [1]\n    y = 2\n```\n\nAnd why?"
    assert segments(text) == [
        Segment("text", "What does this print?"),
        Segment("code", "x = [1]\n    y = 2", "python"),
        Segment("text", "And why?"),
    ]
    assert plain(text) == "What does this print?\nx = [1]\n    y = 2\nAnd why?"
    assert segments("Just `inline` prose.") == [Segment("text", "Just `inline` prose.")]


def test_an_unclosed_fence_is_caught() -> None:
    assert fences_balanced("a\n```sql\nSELECT 1\n```")
    assert not fences_balanced("a\n```sql\nSELECT 1")
    assert not fences_balanced("```\n```\n```")


def test_every_bank_question_with_code_has_it_fenced() -> None:
    # Prose never spans lines: any multi-line part of a prompt is inside a code block.
    fenced = 0
    for q in load_catalog().questions:
        parts = segments(q.prompt)
        assert all("\n" not in p.text for p in parts if p.kind == "text"), q.id
        fenced += any(p.kind == "code" for p in parts)
    assert fenced == 33  # the 33 questions that showed code before it was marked up
