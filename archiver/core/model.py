"""The data a cleaning run works on (blocks) and the ledger entries its record keeps.

Blocks are immutable: a stage that changes one returns a new block, so a stage
cannot rewrite history behind another stage's back, and the ledger of a block
(its repairs and its drop verdict) travels with it.
"""

from __future__ import annotations

from typing import Any, Final

from archiver.core.value import Value


class LanguageTag(Value):
    """What a language stage decided for one block."""

    __slots__ = ("confidence", "language", "script")

    def __init__(self, language: str, script: str, confidence: float) -> None:
        self.language: Final = language      # ISO 639-1, or "und"
        self.script: Final = script          # ISO 15924
        self.confidence: Final = confidence  # rounded, so records stay byte-stable

    def _key(self) -> tuple[object, ...]:
        return (self.language, self.script, self.confidence)


class Repair(Value):
    """One change to kept text, replayable and traceable to the raw file."""

    __slots__ = ("after", "before", "raw_end", "raw_start", "rule", "stage")

    def __init__(self, stage: str, rule: str, raw_start: int, raw_end: int, before: str, after: str) -> None:
        self.stage: Final = stage
        self.rule: Final = rule
        self.raw_start: Final = raw_start
        self.raw_end: Final = raw_end
        self.before: Final = before
        self.after: Final = after

    def _key(self) -> tuple[object, ...]:
        return (self.stage, self.rule, self.raw_start, self.raw_end, self.before, self.after)

    def to_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "rule": self.rule, "raw_start": self.raw_start, "raw_end": self.raw_end,
                "before": self.before, "after": self.after}


class Removal(Value):
    """One span of the decoded raw text that left the body, and why.

    Invariant: ``decoded[raw_start:raw_end] == text``.
    """

    __slots__ = ("language", "raw_end", "raw_start", "rule", "stage", "text")

    def __init__(self, stage: str, rule: str, raw_start: int, raw_end: int, text: str,
                 language: str | None = None) -> None:
        self.stage: Final = stage
        self.rule: Final = rule
        self.raw_start: Final = raw_start
        self.raw_end: Final = raw_end
        self.text: Final = text
        self.language: Final = language

    def _key(self) -> tuple[object, ...]:
        return (self.stage, self.rule, self.raw_start, self.raw_end, self.text, self.language)

    def to_dict(self) -> dict[str, Any]:
        """As in the record: ``language`` only where a language stage set it."""
        data: dict[str, Any] = {"stage": self.stage, "rule": self.rule, "raw_start": self.raw_start,
                                "raw_end": self.raw_end, "text": self.text}
        if self.language is not None:
            data["language"] = self.language
        return data


class Block(Value):
    """A span of the decoded raw text (one line, or lines a stage joined).

    ``gap_before`` says the block was preceded by a blank line in the raw text:
    a structural cue (separation from the body) the boilerplate stages use.
    Immutable, and a compiled class (see ``archiver.core.value``): every document makes
    hundreds of blocks and every stage reads them, and a compiled class's fields
    are read directly where a named tuple's go through Python's attribute lookup.
    """

    __slots__ = ("dropped_by", "gap_before", "lang", "raw_end", "raw_start", "repairs", "text")

    def __init__(self, raw_start: int, raw_end: int, text: str, gap_before: bool = False,
                 repairs: tuple[Repair, ...] = (), dropped_by: tuple[str, str] | None = None,
                 lang: LanguageTag | None = None) -> None:
        self.raw_start: Final = raw_start
        self.raw_end: Final = raw_end
        self.text: Final = text
        self.gap_before: Final = gap_before
        self.repairs: Final = repairs
        self.dropped_by: Final = dropped_by  # (stage, rule)
        self.lang: Final = lang

    def _key(self) -> tuple[object, ...]:
        return (self.raw_start, self.raw_end, self.text, self.gap_before, self.repairs, self.dropped_by, self.lang)

    @property
    def kept(self) -> bool:
        return self.dropped_by is None

    def edited(self, text: str, repairs: tuple[Repair, ...], raw_end: int | None = None) -> Block:
        """A copy with new text and ledger; a join also extends the span to ``raw_end``."""
        return Block(self.raw_start, self.raw_end if raw_end is None else raw_end, text, self.gap_before, repairs,
                     self.dropped_by, self.lang)

    def repaired(self, stage: str, rule: str, new_text: str) -> Block:
        """A copy with ``new_text`` and one more repair (over the block's whole span) in its ledger."""
        entry = Repair(stage, rule, self.raw_start, self.raw_end, self.text, new_text)
        return self.edited(new_text, (*self.repairs, entry))

    def dropped(self, stage: str, rule: str) -> Block:
        return Block(self.raw_start, self.raw_end, self.text, self.gap_before, self.repairs, (stage, rule), self.lang)

    def undropped(self) -> Block:
        """The block kept again: a drop the pipeline does not trust is taken back (see ``run_stages``)."""
        return Block(self.raw_start, self.raw_end, self.text, self.gap_before, self.repairs, None, self.lang)

    def tagged(self, lang: LanguageTag) -> Block:
        return Block(self.raw_start, self.raw_end, self.text, self.gap_before, self.repairs, self.dropped_by, lang)


METADATA_FIELDS: tuple[str, ...] = (
    "title", "subtitle", "authors", "date", "date_text", "dateline", "publication", "url",
)


def empty_metadata() -> dict[str, Any]:
    """Metadata with every known field present, so records have one shape."""
    return {name: ([] if name == "authors" else None) for name in METADATA_FIELDS}
