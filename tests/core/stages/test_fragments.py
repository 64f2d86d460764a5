"""Rejoining sentences that a renderer split at their inline elements."""

from __future__ import annotations

from archiver.core.stages.fragments import FragmentsStage, continues
from tests.core.stages.conftest import run_one


def test_link_fragments_are_rejoined_with_a_repair() -> None:
    text = "So finally you're\ntesting your frontend JavaScript code\n? Great!\nVisit our\ndirectory\nfor more.\n"
    blocks = run_one(FragmentsStage(), text)
    assert [b.text for b in blocks] == ["So finally you're testing your frontend JavaScript code? Great!",
                                        "Visit our directory for more."]
    first = blocks[0]
    assert text[first.raw_start:first.raw_end] == "So finally you're\ntesting your frontend JavaScript code\n? Great!"
    assert [r.rule for r in first.repairs] == ["inline_fragment", "inline_fragment"]


def test_lines_of_their_own_stay_apart() -> None:
    text = ("The council met on Tuesday.\nIt agreed to rebuild the wall.\nHome\nNews\n1. First item\n"
            "Results:\n2. Second item\n#PacificGas #SierraNevada\nin § 630f BGB\nSource: WSJ research\n"
            ".Gen. Soleimani grew up in a poor family.\n")
    blocks = run_one(FragmentsStage(), text)
    assert len(blocks) == len(text.splitlines())


def test_blank_lines_and_hard_wrapped_text_are_left_alone() -> None:
    assert not continues("Visit our", "")
    blocks = run_one(FragmentsStage(), "Visit our\n\ndirectory page\n")
    assert [b.text for b in blocks] == ["Visit our", "directory page"]
