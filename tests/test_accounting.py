"""The ledger against the raw text: every record accounts for its raw file, and forgeries do not."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiver.accounting import ledger_problems
from archiver.document import clean_bytes
from archiver.errors import DocumentError
from archiver.readers import read_document

RAW = ("Share this article\n\nThe council voted on Tuesday to rebuild the harbour wall, which the winter\n"
       "storms broke in two places. Work starts in May.\n\nThe mayor said the town would pay for it from\n"
       "its reserves.\n\nCopyright 2024 Example News. All rights reserved.\n")


def record_and_text(raw: str) -> tuple[dict, str]:
    data = raw.encode()
    return clean_bytes(data, "a.txt"), read_document(data, "a.txt", len(data)).text


def test_an_honest_record_accounts_for_its_raw_text() -> None:
    record, decoded = record_and_text(RAW)
    assert record["removed"] and record["repairs"]  # the case has both
    assert ledger_problems(record, decoded) == []


@pytest.mark.parametrize(("forge", "problem"), [
    (lambda r: r.update(text=r["text"].replace("harbour", "harbor")),
     "the text is not the raw text less its removals with its repairs applied"),
    (lambda r: r.update(text=r["text"] + "\n\nA sentence nobody wrote."),
     "the text is not the raw text less its removals with its repairs applied"),
    (lambda r: r["removed"][0].update(text="Something else"), "removed[0] is not the raw text at 0:18"),
    (lambda r: r["removed"][0].update(raw_end=10_000), "removed[0] lies outside the raw text (0:10000 of 255)"),
    (lambda r: r["repairs"][0].update(raw_start=-1), "repairs[0] lies outside the raw text"),
    (lambda r: r["segments"][-1].update(end=10_000), f"segments[{1}] (185:10000) is out of order or outside the text"),
    (lambda r: r.update(metadata_lines={"title": {"raw_start": 250, "raw_end": 300}}),
     "metadata_lines.title lies outside the raw text (250:300 of 255)"),
])
def test_a_forged_ledger_or_text_is_caught(forge, problem: str) -> None:
    record, decoded = record_and_text(RAW)
    forged = copy.deepcopy(record)
    forge(forged)
    problems = ledger_problems(forged, decoded)
    assert len(problems) == 1 and problems[0].startswith(problem), problems


def test_spacing_is_not_what_the_ledger_check_sees() -> None:
    """A documented limit: spaces and punctuation are compared only by --recompute (or a signature)."""
    record, decoded = record_and_text(RAW)
    record["text"] = record["text"].replace(" ", "  ", 1)
    assert ledger_problems(record, decoded) == []


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(["The council met on Tuesday.", "Share this", "Photo: Reuters", "wrapped line\n",
                                 "exam-\nple", "QasemSuleimani", "\n\n", "\n", "Ã©tÃ©", "  ", "[email protected]",
                                 "Copyright 2020", "Read more:", "سلام دنیا"]), max_size=40).map("".join))
def test_every_record_accounts_for_its_raw_text(text: str) -> None:
    try:
        record, decoded = record_and_text(text)
    except DocumentError:
        return
    assert ledger_problems(record, decoded) == []


@pytest.mark.parametrize("text", [
    "The council met on Tuesday.QasemSuleimani  QasemSuleimani",
    "exam-\npleQasemSuleimani[email protected]QasemSuleimani",
])
def test_a_coarse_repair_of_a_word_the_line_holds_twice_is_checked_by_letters(text: str) -> None:
    """Found by the property test: the second of two glued tokens is split after an earlier repair made the
    line's span the repair's; the first occurrence is not the one repaired, so the span cannot be followed
    (and a placeholder's coarse repair must still be made before letters are compared)."""
    record, decoded = record_and_text(text)
    assert ledger_problems(record, decoded) == []
