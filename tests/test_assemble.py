"""Record assembly: the clean text, its language runs and the ledger, from the blocks the stages leave."""

from __future__ import annotations

from archiver.assemble import assemble_text, ledger, segments
from archiver.core.model import Block, LanguageTag, Repair


def blocks() -> list[Block]:
    decoded = "Share this\nThe council voted.\nDer Rat stimmte ab.\nEl consejo votó."
    share = Block(0, 10, "Share this").dropped("widgets.v5", "widget")
    english = Block(11, 29, "The council voted.").tagged(LanguageTag("en", "Latn", 0.9))
    german = Block(30, 48, "Der Rat stimmte ab.").tagged(LanguageTag("de", "Latn", 0.8))
    spanish = Block(49, len(decoded), "El consejo votó.").tagged(LanguageTag("de", "Latn", 0.6))
    return [share, english, german, spanish]


def test_the_clean_text_is_the_kept_blocks_a_blank_line_apart() -> None:
    assert assemble_text(blocks()) == "The council voted.\n\nDer Rat stimmte ab.\n\nEl consejo votó.\n"
    assert assemble_text([Block(0, 3, "abc").dropped("s.v1", "r")]) == ""


def test_runs_of_one_language_merge_with_a_weighted_confidence() -> None:
    runs = segments(blocks())
    assert [(r["language"], r["start"], r["end"]) for r in runs] == [("en", 0, 18), ("de", 20, 57)]
    german, spanish = len("Der Rat stimmte ab."), len("El consejo votó.")
    weighted = (0.8 * german + 0.6 * spanish) / (57 - 20)  # the blank line between them counts in the span
    assert runs[1]["confidence"] == round(weighted, 3)
    text = assemble_text(blocks())
    assert all(text[r["start"]:r["end"]].strip() == text[r["start"]:r["end"]] for r in runs)


def test_the_ledger_points_back_into_the_raw_text_in_raw_order() -> None:
    decoded = "Share this\nThe council voted.\nDer Rat stimmte ab.\nEl consejo votó."
    repaired = blocks()[1].repaired("whitespace.v3", "space_run", "The council voted.")
    fixed = Block(11, 29, repaired.text, repairs=(Repair("whitespace.v3", "space_run", 14, 16, "  ", " "),))
    removed, repairs = ledger([blocks()[3], fixed, blocks()[0]], decoded)
    assert [(r.stage, r.rule, r.text) for r in removed] == [("widgets.v5", "widget", "Share this")]
    assert decoded[removed[0].raw_start:removed[0].raw_end] == "Share this"
    assert [(r.raw_start, r.raw_end) for r in repairs] == [(14, 16)]
