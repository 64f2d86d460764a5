"""The training gold is cut at Dragnet's comment separator however it was typed (benchmarks/train_gold.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from train_gold import cut_comments, gold_text

from tests.shared import shared_or_skip


@pytest.mark.parametrize("separator", ["!@#$%^&*()  COMMENTS", "@#$%^&*() COMMENTS", "  #$%^&*()  COMMENTS",
                                       "!@#$%^&**()  COMMNENTS", "!@#$%^&*()", "!@#$%^&*()  \tCOMMENTS"])
def test_every_spelling_of_the_separator_ends_the_article(separator: str) -> None:
    text = f"Headline\n\nThe article's text.\n\n{separator}\n\nJane\nGreat post!\n"
    assert cut_comments(text) == "Headline\n\nThe article's text.\n"


@pytest.mark.parametrize("line", ["*****************************", "**** -- In wedding-related matters",
                                  "(***) In general", "$%^ COMMENTS are mine"])
def test_a_section_break_or_marks_in_the_text_are_no_separator(line: str) -> None:
    text = f"One paragraph.\n{line}\nAnother paragraph.\n"
    assert cut_comments(text) == text


def test_the_training_gold_files_that_kept_their_comments() -> None:
    train = shared_or_skip("train")
    cut = [path.stem for path in sorted((train / "gold").glob("*.txt"))
           if gold_text(train, path.stem) != path.read_text(encoding="utf-8")]
    assert len(cut) == 18 and all(page.startswith("dn-") for page in cut)
    assert len(gold_text(train, "dn-t50").split()) < 100  # an open thread's post, without its 12,000 words of comments
