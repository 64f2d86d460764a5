"""Where in the raw file a text-derived metadata field was read: the line's raw offsets.

A field read from the text (``metadata_sources`` says ``text``) came from one line: the title from a headline,
the authors from a byline, the date from a timestamp. The stages that read them leave a trace in the ledger
(the line is removed as ``metadata.<field>``), or keep the line (a dateline stays in the first paragraph).
The record names that line by its raw span, so a reviewer can see what a field was read from and ``validate``
can check it lies in the raw file. Found from the blocks after cleaning, not reported by each stage: a line
that a stage claimed for a field (its rule names the field) is preferred, then any line that holds the
field's text.
"""

from __future__ import annotations

from typing import Any

from archiver.core import rules
from archiver.core.model import Block

# The text each field's value was read from: a name for authors, the date as written for the date.
_NEEDLE_FIELDS = ("title", "subtitle", "authors", "date", "date_text", "dateline", "publication")


def _needle(field: str, metadata: dict[str, Any]) -> str | None:
    value = metadata.get("date_text") if field == "date" else metadata.get(field)
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) and value.strip() else None


def metadata_lines(blocks: list[Block], metadata: dict[str, Any], sources: dict[str, str]
                   ) -> dict[str, dict[str, int]]:
    """``{field: {"raw_start", "raw_end"}}`` for each field read from the text whose line is found."""
    out: dict[str, dict[str, int]] = {}
    for field in _NEEDLE_FIELDS:
        needle = _needle(field, metadata) if sources.get(field) == "text" else None
        if needle is None:
            continue
        holders = [b for b in blocks if needle in b.text]
        # a line lifted into metadata whose rule names the field ("title" also finds a subtitle's line)
        claimed = [b for b in holders if rules.metadata_fields(b) and field.split("_")[0] in rules.dropped_rule(b)]
        found = claimed or holders
        if found:
            out[field] = {"raw_start": found[0].raw_start, "raw_end": found[0].raw_end}
    return out
