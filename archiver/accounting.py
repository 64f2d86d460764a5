"""Does a record account for its raw file? The ledger checked against the decoded raw text.

A record's own hashes prove only that nobody changed it without recomputing them, and anyone can recompute
a sha256. The raw file is the independent witness: every removal must be the raw text at its offsets, every
repair must lie inside the raw text, the language segments inside the clean text, and the raw text minus
the removals, with the repairs applied, must give the clean text. That last check compares letters and
digits only: a repair made on top of another one (a rejoined fragment inside a re-spaced line) records the
raw span it came from, not the exact characters it replaced, and such stacked repairs change only spaces,
line breaks and punctuation (measured on 605 documents of ``bench/dev`` and ``../shared/train``: every
removal exact, no stacked repair changing a letter). So an edited word, an added or deleted sentence or a
forged removal is caught; a changed space or comma, or changed metadata, is caught only by re-cleaning
(``validate --recompute``) or a signed manifest.
"""

from __future__ import annotations

from typing import Any


def ledger_problems(record: dict[str, Any], decoded: str) -> list[str]:
    """What in the record's ledger and segments the decoded raw text contradicts (empty when it accounts)."""
    problems: list[str] = []
    size = len(decoded)
    edits: list[tuple[int, int, str]] = []
    for index, removal in enumerate(record["removed"]):
        start, end = removal["raw_start"], removal["raw_end"]
        if not 0 <= start <= end <= size:
            problems.append(f"removed[{index}] lies outside the raw text ({start}:{end} of {size})")
        elif decoded[start:end] != removal["text"]:
            problems.append(f"removed[{index}] is not the raw text at {start}:{end}")
        else:
            edits.append((start, end, ""))
    for index, repair in enumerate(record["repairs"]):
        start, end = repair["raw_start"], repair["raw_end"]
        if not 0 <= start <= end <= size:
            problems.append(f"repairs[{index}] lies outside the raw text ({start}:{end} of {size})")
        elif decoded[start:end] == repair["before"]:
            edits.append((start, end, repair["after"]))
        elif _letters(repair["before"]) != _letters(repair["after"]):
            problems.append(f"repairs[{index}] is not the raw text at {start}:{end}")
    problems += _segment_problems(record["segments"], len(record["text"]))
    if not problems and _letters(_apply(decoded, edits)) != _letters(record["text"]):
        problems.append("the text is not the raw text less its removals with its repairs applied")
    return problems


def _apply(decoded: str, edits: list[tuple[int, int, str]]) -> str:
    """The raw text with each removal taken out and each exact repair made; an edit inside an earlier one
    (a repair within a removed line) is already accounted for by it."""
    out, position = [], 0
    for start, end, after in sorted(edits):
        if start < position:
            continue
        out += (decoded[position:start], after)
        position = end
    out.append(decoded[position:])
    return "".join(out)


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def _segment_problems(segments: list[dict[str, Any]], size: int) -> list[str]:
    problems, previous = [], 0
    for index, segment in enumerate(segments):
        start, end = segment["start"], segment["end"]
        if not previous <= start <= end <= size:
            problems.append(f"segments[{index}] ({start}:{end}) is out of order or outside the text "
                            f"({size} characters)")
        previous = max(previous, end)
    return problems
