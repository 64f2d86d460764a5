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
    for index, removal in enumerate(record["removed"]):
        start, end = removal["raw_start"], removal["raw_end"]
        if not 0 <= start <= end <= size:
            problems.append(f"removed[{index}] lies outside the raw text ({start}:{end} of {size})")
        elif decoded[start:end] != removal["text"]:
            problems.append(f"removed[{index}] is not the raw text at {start}:{end}")
    for index, repair in enumerate(record["repairs"]):
        start, end = repair["raw_start"], repair["raw_end"]
        if not 0 <= start <= end <= size:
            problems.append(f"repairs[{index}] lies outside the raw text ({start}:{end} of {size})")
    for name, span in sorted(record.get("metadata_lines", {}).items()):
        if not 0 <= span["raw_start"] <= span["raw_end"] <= size:
            problems.append(f"metadata_lines.{name} lies outside the raw text "
                            f"({span['raw_start']}:{span['raw_end']} of {size})")
    problems += _segment_problems(record["segments"], len(record["text"]))
    if not problems and not _accounts(record, decoded):
        problems.append("the text is not the raw text less its removals with its repairs applied")
    return problems


def _accounts(record: dict[str, Any], decoded: str) -> bool:
    """The raw text, its repairs made in the order the stages made them and its removals taken out, gives
    the record's words (spacing aside: blocks are joined and lines stripped). Where a repair's span cannot
    be followed (two repairs of one stage on one span, or a word the span holds twice), the exact repairs
    and removals are made by position, the others where their text first is, and letters and digits are
    compared."""
    order = {stage: i for i, stage in enumerate(record["pipeline"]["stages"])}
    repairs = sorted(enumerate(record["repairs"]), key=lambda item: (order.get(item[1]["stage"], -1), item[0]))
    rope = _Rope(decoded)
    followed = all(rope.replace(r["raw_start"], r["raw_end"], r["before"], r["after"]) for _, r in repairs)
    followed = followed and all(rope.replace(r["raw_start"], r["raw_end"], r["text"], "")
                                for r in record["removed"])
    if followed:
        return rope.text().split() == record["text"].split()
    exact = [r for _, r in repairs if decoded[r["raw_start"]:r["raw_end"]] == r["before"]]
    edits = [(r["raw_start"], r["raw_end"], "") for r in record["removed"]]
    edits += [(r["raw_start"], r["raw_end"], r["after"]) for r in exact]
    text = _apply(decoded, edits)
    for _, r in repairs:  # a repair recorded over a coarser span: made where its text is, in stage order
        if r not in exact and r["before"]:
            text = text.replace(r["before"], r["after"], 1)
    return _letters(text) == _letters(record["text"])


class _Rope:
    """The raw text as pieces, each a raw span and its current text; a replacement must match the current
    text of whole pieces, or a part of it (a repair made in a line that an earlier repair changed records
    the line's span), and an unrepaired piece can be cut anywhere, a repaired one only at its ends."""

    def __init__(self, decoded: str) -> None:
        self.decoded = decoded
        self.pieces: list[tuple[int, int, str | None]] = [(0, len(decoded), None)]  # None: the raw text as is

    def _cut(self, at: int) -> int | None:
        """The index of the first piece that starts at or after ``at``, cutting a raw piece that spans it."""
        for index, (start, end, text) in enumerate(self.pieces):
            if start >= at:
                return index
            if at < end:
                if text is not None:
                    return None  # inside a repaired piece: this span cannot be followed
                self.pieces[index:index + 1] = [(start, at, None), (at, end, None)]
                return index + 1
        return len(self.pieces)

    def replace(self, start: int, end: int, before: str, after: str) -> bool:
        first = self._cut(start)
        last = self._cut(end) if first is not None else None
        if first is None or last is None:
            return False
        current = "".join(self.decoded[s:e] if t is None else t for s, e, t in self.pieces[first:last])
        if current == before:
            self.pieces[first:last] = [(start, end, after)]
        elif before and current.count(before) == 1:  # inside a line repaired before: the line's span is recorded
            self.pieces[first:last] = [(start, end, current.replace(before, after, 1))]
        else:
            return False  # not there, or there twice (which one was repaired the span does not say)
        return True

    def text(self) -> str:
        return "".join(self.decoded[s:e] if t is None else t for s, e, t in self.pieces)


def _apply(decoded: str, edits: list[tuple[int, int, str]]) -> str:
    """The raw text with each removal taken out and each exact repair made; an edit inside an earlier one
    (a repair within a removed line) is already accounted for by it."""
    out: list[str] = []
    position = 0
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
