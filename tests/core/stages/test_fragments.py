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


def test_a_list_in_lower_case_keeps_its_lines() -> None:
    """A lead-in ending in a colon and items ending in semicolons end their lines, lower case below or not."""
    text = "Dance where you are:\nin a car;\nat the office;\nwhile waiting in line;\nanywhere.\n"
    assert [b.text for b in run_one(FragmentsStage(), text)] == text.splitlines()
    assert continues("Read it on", "our website")


def test_blank_lines_and_hard_wrapped_text_are_left_alone() -> None:
    assert not continues("Visit our", "")
    blocks = run_one(FragmentsStage(), "Visit our\n\ndirectory page\n")
    assert [b.text for b in blocks] == ["Visit our", "directory page"]


def test_a_byline_or_a_name_under_a_title_is_not_run_into_it() -> None:
    # German titles end in particles ("stimmt ... zu") that read as a phrase going on; a lower-case byline
    # ("von Anna Schmidt") starts a line of its own.
    assert not continues("Bundestag stimmt Heizungsgesetz zu", "von Anna Schmidt, Berlin")
    assert not continues("Bundestag stimmt Heizungsgesetz zu", "Anna Schmidt")
    assert not continues("Bundestag stimmt Heizungsgesetz zu", "14.03.2024, 10:32 Uhr")
    assert not continues("A long day at the", "by Dana Whitfield")
    # A byline split at its link is one line again.
    assert continues("Posted by", "Paul Overton")
    assert continues("Read the report of the", "Audit Office")


def test_a_date_spread_over_lines_of_its_own_is_one_line() -> None:
    # A blog's date widget: day, month and year each in a span of its own, one line each in the rendering.
    blocks = run_one(FragmentsStage(), "41\ncomments\n23\nJul\n2012\n6:06pm, EDT\nThe wall was rebuilt.\n")
    assert "23 Jul 2012" in [b.text for b in blocks]
    # Lone numbers are a list's, month names an archive's, years a year list's: no date.
    for lines in (["1", "2", "3"], ["January", "February"], ["2012", "2011"]):
        assert len(run_one(FragmentsStage(), "\n".join(lines) + "\n")) == len(lines)


def test_a_byline_word_alone_opens_the_byline_under_a_title() -> None:
    # One line per element: "by:" and the name are two links' worth of lines under the title.
    blocks = run_one(FragmentsStage(), "Harbour wall to be rebuilt\nby:\nDana Whitfield\nThe council met.\n")
    assert [b.text for b in blocks][:2] == ["Harbour wall to be rebuilt", "by: Dana Whitfield"]
