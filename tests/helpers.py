"""Checks every test that produces a record runs: the ledger and fixity invariants."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from archiver.archive import fixity_problems
from archiver.core.model import Block
from archiver.core.text.textfeatures import _STAND_INS
from archiver.readers import read_document
from archiver.schema import schema_problems

# Lines of ASCII and typographic marks, which the per-line helpers read through an ASCII stand-in, and such
# lines with one character that rules the stand-in out (a letter, a digit, a space or a mark beyond the list).
_marked = st.lists(st.one_of(st.text(st.characters(max_codepoint=127), min_size=1, max_size=6),
                             st.sampled_from([m for m, _ in _STAND_INS] + ["it’s", "don’t", " — ", "“Go”"])),
                   max_size=16).map("".join)
typographic_lines = st.one_of(_marked, st.tuples(_marked, st.sampled_from(["é", "²", "\u00a0", "\u0301", "‚", "«",
                                                                            "Ω", "٣"]), _marked).map("".join))


def check_record(record: dict[str, Any], raw: bytes) -> None:
    """Schema-valid, hashes verify, and every removal's text is its raw span."""
    assert schema_problems(record) == []
    assert fixity_problems(record) == []
    decoded = read_document(raw, record["source"]["path"]).text
    for removal in record["removed"]:
        assert decoded[removal["raw_start"]:removal["raw_end"]] == removal["text"], removal
    for repair in record["repairs"]:
        assert 0 <= repair["raw_start"] <= repair["raw_end"] <= len(decoded), repair
    text = record["text"]
    assert text == "" or (text.endswith("\n") and not text.endswith("\n\n"))
    assert "\n\n\n" not in text


def blocks_of(lines: list[str]) -> list[Block]:
    """One kept block per line, at the offsets the lines would have in a text joined by newlines."""
    out, offset = [], 0
    for line in lines:
        out.append(Block(offset, offset + len(line), line))
        offset += len(line) + 1
    return out
